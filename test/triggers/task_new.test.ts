import nock from 'nock';
import App from '../../index';
import { TASK_NEW_KEY, perform } from '../../triggers/task_new';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import { pagedTaskSearch, taskItem } from '../helpers/polls';
import searchFixture from '../fixtures/task_search.json';

const SEARCH = `/locations/${LOCATION_ID}/tasks/search`;
type Row = Record<string, unknown>;

/** Each test starts with an empty z.cache (the remembered page size of the task search lives there). */
const run = (inputData: Row = {}) => appTester(perform, { authData, inputData }, true) as Promise<Row[]>;

describe('triggers.task_new', () => {
  it('reads the open tasks, then the completed ones, each to its end, and returns them newest first', async () => {
    const completed = { ...searchFixture.tasks[0], _id: 'Dn1Tq9Yx1Ab3Cd7Ef2Gh', completed: true, dateAdded: '2026-06-13T08:00:00.000Z' };
    const search = pagedTaskSearch(() => [...searchFixture.tasks, completed]);
    nock(API, CONTACTS_VERSION).post(SEARCH).times(5).reply(search.reply);
    const result = await run();
    // Open: one short page, then one check that the short page was the end (HighLevel states no maximum limit); then completed.
    expect(search.bodies).toEqual([
      { limit: 100, skip: 0, completed: false },
      { limit: 100, skip: 3, completed: false },
      { limit: 100, skip: 0, completed: true },
    ]);
    expect(result.map((t) => t.id)).toEqual(['Dn1Tq9Yx1Ab3Cd7Ef2Gh', 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', 'k3QdT8vLm2Ws5Xy7Za1B', 'Zc4Vb6Nm8Qw0Er2Ty5Ui']);
    expect(result[2]).toMatchObject({
      taskId: 'k3QdT8vLm2Ws5Xy7Za1B',
      title: 'Follow up: finished Pilates Level 1',
      dueDate: '2026-07-01T15:00:00.000Z',
      status: 'open',
      contactUrl: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/ocQHyuzHvysMo5N5VsXc`,
    });
  });

  it('sees a new task whatever the order: 150 older tasks first, the new one on the last page', async () => {
    const tasks = [...Array.from({ length: 150 }, (_, i) => taskItem(i, i % 2 === 0)), taskItem(999, false)];
    const search = pagedTaskSearch(() => tasks);
    nock(API, CONTACTS_VERSION).post(SEARCH).times(10).reply(search.reply);
    const result = await run();
    expect(result.map((t) => t.id)).toContain(taskItem(999, false).id);
    expect(result).toHaveLength(151);
  });

  it('finds a silent cap on the page size (a short page followed by more) and pages at that size', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => taskItem(i, false));
    const search = pagedTaskSearch(() => tasks, 25);
    nock(API, CONTACTS_VERSION).post(SEARCH).times(10).reply(search.reply);
    const result = await run();
    expect(result).toHaveLength(60);
    expect(search.bodies.filter((b) => b.completed === false).map((b) => b.skip)).toEqual([0, 25, 50]);
  });

  it('leaves out a completed set it could not read to its end (an arbitrary part of an unordered list)', async () => {
    const tasks = [taskItem(1, false), ...Array.from({ length: 2000 }, (_, i) => taskItem(100 + i, true))];
    const search = pagedTaskSearch(() => tasks);
    nock(API, CONTACTS_VERSION).post(SEARCH).times(20).reply(search.reply);
    const result = await run();
    expect(search.bodies).toHaveLength(10);
    expect(result.map((t) => t.id)).toEqual([taskItem(1, false).id]);
    // The next poll (within the hour) does not try the completed set again: the open tasks only, one request.
    const again = (await appTester(perform, { authData, inputData: {} })) as Row[];
    expect(again).toHaveLength(1);
    expect(search.bodies).toHaveLength(11);
  });

  it('starts no further page once half of the 30 s Zapier gives a poll is gone, and then trusts no partial set', async () => {
    const tasks = Array.from({ length: 350 }, (_, i) => taskItem(i, false));
    const search = pagedTaskSearch(() => tasks);
    // A HighLevel that takes 8 s per page (the clock moves on with each answer).
    const real = Date.now.bind(Date);
    let slow = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => real() + slow);
    nock(API, CONTACTS_VERSION)
      .post(SEARCH)
      .times(10)
      .reply((uri, body) => {
        slow += 8000;
        return search.reply(uri, body);
      });
    try {
      const result = await run();
      // Two pages of open tasks (16 s): no third page, and the completed ones are not asked for.
      expect(search.bodies).toEqual([
        { limit: 100, skip: 0, completed: false },
        { limit: 100, skip: 100, completed: false },
      ]);
      expect(result).toHaveLength(200);
    } finally {
      clock.mockRestore();
    }
  });

  it('narrows the search to one contact and one assignee, as one-item lists', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(SEARCH, { limit: 100, contactId: ['ocQHyuzHvysMo5N5VsXc'], assignedTo: ['Yh3pQ5Wmg4rVd8xNt2Ke'], completed: false, skip: 0 })
      .reply(200, { tasks: [] })
      .post(SEARCH, { limit: 100, contactId: ['ocQHyuzHvysMo5N5VsXc'], assignedTo: ['Yh3pQ5Wmg4rVd8xNt2Ke'], completed: true, skip: 0 })
      .reply(200, { tasks: [] });
    const result = await run({ contactId: 'ocQHyuzHvysMo5N5VsXc', assignedTo: ' Yh3pQ5Wmg4rVd8xNt2Ke ' });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([]);
  });

  it('states its reach', () => {
    expect(App.triggers?.[TASK_NEW_KEY]?.display.description).toMatch(/reads up to 1,000 tasks .*instant New Task trigger/);
  });

  it('rejects a bad contact id before sending anything', async () => {
    const scope = nock(API).post(SEARCH).reply(200, searchFixture);
    const error = await thrown(run({ contactId: '../locations/x' }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/Contact "\.\.\/locations\/x" is not a valid HighLevel ID/);
    expect(scope.isDone()).toBe(false);
  });

  it('fails the step (not the connection) when it lacks the task-search scope, without sending', async () => {
    const scope = nock(API).post(SEARCH).reply(200, searchFixture);
    const error = await thrown(appTester(perform, { authData: { ...authData, scope: 'contacts.readonly contacts.write' }, inputData: {} }));
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope' });
    expect(error.message).toMatch(/"locations\/tasks\.readonly" permission/);
    expect(scope.isDone()).toBe(false);
  });

  it("reports HighLevel's 422 message", async () => {
    nock(API, CONTACTS_VERSION)
      .post(SEARCH)
      .reply(422, { statusCode: 422, message: ['limit must not be greater than 50'], error: 'Unprocessable Entity' });
    const error = await thrown(run());
    expect(error.message).toMatch(/HighLevel rejected searching tasks because some values are not valid: limit must not be greater than 50/);
  });
});
