import nock from 'nock';
import { perform } from '../../searches/contact_find';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import contactFixture from '../fixtures/contact.json';

describe('searches.contact_find', () => {
  it("looks the contact up by email with HighLevel's duplicate lookup", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/contacts/search/duplicate')
      .query({ locationId: LOCATION_ID, email: 'lena.vogt@example.com' })
      .reply(200, contactFixture);
    const results = (await appTester(perform, { authData, inputData: { email: ' Lena.Vogt@Example.com ', phone: '', phoneCountry: 'US' } })) as Record<
      string,
      unknown
    >[];
    expect(scope.isDone()).toBe(true);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc', name: 'Lena Vogt', email: 'lena.vogt@example.com' });
  });

  it('sends the phone as `number` in E.164, with the "+" encoded as %2B', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get((path) => path === `/contacts/search/duplicate?locationId=${LOCATION_ID}&number=%2B491711234567`)
      .reply(200, contactFixture);
    const results = await appTester(perform, { authData, inputData: { phone: '0171 1234567', phoneCountry: 'DE' } });
    expect(scope.isDone()).toBe(true);
    expect(results).toHaveLength(1);
  });

  it('sends both email and phone when both are given', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/contacts/search/duplicate')
      .query({ locationId: LOCATION_ID, email: 'lena.vogt@example.com', number: '+15415550123' })
      .reply(200, contactFixture);
    await appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', phone: '(541) 555-0123', phoneCountry: 'US' } });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['{contact: null}', 200, { contact: null, traceId: 't' }],
    ['a 404', 404, { statusCode: 404, message: 'Contact not found' }],
  ])('returns [] for %s', async (_name, status, reply) => {
    nock(API, CONTACTS_VERSION).get('/contacts/search/duplicate').query(true).reply(status, reply);
    expect(await appTester(perform, { authData, inputData: { email: 'nobody@example.com' } })).toEqual([]);
  });

  it.each([
    [{}, /Fill in Email or Phone/],
    [{ email: ' ', phone: '' }, /Fill in Email or Phone/],
    [{ email: 'lena@' }, /Email "lena@" is not a valid email address/],
    [{ phone: '12' }, /Phone "12" is not a valid phone number/],
    [{ phone: '0171 1234567', phoneCountry: 'Germany' }, /Default Phone Country "Germany" is not a two-letter country code/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).get(/.*/).reply(200, contactFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('passes other errors on (a 403 is not "not found")', async () => {
    nock(API).get('/contacts/search/duplicate').query(true).reply(403, { statusCode: 403, message: 'Forbidden' });
    const error = await thrown(appTester(perform, { authData, inputData: { email: 'lena@example.com' } }));
    expect(error.message).toMatch(/HighLevel refused looking up the contact \(403 Forbidden/);
  });
});
