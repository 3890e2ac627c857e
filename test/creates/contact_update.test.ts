import nock from 'nock';
import App from '../../index';
import { CONTACT_UPDATE_KEY, perform } from '../../creates/contact_update';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import updateFixture from '../fixtures/contact_update.json';

const ID = 'ocQHyuzHvysMo5N5VsXc';

describe('creates.contact_update', () => {
  it('sends only the fields filled in, validated, and returns the updated contact', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .put(`/contacts/${ID}`, { email: 'lena@vogt-pilates.example.com', city: 'Bonn', country: 'DE', dnd: false })
      .reply(200, updateFixture);
    const result = await appTester(perform, {
      authData,
      inputData: {
        contactId: ID,
        email: 'Lena@Vogt-Pilates.example.com',
        city: 'Bonn',
        country: 'germany',
        dnd: 'no',
        firstName: '',
        phone: '',
        phoneCountry: 'US',
      },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: ID, email: 'lena@vogt-pilates.example.com', city: 'Bonn', dateUpdated: '2026-06-12T07:45:10.004Z' });
  });

  it("never sends tags, gender or companyName (not in HighLevel's update DTO), so tags are never wiped", async () => {
    const scope = nock(API, CONTACTS_VERSION).put(`/contacts/${ID}`, { firstName: 'Lena' }).reply(200, updateFixture);
    await appTester(perform, { authData, inputData: { contactId: ID, firstName: 'Lena', tags: ['x'], gender: 'female', companyName: 'Other' } });
    expect(scope.isDone()).toBe(true);
    const keys = (App.creates?.[CONTACT_UPDATE_KEY]?.operation.inputFields ?? []).map((f) => (typeof f === 'function' ? '' : f.key));
    expect(keys).toEqual(expect.not.arrayContaining(['tags', 'gender', 'companyName']));
    expect(keys[0]).toBe('contactId');
  });

  it('refuses an update with nothing to change, with no request sent', async () => {
    const scope = nock(API).put(/.*/).reply(200, updateFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ID, firstName: ' ', phoneCountry: 'US' } }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Nothing to update/) });
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    [{ contactId: '../locations/x', firstName: 'A' }, /Contact "..\/locations\/x" is not a valid HighLevel ID/],
    [{ contactId: 'a/b', firstName: 'A' }, /Contact "a\/b" is not a valid HighLevel ID/],
    [{ contactId: '%2e%2e', firstName: 'A' }, /Contact "%2e%2e" is not a valid HighLevel ID/],
    [{ firstName: 'A' }, /Contact is required/],
    [{ contactId: ID, email: 'x@' }, /Email "x@" is not a valid email address/],
    [{ contactId: ID, phone: '000' }, /Phone "000" is not a valid phone number/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const scope = nock(API).put(/.*/).reply(200, updateFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('explains a 404 (the contact is gone)', async () => {
    nock(API).put(`/contacts/${ID}`).reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ID, firstName: 'Lena' } }));
    expect(error).toMatchObject({
      status: 404,
      message: expect.stringMatching(/could not find what was asked for while updating the contact .*Check that the ID is right/),
    });
  });

  it('names the offending property on a 422', async () => {
    nock(API)
      .put(`/contacts/${ID}`)
      .reply(422, { statusCode: 422, message: ['property gender should not exist'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ID, firstName: 'Lena' } }));
    expect(error.message).toMatch(/Check the field "gender"/);
  });

  it('offers the contact as a dropdown with a Find Contact search connector', () => {
    const field = App.creates?.[CONTACT_UPDATE_KEY]?.operation.inputFields?.[0];
    expect(field).toMatchObject({ key: 'contactId', required: true, dynamic: 'contact_list.id.name', search: 'contact_find.id' });
  });
});
