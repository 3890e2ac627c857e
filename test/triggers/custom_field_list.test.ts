import nock from 'nock';
import { perform } from '../../triggers/custom_field_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import fixture from '../fixtures/custom_fields.json';

describe('triggers.custom_field_list (custom field dropdown)', () => {
  it('lists the contact custom fields with one GET, sorted by name and labelled with their type; file uploads are left out', async () => {
    const scope = nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, fixture);
    const results = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.name)).toEqual([...results.map((r) => r.name)].sort((a, b) => String(a).localeCompare(String(b))));
    expect(results.map((r) => r.id)).not.toContain('Fu2lM3nO4pQ5rS6tU7vW');
    expect(results).toHaveLength(fixture.customFields.length - 1);
    expect(results.find((r) => r.id === 'kL9pM2xQ7rT4vW1yZ3aB')).toEqual({
      id: 'kL9pM2xQ7rT4vW1yZ3aB',
      name: 'T-shirt Size',
      label: 'T-shirt Size (single option)',
      fieldKey: 'contact.t_shirt_size',
      dataType: 'SINGLE_OPTIONS',
    });
    expect(results.find((r) => r.id === 'Mo4dE5fG6hI7jK8lM9nO')).toMatchObject({ label: 'Lifetime Value (amount)' });
  });

  it('keeps only contact fields when HighLevel also sends other models', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}/customFields`)
      .query(true)
      .reply(200, { customFields: [{ ...fixture.customFields[0], model: 'opportunity', id: 'OpP0rTuN1tYf1eLd0000' }, fixture.customFields[1]] });
    expect(((await appTester(perform, { authData })) as { id: string }[]).map((r) => r.id)).toEqual(['Tx1aB2cD3eF4gH5iJ6kL']);
  });

  it('says clearly when the answer cannot be read, without a raw schema error', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}/customFields`)
      .query(true)
      .reply(200, { customFields: [{ id: 12, name: null }] });
    const error = await thrown(appTester(perform, { authData }));
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(error.message).toMatch(/custom-field list the app cannot read while listing the custom fields/);
    expect(error.message).not.toMatch(/ZodError|invalid_type/);
  });
});
