import nock from 'nock';
import { perform } from '../../creates/contact_workflow_remove';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const WORKFLOW = '78559bb3-b920-461e-b010-7b2a2816d2a9';
const PATH = `/contacts/${CONTACT}/workflow/${WORKFLOW}`;

describe('creates.contact_workflow_remove', () => {
  it('sends DELETE with the required JSON body {}', async () => {
    const scope = nock(API, { reqheaders: { ...CONTACTS_VERSION.reqheaders, 'content-type': /application\/json/ } })
      .delete(PATH, {})
      .reply(200, { succeded: true });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, workflowId: WORKFLOW } })).toMatchObject({
      contactId: CONTACT,
      workflowId: WORKFLOW,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('halts (not fails) when HighLevel removed nothing', async () => {
    nock(API).delete(PATH).reply(200, { succeded: false });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, workflowId: WORKFLOW } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/removed nothing: contact ocQHyuzHvysMo5N5VsXc is not in that workflow/);
  });

  it('rejects a hostile contact id with no request sent', async () => {
    const any = nock(API).delete(/.*/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: 'a/../b', workflowId: WORKFLOW } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(any.isDone()).toBe(false);
  });
});
