import nock from 'nock';
import { perform } from '../../creates/contact_upsert';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import upsertFixture from '../fixtures/contact_upsert.json';
import contactFixture from '../fixtures/contact.json';

describe('creates.contact_upsert', () => {
  it('upserts with locationId and company, then adds the tags, and reports a new contact', async () => {
    const upsert = nock(API, CONTACTS_VERSION)
      .post('/contacts/upsert', {
        locationId: LOCATION_ID,
        firstName: 'Jonas',
        lastName: 'Becker',
        email: 'jonas.becker@example.com',
        phone: '+4915112345678',
        companyName: 'Becker GmbH',
        source: 'CentralStationCRM',
      })
      .reply(200, { ...upsertFixture, contact: { ...upsertFixture.contact, tags: [] } });
    const tags = nock(API, CONTACTS_VERSION)
      .post('/contacts/pR4sT6uV8wX0yZ2aB4cD/tags', { tags: ['crm-import'] })
      .reply(201, { tags: ['crm-import'] });
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
    expect(upsert.isDone() && tags.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'pR4sT6uV8wX0yZ2aB4cD', name: 'Jonas Becker', isNew: true, tags: ['crm-import'] });
  });

  describe('tags are added, never silently replaced (issue 10)', () => {
    const existing = { ...contactFixture.contact, tags: ['newsletter', 'vip'] };

    it("keeps a matched contact's other tags: no tags in the upsert, then POST /contacts/{id}/tags", async () => {
      const upsert = nock(API, CONTACTS_VERSION)
        .post('/contacts/upsert', (body: Record<string, unknown>) => !('tags' in body) && body.email === 'lena.vogt@example.com')
        .reply(200, { new: false, contact: existing, traceId: 't' });
      const add = nock(API, CONTACTS_VERSION)
        .post(`/contacts/${existing.id}/tags`, { tags: ['tc-enrolled', 'VIP'] })
        .reply(201, { tags: ['tc-enrolled', 'vip'] });
      const result = await appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', tags: 'tc-enrolled, VIP' } });
      expect(upsert.isDone() && add.isDone()).toBe(true);
      // The answer of the add may be the whole list or only the added tags (undocumented): the output has every tag once.
      expect(result).toMatchObject({ id: existing.id, isNew: false, tags: ['newsletter', 'vip', 'tc-enrolled'] });
    });

    it('with Replace All Tags, sends the tags in the upsert (one request) and reports exactly them', async () => {
      const upsert = nock(API, CONTACTS_VERSION)
        .post('/contacts/upsert', { locationId: LOCATION_ID, email: 'lena.vogt@example.com', tags: ['tc-enrolled'] })
        .reply(200, { new: false, contact: { ...existing, tags: ['tc-enrolled'] }, traceId: 't' });
      const add = nock(API)
        .post(/\/tags$/)
        .reply(201, { tags: [] });
      const result = await appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', tags: ['tc-enrolled'], replaceTags: 'yes' } });
      expect(upsert.isDone()).toBe(true);
      expect(add.isDone()).toBe(false);
      expect(result).toMatchObject({ tags: ['tc-enrolled'] });
      nock.cleanAll();
    });

    it.each([[{}], [{ replaceTags: true }], [{ replaceTags: 'no', tags: '' }]])('sends no tags at all when none are given (%j): one request', async (extra) => {
      const upsert = nock(API, CONTACTS_VERSION)
        .post('/contacts/upsert', { locationId: LOCATION_ID, email: 'lena.vogt@example.com' })
        .reply(200, { new: false, contact: existing, traceId: 't' });
      const add = nock(API)
        .post(/\/tags$/)
        .reply(201, { tags: [] });
      const result = await appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', ...extra } });
      expect(upsert.isDone()).toBe(true);
      expect(add.isDone()).toBe(false);
      expect(result).toMatchObject({ tags: ['newsletter', 'vip'] });
      nock.cleanAll();
    });

    it('refuses a Replace All Tags that is not yes or no, with no request sent', async () => {
      const scope = nock(API).post(/.*/).reply(200, upsertFixture);
      const error = await thrown(appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', tags: 'a', replaceTags: 'maybe' } }));
      expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Replace All Tags must be yes or no/) });
      expect(scope.isDone()).toBe(false);
      nock.cleanAll();
    });

    it('says the contact was written when adding its tags fails, and that a replay is safe', async () => {
      nock(API, CONTACTS_VERSION).post('/contacts/upsert').reply(200, { new: false, contact: existing, traceId: 't' });
      nock(API, CONTACTS_VERSION)
        .post(`/contacts/${existing.id}/tags`)
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const error = await thrown(appTester(perform, { authData, inputData: { email: 'lena.vogt@example.com', tags: 'tc-enrolled' } }));
      expect(error.message).toMatch(
        new RegExp(`^HighLevel updated the contact \\(${existing.id}\\), but its tags were not added: The connection to HighLevel broke`),
      );
      expect(error.message).toMatch(/Replaying this step is safe/);
    });
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
