import nock from 'nock';
import { perform } from '../../creates/contact_upsert';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import upsertFixture from '../fixtures/contact_upsert.json';
import contactFixture from '../fixtures/contact.json';

describe('creates.contact_upsert', () => {
  it('upserts with locationId, tags and company, and reports a new contact', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/upsert', {
        locationId: LOCATION_ID,
        firstName: 'Jonas',
        lastName: 'Becker',
        email: 'jonas.becker@example.com',
        phone: '+4915112345678',
        companyName: 'Becker GmbH',
        source: 'CentralStationCRM',
        tags: ['crm-import'],
      })
      .reply(200, upsertFixture);
    const result = await appTester(perform, {
      authData,
      inputData: {
        firstName: 'Jonas',
        lastName: 'Becker',
        email: 'jonas.becker@example.com',
        phone: '+49 151 12345678',
        phoneCountry: 'US',
        companyName: 'Becker GmbH',
        source: 'CentralStationCRM',
        tags: 'crm-import',
      },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'pR4sT6uV8wX0yZ2aB4cD', name: 'Jonas Becker', isNew: true });
  });

  it('reports an updated contact as isNew false', async () => {
    nock(API, CONTACTS_VERSION)
      .post('/contacts/upsert', { locationId: LOCATION_ID, email: 'lena.vogt@example.com', city: 'Köln' })
      .reply(200, { new: false, contact: contactFixture.contact, traceId: 't' });
    const result = await appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', city: 'Köln' } });
    expect(result).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc', isNew: false });
  });

  it.each([
    [{ firstName: 'Jonas', lastName: 'Becker' }, /Fill in Email or Phone/],
    [{ email: 'jonas@', firstName: 'Jonas' }, /Email "jonas@" is not a valid email address/],
    [{ phone: 'call me' }, /Phone "call me" is not a valid phone number/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const scope = nock(API).post(/.*/).reply(200, upsertFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(scope.isDone()).toBe(false);
  });

  it('refuses to report success when HighLevel answers without a contact', async () => {
    nock(API).post('/contacts/upsert').reply(200, { new: true, traceId: 't' });
    const error = await thrown(appTester(perform, { authData, inputData: { email: 'jonas.becker@example.com' } }));
    expect(error.message).toMatch(/answered without the contact/);
  });

  it('explains a 400 from HighLevel', async () => {
    nock(API).post('/contacts/upsert').reply(400, { statusCode: 400, message: 'Invalid phone number' });
    const error = await thrown(appTester(perform, { authData, inputData: { email: 'jonas.becker@example.com' } }));
    expect(error.message).toMatch(/HighLevel rejected creating or updating the contact \(400\): Invalid phone number/);
  });
});
