import nock from 'nock';
import { perform } from '../../creates/task_complete';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import taskFixture from '../fixtures/task.json';

const PATH = '/contacts/ocQHyuzHvysMo5N5VsXc/tasks/k3QdT8vLm2Ws5Xy7Za1B/completed';
const input = { contactId: 'ocQHyuzHvysMo5N5VsXc', taskId: 'k3QdT8vLm2Ws5Xy7Za1B' };

describe('creates.task_complete', () => {
  it('marks the task completed by default', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .put(PATH, { completed: true })
      .reply(200, { task: { ...taskFixture.task, completed: true } });
    const result = await appTester(perform, { authData, inputData: input });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ taskId: 'k3QdT8vLm2Ws5Xy7Za1B', completed: true, status: 'completed' });
  });

  it('re-opens the task when Completed is No', async () => {
    const scope = nock(API, CONTACTS_VERSION).put(PATH, { completed: false }).reply(200, taskFixture);
    const result = await appTester(perform, { authData, inputData: { ...input, completed: 'no' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ completed: false, status: 'open' });
  });

  it('rejects a bad task id and a bad yes/no before sending anything', async () => {
    const scope = nock(API)
      .put(/completed/)
      .reply(200, taskFixture);
    expect((await thrown(appTester(perform, { authData, inputData: { ...input, taskId: '../x' } }))).message).toMatch(
      /Task "\.\.\/x" is not a valid HighLevel ID/,
    );
    expect((await thrown(appTester(perform, { authData, inputData: { ...input, completed: 'perhaps' } }))).message).toMatch(/Completed must be yes or no/);
    expect(scope.isDone()).toBe(false);
  });

  it('reports a task that does not exist', async () => {
    nock(API, CONTACTS_VERSION).put(PATH).reply(404, { statusCode: 404, message: 'Task not found' });
    const error = await thrown(appTester(perform, { authData, inputData: input }));
    expect(error.status).toBe(404);
  });
});
