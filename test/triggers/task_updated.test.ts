import nock from 'nock';
import App from '../../index';
import { TASK_UPDATED_KEY, perform } from '../../triggers/task_updated';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { pagedTaskSearch } from '../helpers/polls';
import taskFixture from '../fixtures/task.json';
import searchFixture from '../fixtures/task_search.json';

const SEARCH = `/locations/${LOCATION_ID}/tasks/search`;
type Row = Record<string, unknown>;

const pollWith = async (tasks: Row[]): Promise<Row[]> => {
  nock.cleanAll();
  nock(API, CONTACTS_VERSION)
    .post(SEARCH)
    .times(10)
    .reply(pagedTaskSearch(() => tasks).reply);
  return (await appTester(perform, { authData, inputData: {} }, true)) as Row[];
};

describe('triggers.task_updated', () => {
  it('lists the most recently updated tasks first when the search items carry dateUpdated', async () => {
    const items = await pollWith(searchFixture.tasks);
    expect(items.map((t) => t.taskId)).toEqual(['k3QdT8vLm2Ws5Xy7Za1B', 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', 'Zc4Vb6Nm8Qw0Er2Ty5Ui']);
  });

  it('gives a task the same id while it is unchanged, and a new one after each edit, keeping the real id in taskId', async () => {
    const [first] = await pollWith([taskFixture.task]);
    const [again] = await pollWith([{ ...taskFixture.task }]);
    const [edited] = await pollWith([{ ...taskFixture.task, dueDate: '2026-07-03T15:00:00.000Z' }]);
    const [reassigned] = await pollWith([{ ...taskFixture.task, assignedTo: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' }]);
    const [done] = await pollWith([{ ...taskFixture.task, completed: true }]);

    expect(first?.id).toMatch(/^k3QdT8vLm2Ws5Xy7Za1B:[0-9a-f]{12}$/);
    expect(again?.id).toBe(first?.id);
    expect(new Set([first?.id, edited?.id, reassigned?.id, done?.id]).size).toBe(4);
    for (const item of [first, edited, reassigned, done]) expect(item?.taskId).toBe('k3QdT8vLm2Ws5Xy7Za1B');
  });

  it('sees an old open task being completed behind 150 newer completed ones (it reads both sets to their end)', async () => {
    const old = { ...taskFixture.task, completed: false };
    const completed = Array.from({ length: 150 }, (_, i) => ({ ...taskFixture.task, id: `Dn${String(i).padStart(18, '0')}`, completed: true }));
    const before = await pollWith([old, ...completed]);
    const after = await pollWith([{ ...old, completed: true }, ...completed]);
    const id = (items: Row[]) => items.find((t) => t.taskId === old.id)?.id;
    expect(id(after)).toBeDefined();
    expect(id(after)).not.toBe(id(before));
  });

  it('states its reach', () => {
    expect(App.triggers?.[TASK_UPDATED_KEY]?.display.description).toMatch(/reads up to 1,000 tasks, open ones first/);
  });
});
