import nock from 'nock';
import App from '../../index';
import { CONTACT_DELETE_KEY, perform } from '../../creates/contact_delete';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const ID = 'ocQHyuzHvysMo5N5VsXc';

describe('creates.contact_delete', () => {
  it('deletes the contact and confirms it', async () => {
    const scope = nock(API, CONTACTS_VERSION).delete(`/contacts/${ID}`).reply(200, { succeded: true, traceId: 't' });
    expect(await appTester(perform, { authData, inputData: { contactId: ID } })).toEqual({ id: ID, deleted: true });
    expect(scope.isDone()).toBe(true);
  });

  it('says clearly when the contact does not exist', async () => {
    nock(API, CONTACTS_VERSION).delete(`/contacts/${ID}`).reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ID } }));
    expect(error).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no contact with the ID ocQHyuzHvysMo5N5VsXc: it may already have been deleted/),
    });
  });

  it('never reports success when HighLevel says it did not delete', async () => {
    nock(API).delete(`/contacts/${ID}`).reply(200, { succeded: false });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ID } }));
    expect(error.message).toMatch(/did not delete contact/);
  });

  it.each(['../locations/x', 'a/b', '%2e%2e'])('rejects the contact id %j with no request sent', async (contactId) => {
    const scope = nock(API).delete(/.*/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(scope.isDone()).toBe(false);
  });

  it('explains a 403', async () => {
    nock(API).delete(`/contacts/${ID}`).reply(403, { statusCode: 403, message: 'Forbidden' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ID } }));
    expect(error.message).toMatch(/HighLevel refused deleting the contact \(403 Forbidden/);
  });

  it('warns that deleting cannot be undone', () => {
    const create = App.creates?.[CONTACT_DELETE_KEY];
    expect(create?.display.description).toMatch(/cannot be undone/);
    expect(create?.operation.inputFields?.[0]).toMatchObject({ type: 'copy', helpText: expect.stringMatching(/cannot be undone/) });
  });
});
