import nock from 'nock';
import { perform } from '../../searches/contact_find_by_id';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import contactFixture from '../fixtures/contact.json';

describe('searches.contact_find_by_id', () => {
  it('gets the contact and returns it as a one-item list', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/contacts/ocQHyuzHvysMo5N5VsXc').reply(200, contactFixture);
    const results = (await appTester(perform, { authData, inputData: { contactId: ' ocQHyuzHvysMo5N5VsXc ' } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([
      expect.objectContaining({ id: 'ocQHyuzHvysMo5N5VsXc', name: 'Lena Vogt', phone: '+4917112345678', tags: ['tc-enrolled:pilates-level-1', 'newsletter'] }),
    ]);
  });

  it('returns [] when HighLevel answers 404', async () => {
    nock(API, CONTACTS_VERSION).get('/contacts/gone1234567890abcdef').reply(404, { statusCode: 404, message: 'Contact not found' });
    expect(await appTester(perform, { authData, inputData: { contactId: 'gone1234567890abcdef' } })).toEqual([]);
  });

  it.each(['../locations/x', 'a/b', '%2e%2e', 'a b', ''])('rejects the contact id %j with no request sent', async (contactId) => {
    const scope = nock(API).get(/.*/).reply(200, contactFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { contactId } }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(error.message).toMatch(contactId ? /Contact ".*" is not a valid HighLevel ID/ : /Contact is required/);
    expect(scope.isDone()).toBe(false);
  });

  it('explains a 5xx', async () => {
    nock(API).get('/contacts/ocQHyuzHvysMo5N5VsXc').reply(503, 'Service Unavailable');
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc' } }));
    expect(error.message).toMatch(/server error \(503\) while getting the contact/);
  });
});
