import nock from 'nock';
import { perform } from '../../creates/task_update';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import taskFixture from '../fixtures/task.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const TASK = 'k3QdT8vLm2Ws5Xy7Za1B';
const PATH = `/contacts/${CONTACT}/tasks/${TASK}`;

describe('creates.task_update', () => {
  it('sends only the fields given when title and due date are among them (no read first)', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .put(PATH, { title: 'Follow up (2nd try)', dueDate: '2026-07-08T17:00:00Z', completed: false })
      .reply(200, { task: { ...taskFixture.task, title: 'Follow up (2nd try)', dueDate: '2026-07-08T17:00:00.000Z' } });
    const result = await appTester(perform, {
      authData,
      inputData: { contactId: CONTACT, taskId: TASK, title: 'Follow up (2nd try)', dueDate: '2026-07-08', completed: 'false', body: '', assignedTo: '' },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ taskId: TASK, title: 'Follow up (2nd try)', dueDate: '2026-07-08T17:00:00.000Z' });
  });

  it('reads the task first and keeps its title and due date when only other fields change', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(PATH)
      .reply(200, taskFixture)
      .put(PATH, { title: 'Follow up: finished Pilates Level 1', dueDate: '2026-07-01T15:00:00Z', assignedTo: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' })
      .reply(200, { task: { ...taskFixture.task, assignedTo: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' } });
    const result = await appTester(perform, { authData, inputData: { contactId: CONTACT, taskId: TASK, assignedTo: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ assignedTo: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' });
  });

  it.each([
    [{ contactId: CONTACT, taskId: TASK }, /Fill in at least one of Title, Description, Due Date, Assigned User or Completed/],
    [{ contactId: CONTACT, title: 'x' }, /Task is required/],
    [{ contactId: CONTACT, taskId: 'x?y=1', title: 'x' }, /Task "x\?y=1" is not a valid HighLevel ID/],
    [{ contactId: CONTACT, taskId: TASK, dueDate: '31/31/2026' }, /Due Date "31\/31\/2026" is not a date/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).get(/tasks/).reply(200, taskFixture).put(/tasks/).reply(200, taskFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('reports a missing task (404 on the read) without sending the update', async () => {
    const read = nock(API, CONTACTS_VERSION).get(PATH).reply(404, { statusCode: 404, message: 'Task not found' });
    const write = nock(API).put(PATH).reply(200, taskFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, taskId: TASK, body: 'x' } }));
    expect(read.isDone()).toBe(true);
    expect(write.isDone()).toBe(false);
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/getting the task/);
  });
});
