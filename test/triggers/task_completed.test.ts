import nock from 'nock';
import App from '../../index';
import { TASK_COMPLETED_KEY, perform } from '../../triggers/task_completed';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { firstPoll, laterPoll, newZap, pagedTaskSearch, taskItem } from '../helpers/polls';

const SEARCH = `/locations/${LOCATION_ID}/tasks/search`;
const LENA = 'ocQHyuzHvysMo5N5VsXc';
type Row = Record<string, unknown>;

/** The location's tasks as HighLevel holds them: the search and the contacts' task lists both read this list. */
const location = (initial: Row[]) => {
  let tasks = initial;
  const lookups: string[] = [];
  const contactReads: string[] = [];
  const poll = async (zap: string, first = false): Promise<Row[]> => {
    nock.cleanAll();
    nock(API, CONTACTS_VERSION)
      .post(SEARCH)
      .times(10)
      .reply(pagedTaskSearch(() => tasks).reply);
    nock(API, CONTACTS_VERSION)
      .get(/^\/contacts\/[^/]+$/)
      .times(10)
      .reply((uri) => {
        const contactId = uri.split('/')[2] ?? '';
        contactReads.push(contactId);
        return [200, { contact: { id: contactId, firstNameRaw: 'Lena', firstName: 'lena', lastName: 'Vogt', email: 'lena.vogt@example.com' } }];
      });
    nock(API, CONTACTS_VERSION)
      .get(/^\/contacts\/[^/]+\/tasks$/)
      .times(10)
      .reply((uri) => {
        const contactId = uri.split('/')[2] ?? '';
        lookups.push(contactId);
        return contactId === 'GoneContact000000000'
          ? [404, { statusCode: 404, message: 'Contact not found' }]
          : [200, { tasks: tasks.filter((t) => t.contactId === contactId) }];
      });
    return (await appTester(perform, { authData, inputData: {}, meta: first ? firstPoll(zap) : laterPoll(zap) })) as Row[];
  };
  return { poll, lookups, contactReads, set: (next: Row[]) => (tasks = next) };
};

describe('triggers.task_completed', () => {
  it('without a Zap (sample): completed tasks, one request, with the id `<taskId>:completed`', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(SEARCH, { limit: 100, skip: 0, completed: true })
      .reply(200, {
        tasks: [
          { id: 'p8RbN2cVx4Lz6Hj0Kq3W', title: 'Send Pilates Level 1 welcome pack', dueDate: '2026-06-05T15:00:00.000Z', completed: true, contactId: LENA },
        ],
      });
    const result = (await appTester(perform, { authData, inputData: {} }, true)) as Row[];
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([
      expect.objectContaining({ id: 'p8RbN2cVx4Lz6Hj0Kq3W:completed', taskId: 'p8RbN2cVx4Lz6Hj0Kq3W', completed: true, status: 'completed' }),
    ]);
  });

  it('reports an old open task completed behind 150 newer completed ones, once; again after re-opening and completing it', async () => {
    const zap = newZap();
    const old = taskItem(1, false);
    const done = Array.from({ length: 150 }, (_, i) => taskItem(100 + i, true));
    const loc = location([old, ...done]);
    expect(await loc.poll(zap, true)).toEqual([]);
    expect(await loc.poll(zap)).toEqual([]);
    loc.set([{ ...old, completed: true }, ...done]);
    const first = await loc.poll(zap);
    expect(first.map((t) => [t.taskId, t.completed])).toEqual([[old.id, true]]);
    expect(String(first[0]?.id)).toMatch(new RegExp(`^${String(old.id)}:completed:\\d{4}-`));
    expect(loc.lookups).toEqual([LENA]);
    // The contact's task list has no contact details: the contact is read, as New Task's search items name it.
    expect(loc.contactReads).toEqual([LENA]);
    expect(first[0]).toMatchObject({ contactName: 'Lena Vogt', contactEmail: 'lena.vogt@example.com' });
    expect(await loc.poll(zap)).toEqual([]);
    loc.set([old, ...done]);
    expect(await loc.poll(zap)).toEqual([]);
    loc.set([{ ...old, completed: true }, ...done]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await loc.poll(zap);
    expect(second.map((t) => t.taskId)).toEqual([old.id]);
    expect(second[0]?.id).not.toBe(first[0]?.id);
  });

  it('a task deleted (or its contact deleted) is forgotten, not reported', async () => {
    const zap = newZap();
    const loc = location([taskItem(1, false), taskItem(2, false, 'GoneContact000000000')]);
    await loc.poll(zap, true);
    loc.set([]);
    expect(await loc.poll(zap)).toEqual([]);
    loc.set([]);
    expect(await loc.poll(zap)).toEqual([]);
    expect(loc.lookups.sort()).toEqual(['GoneContact000000000', LENA]);
  });

  it('states its reach', () => {
    expect(App.triggers?.[TASK_COMPLETED_KEY]?.display.description).toMatch(/completing it again after re-opening it triggers again/);
    expect(App.triggers?.[TASK_COMPLETED_KEY]?.display.description).toMatch(/reads the open tasks \(up to 1,000\)/);
  });
});
