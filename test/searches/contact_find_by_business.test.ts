import nock from 'nock';
import { perform } from '../../searches/contact_find_by_business';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import businessFixture from '../fixtures/contact_business.json';

const BUSINESS_ID = '65f1c2d3e4a5b6c7d8e9f0a1';

describe('searches.contact_find_by_business', () => {
  it('lists the first 100 contacts of the business', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query({ locationId: LOCATION_ID, limit: '100', skip: '0' })
      .reply(200, businessFixture);
    const results = (await appTester(perform, { authData, inputData: { businessId: BUSINESS_ID, query: '' } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => [r.id, r.name, r.businessId])).toEqual([
      ['ocQHyuzHvysMo5N5VsXc', 'Lena Vogt', BUSINESS_ID],
      ['qS5tU7vW9xY1zA3bC5dE', 'Max Vogt', BUSINESS_ID],
    ]);
  });

  it('passes the search text along', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query({ locationId: LOCATION_ID, limit: '100', skip: '0', query: 'max' })
      .reply(200, { contacts: [businessFixture.contacts[1]], count: 1 });
    const results = await appTester(perform, { authData, inputData: { businessId: BUSINESS_ID, query: ' max ' } });
    expect(scope.isDone()).toBe(true);
    expect(results).toHaveLength(1);
  });

  it.each([
    ['no contacts', 200, { contacts: [], count: 0 }],
    ['a 404', 404, { statusCode: 404, message: 'Business not found' }],
  ])('returns [] for %s', async (_name, status, reply) => {
    nock(API).get(`/contacts/business/${BUSINESS_ID}`).query(true).reply(status, reply);
    expect(await appTester(perform, { authData, inputData: { businessId: BUSINESS_ID } })).toEqual([]);
  });

  it.each(['../locations/x', 'a/b', '%2e%2e'])('rejects the business id %j with no request sent', async (businessId) => {
    const scope = nock(API).get(/.*/).reply(200, businessFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { businessId } }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Business ".*" is not a valid HighLevel ID/) });
    expect(scope.isDone()).toBe(false);
  });

  it('explains a 422', async () => {
    nock(API)
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query(true)
      .reply(422, { statusCode: 422, message: ['limit must be a number string'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: { businessId: BUSINESS_ID } }));
    expect(error.message).toMatch(/rejected listing the contacts of the business because some values are not valid: limit must be/);
  });

  it('refuses an unpaired surrogate in Search Text with a clear message, not a raw URIError (issue 11)', async () => {
    const scope = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData: { businessId: '65f1c2d3e4a5b6c7d8e9f0a1', query: 'vo\ud800gt' } }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input', message: expect.stringMatching(/^Search Text contains a broken character/) });
    expect(scope.isDone()).toBe(false);
  });
});
