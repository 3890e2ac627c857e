import nock from 'nock';
import { perform } from '../../creates/contact_workflow_add';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const WORKFLOW = '78559bb3-b920-461e-b010-7b2a2816d2a9';
const PATH = `/contacts/${CONTACT}/workflow/${WORKFLOW}`;

describe('creates.contact_workflow_add', () => {
  it('adds the contact with an empty body when no start time is given', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(PATH, {}).reply(200, { succeded: true });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, workflowId: WORKFLOW, eventStartTime: '' } })).toEqual({
      id: CONTACT,
      contactId: CONTACT,
      workflowId: WORKFLOW,
      eventStartTime: null,
      contactUrl: `https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/${CONTACT}`,
    });
    expect(scope.isDone()).toBe(true);
  });

  it("sends the event start time as ISO 8601 with the offset, reading a bare time in the user's zone", async () => {
    const scope = nock(API, CONTACTS_VERSION).post(PATH, { eventStartTime: '2026-06-24T09:00:00+02:00' }).reply(200, { succeded: true });
    const result = await appTester(perform, {
      authData,
      inputData: { contactId: CONTACT, workflowId: WORKFLOW, eventStartTime: '2026-06-24 09:00' },
      meta: { timezone: 'Europe/Berlin' },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ eventStartTime: '2026-06-24T09:00:00+02:00' });
  });

  it('never reports success when HighLevel says it did not add the contact', async () => {
    nock(API).post(PATH).reply(200, { succeded: false });
    expect((await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, workflowId: WORKFLOW } }))).message).toMatch(/did not add contact/);
  });

  it.each([
    [{ workflowId: WORKFLOW }, /Contact is required/],
    [{ contactId: CONTACT }, /Workflow is required/],
    [{ contactId: CONTACT, workflowId: '../../locations' }, /Workflow "\.\.\/\.\.\/locations" is not a valid HighLevel ID/],
    [{ contactId: CONTACT, workflowId: WORKFLOW, eventStartTime: 'soon' }, /Event Start Time "soon"/],
    [{ contactId: CONTACT, workflowId: WORKFLOW, eventStartTime: '2026-06-24' }, /has no time of day/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const any = nock(API).post(/.*/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });

  it('explains a missing workflow (404)', async () => {
    nock(API, CONTACTS_VERSION).post(PATH).reply(404, { statusCode: 404, message: 'Workflow not found', error: 'Not Found' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, workflowId: WORKFLOW } }));
    expect(error.message).toMatch(/while adding the contact to the workflow \(404: Workflow not found\)/);
  });
});
