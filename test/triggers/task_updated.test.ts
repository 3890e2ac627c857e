import nock from 'nock';
import { perform } from '../../triggers/task_updated';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import taskFixture from '../fixtures/task.json';
import searchFixture from '../fixtures/task_search.json';

const SEARCH = `/locations/${LOCATION_ID}/tasks/search`;

const poll = async (task: Record<string, unknown>) => {
  nock(API, CONTACTS_VERSION)
    .post(SEARCH, { limit: 100 })
    .reply(200, { tasks: [task] });
  const [item] = (await appTester(perform, { authData, inputData: {} })) as Record<string, unknown>[];
  return item;
};

describe('triggers.task_updated', () => {
  it('lists the most recently updated tasks first when the search items carry dateUpdated', async () => {
    nock(API, CONTACTS_VERSION).post(SEARCH, { limit: 100 }).reply(200, searchFixture);
    const items = (await appTester(perform, { authData, inputData: {} })) as Record<string, unknown>[];
    expect(items.map((t) => t.taskId)).toEqual(['k3QdT8vLm2Ws5Xy7Za1B', 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', 'Zc4Vb6Nm8Qw0Er2Ty5Ui']);
  });

  it('gives a task the same id while it is unchanged, and a new one after each edit, keeping the real id in taskId', async () => {
    const first = await poll(taskFixture.task);
    const again = await poll({ ...taskFixture.task });
    const edited = await poll({ ...taskFixture.task, dueDate: '2026-07-03T15:00:00.000Z' });
    const reassigned = await poll({ ...taskFixture.task, assignedTo: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' });

    expect(first.id).toMatch(/^k3QdT8vLm2Ws5Xy7Za1B:[0-9a-f]{12}$/);
    expect(again.id).toBe(first.id);
    expect(edited.id).not.toBe(first.id);
    expect(reassigned.id).not.toBe(first.id);
    expect(reassigned.id).not.toBe(edited.id);
    for (const item of [first, edited, reassigned]) expect(item.taskId).toBe('k3QdT8vLm2Ws5Xy7Za1B');
  });
});
