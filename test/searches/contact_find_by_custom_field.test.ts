import nock from 'nock';
import { perform } from '../../searches/contact_find_by_custom_field';
import contactFixture from '../fixtures/contact.json';
import customFieldsFixture from '../fixtures/custom_fields.json';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';

const fieldList = () =>
  nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).once().reply(200, customFieldsFixture);

describe('searches.contact_find_by_custom_field', () => {
  it('searches with a typed value on customFields.<id>, newest first, and reuses the field list for readable keys', async () => {
    const fields = fieldList();
    const search = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', {
        locationId: LOCATION_ID,
        pageLimit: 10,
        filters: [{ field: 'customFields.Nm3cD4eF5gH6iJ7kL8mN', operator: 'eq', value: 12 }],
        sort: [{ field: 'dateUpdated', direction: 'desc' }],
      })
      .reply(200, { contacts: [contactFixture.contact], total: 1 });
    const results = await appTester(perform, { authData, inputData: { customFieldId: 'Nm3cD4eF5gH6iJ7kL8mN', value: ' 12 ' } });
    expect(fields.isDone() && search.isDone()).toBe(true);
    expect(results).toHaveLength(1);
    expect(results).toMatchObject([{ id: 'ocQHyuzHvysMo5N5VsXc', custom: { t_shirt_size: 'M' } }]);
  });

  it('returns [] when nothing matches', async () => {
    fieldList();
    nock(API, CONTACTS_VERSION).post('/contacts/search').reply(200, { contacts: [], total: 0 });
    expect(await appTester(perform, { authData, inputData: { customFieldId: 'kL9pM2xQ7rT4vW1yZ3aB', value: 'XL' } })).toEqual([]);
  });

  it.each([
    [{ customFieldId: 'kL9pM2xQ7rT4vW1yZ3aB', value: 'XXL' }, /Value \(for the custom field "T-shirt Size"\) does not have the option "XXL"/],
    [{ customFieldId: 'notAFieldOfThisLoc1', value: 'x' }, /is not one of this location's contact custom fields/],
  ])('rejects %j before searching', async (inputData, message) => {
    fieldList();
    const search = nock(API).post('/contacts/search').reply(200, { contacts: [] });
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(search.isDone()).toBe(false);
  });

  it.each([
    [{ customFieldId: '../locations/x', value: 'x' }, /is not a valid HighLevel ID/],
    [{ customFieldId: 'kL9pM2xQ7rT4vW1yZ3aB', value: '  ' }, /Value is required/],
  ])('rejects %j with no request at all', async (inputData, message) => {
    const any = nock(API).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });
});
