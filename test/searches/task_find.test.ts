import nock from 'nock';
import { perform } from '../../searches/task_find';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import taskFixture from '../fixtures/task.json';
import tasksFixture from '../fixtures/tasks.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';

describe('searches.task_find', () => {
  it('finds a task by id', async () => {
    const scope = nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/tasks/k3QdT8vLm2Ws5Xy7Za1B`).reply(200, taskFixture);
    const result = await appTester(perform, { authData, inputData: { contactId: CONTACT, taskId: 'k3QdT8vLm2Ws5Xy7Za1B' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([expect.objectContaining({ id: 'k3QdT8vLm2Ws5Xy7Za1B', title: 'Follow up: finished Pilates Level 1' })]);
  });

  it('finds nothing ([]) for an id HighLevel does not know', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/tasks/gone1234`).reply(404, { statusCode: 404, message: 'Task not found' });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, taskId: 'gone1234' } })).toEqual([]);
  });

  it('finds by words in the title, ignoring case, exact title first, then later due date first', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/tasks`).reply(200, tasksFixture);
    const partial = (await appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'pilates LEVEL 1' } })) as Record<string, unknown>[];
    expect(partial.map((t) => t.id)).toEqual(['k3QdT8vLm2Ws5Xy7Za1B', 'p8RbN2cVx4Lz6Hj0Kq3W']);

    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/tasks`).reply(200, tasksFixture);
    const exact = (await appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'send pilates level 1 welcome pack' } })) as Record<
      string,
      unknown
    >[];
    expect(exact.map((t) => t.id)).toEqual(['p8RbN2cVx4Lz6Hj0Kq3W']);
  });

  it('keeps only open or completed tasks when asked', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/tasks`).reply(200, tasksFixture);
    const open = (await appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'Pilates', status: 'open' } })) as Record<string, unknown>[];
    expect(open.map((t) => t.id)).toEqual(['k3QdT8vLm2Ws5Xy7Za1B']);
  });

  it('finds nothing when no title matches', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/tasks`).reply(200, tasksFixture);
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'Yoga' } })).toEqual([]);
  });

  it.each([
    [{ contactId: CONTACT }, /Fill in Task or Title/],
    [{ title: 'x' }, /Contact is required/],
    [{ contactId: CONTACT, taskId: '../../x' }, /Task "\.\.\/\.\.\/x" is not a valid HighLevel ID/],
    [{ contactId: CONTACT, title: 'x', status: 'done' }, /Status must be any, open or completed/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).get(/tasks/).reply(200, tasksFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });
});
