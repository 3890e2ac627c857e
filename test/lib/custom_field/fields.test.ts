import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { loadContactCustomFields, withCustomValues } from '../../../lib/custom_field/api';
import { contactCustomFieldInputs, customFieldInput, customFieldsBody } from '../../../lib/custom_field/fields';
import { CustomField, readableCustomValues } from '../../../lib/custom_field/schema';
import { InvalidInput } from '../../../lib/input';
import fixture from '../../fixtures/custom_fields.json';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../../helpers/app';

const fields = fixture.customFields.map((f) => CustomField.parse(f));
const byName = (name: string) => {
  const field = fields.find((f) => f.name === name);
  if (!field) throw new Error(name);
  return field;
};
const key = (name: string) => `cf_${byName(name).id}`;

describe('custom field inputs from dataType', () => {
  it.each([
    ['Goals', {}],
    ['Health Notes', { type: 'text' }],
    ['Sessions Attended', { type: 'number' }],
    ['Lifetime Value', { type: 'number' }],
    ['Emergency Phone', {}],
    ['Work Email', {}],
    ['Enrolled On', { type: 'datetime' }],
    ['Interests', { list: true }],
    ['Preferred Days', { list: true }],
    ['Referral Codes', { list: true }],
  ])('%s', (name, expected) => {
    const input = customFieldInput(byName(name));
    expect(input).toMatchObject({ key: key(name), label: name, required: false });
    expect({ type: input.type, list: input.list }).toEqual({ type: undefined, list: undefined, ...expected });
    expect(input.helpText).toMatch(/e\.g\.|one of|text values/);
  });

  it('offers single options and radio buttons as choices from picklistOptions', () => {
    expect(customFieldInput(byName('T-shirt Size')).choices).toEqual(['S', 'M', 'L', 'XL'].map((o) => ({ value: o, label: o, sample: o })));
    expect(customFieldInput(byName('Experience Level')).choices).toHaveLength(3);
  });

  it('leaves file uploads out and fetches the list once per invocation', async () => {
    const scope = nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).once().reply(200, fixture);
    const inputs = await appTester(
      async (z: ZObject, bundle: Bundle) => {
        const [first] = await Promise.all([contactCustomFieldInputs(z, bundle), loadContactCustomFields(z, bundle)]);
        await loadContactCustomFields(z, bundle);
        return first;
      },
      { authData },
    );
    expect(scope.isDone()).toBe(true);
    expect(inputs.map((i) => i.label)).not.toContain('Signed Waiver');
    expect(inputs).toHaveLength(12);
  });
});

describe('custom field inputs when the list is malformed (issue 11)', () => {
  it('the editor gets the one bad-answer message, never a ZodError', async () => {
    nock(API)
      .get(`/locations/${LOCATION_ID}/customFields`)
      .query(true)
      .reply(200, { customFields: [{ id: 7, name: null }] });
    const error = await thrown(appTester((z: ZObject, bundle: Bundle) => contactCustomFieldInputs(z, bundle), { authData }));
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_response' });
    expect(error.message).toMatch(
      /^HighLevel answered with a custom-field list the app cannot read while listing the custom fields; it sent \{"customFields":\[\{"id":number,"name":null\}\]\}\./,
    );
    expect(error.message).not.toMatch(/Zod|invalid_type/);
  });
});

describe('custom field values on write', () => {
  it('sends each type in the shape HighLevel needs, and only the fields given', () => {
    const body = customFieldsBody(fields, {
      [key('T-shirt Size')]: 'm',
      [key('Sessions Attended')]: '12',
      [key('Lifetime Value')]: '1,104.50',
      [key('Emergency Phone')]: '+49 171 1234567',
      [key('Work Email')]: 'Lena@Example.com',
      [key('Enrolled On')]: '06/24/2026',
      [key('Interests')]: ['Pilates', 'yoga'],
      [key('Preferred Days')]: 'Mon, Fri',
      [key('Referral Codes')]: ['A1', 'B2'],
      [key('Goals')]: '',
      [key('Signed Waiver')]: 'https://example.com/waiver.pdf',
      firstName: 'Lena',
    });
    expect(body).toEqual([
      { id: byName('T-shirt Size').id, field_value: 'M' },
      { id: byName('Sessions Attended').id, field_value: 12 },
      { id: byName('Lifetime Value').id, field_value: 1104.5 },
      { id: byName('Emergency Phone').id, field_value: '+491711234567' },
      { id: byName('Work Email').id, field_value: 'lena@example.com' },
      { id: byName('Enrolled On').id, field_value: '2026-06-24' },
      { id: byName('Interests').id, field_value: ['Pilates', 'Yoga'] },
      { id: byName('Preferred Days').id, field_value: ['Mon', 'Fri'] },
      { id: byName('Referral Codes').id, field_value: ['A1', 'B2'] },
    ]);
  });

  it.each([
    ['Sessions Attended', 'twelve', /Custom field "Sessions Attended" must be a number/],
    ['T-shirt Size', 'XXL', /does not have the option "XXL": choose one of "S", "M", "L", "XL"/],
    ['Work Email', 'nope', /Custom field "Work Email" "nope" is not a valid email/],
    ['Enrolled On', 'soon', /Custom field "Enrolled On" "soon" is not a date/],
  ])('names the field and the problem: %s = %s', (name, value, message) => {
    expect(() => customFieldsBody(fields, { [key(name)]: value })).toThrow(InvalidInput);
    expect(() => customFieldsBody(fields, { [key(name)]: value })).toThrow(message);
  });
});

describe('custom field values on output', () => {
  it('puts values under readable keys beside the raw list', () => {
    expect(
      readableCustomValues(fields, [
        { id: byName('T-shirt Size').id, value: 'M' },
        { id: byName('Interests').id, value: ['Pilates'] },
        { id: 'unknownField0000000', value: 'x' },
      ]),
    ).toEqual({ t_shirt_size: 'M', interests: ['Pilates'] });
  });

  it('gives `custom` to each record that has values, whatever else the batch holds: the same record reads the same alone or in a poll (issue 21)', async () => {
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, fixture);
    const withValue = { id: 'a', customFields: [{ id: byName('T-shirt Size').id, value: 'M' }] };
    const without = { id: 'b', customFields: [] };
    const batch = await appTester((z: ZObject, bundle: Bundle) => withCustomValues(z, bundle, [withValue, without]), { authData });
    const alone = await appTester((z: ZObject, bundle: Bundle) => withCustomValues(z, bundle, [without]), { authData });
    expect(batch.map((r) => (r as { custom?: unknown }).custom)).toEqual([{ t_shirt_size: 'M' }, undefined]);
    expect(batch[1]).toEqual(alone[0]);
  });
});
