import nock from 'nock';
import { perform } from '../../creates/task_delete';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const PATH = '/contacts/ocQHyuzHvysMo5N5VsXc/tasks/k3QdT8vLm2Ws5Xy7Za1B';
const input = { contactId: 'ocQHyuzHvysMo5N5VsXc', taskId: 'k3QdT8vLm2Ws5Xy7Za1B' };

describe('creates.task_delete', () => {
  it('deletes the task and says which one', async () => {
    const scope = nock(API, CONTACTS_VERSION).delete(PATH).reply(200, { succeded: true });
    const result = await appTester(perform, { authData, inputData: input });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: 'k3QdT8vLm2Ws5Xy7Za1B', taskId: 'k3QdT8vLm2Ws5Xy7Za1B', contactId: 'ocQHyuzHvysMo5N5VsXc', deleted: true });
  });

  it('rejects a missing contact before sending anything', async () => {
    const scope = nock(API).delete(/tasks/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform, { authData, inputData: { taskId: 'k3QdT8vLm2Ws5Xy7Za1B' } }));
    expect(error.message).toMatch(/Contact is required/);
    expect(scope.isDone()).toBe(false);
  });

  it('reports a task that is already gone', async () => {
    nock(API, CONTACTS_VERSION).delete(PATH).reply(404, { statusCode: 404, message: 'Task not found' });
    const error = await thrown(appTester(perform, { authData, inputData: input }));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/HighLevel has no task with the ID .*Nothing was deleted/);
  });

  it('never reports success when HighLevel answers succeded: false', async () => {
    nock(API, CONTACTS_VERSION).delete(/tasks/).reply(200, { succeded: false });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc', taskId: 'k3QdT8vLm2Ws5Xy7Za1B' } }));
    expect(error).toMatchObject({ code: 'not_deleted', message: expect.stringMatching(/HighLevel did not delete task k3QdT8vLm2Ws5Xy7Za1B/) });
  });
});
