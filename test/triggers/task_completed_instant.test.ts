import nock from 'nock';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/task_completed_instant';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, setRelayEnv, taskEvent } from '../helpers/hooks';
import taskSearch from '../fixtures/task_search.json';

type Item = Record<string, unknown>;
const hook = (payload: Record<string, unknown>, zapId = 'zap-1') =>
  appTester(perform, { authData, inputData: {}, ...hookBundle(deliveryBody('task.completed', payload), { zapId }) }) as Promise<Item[]>;

describe('triggers.task_completed_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'task.completed', pollingLabel: 'Task Completed' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it("outputs Task Completed's item: id <taskId>:completed:<when the relay received the event>, completed from the event type (the body has no flag), the contact's name read", async () => {
      const contact = nock(API, CONTACTS_VERSION)
        .get('/contacts/CWBf1PR9LvvBkcYqiXlc')
        .reply(200, { contact: { id: 'CWBf1PR9LvvBkcYqiXlc', firstName: 'John', lastName: 'Deo', contactName: 'john deo', email: 'john.deo@example.com' } });
      const [item] = await hook(taskEvent('TaskComplete'), 'zap-a');
      expect(contact.isDone()).toBe(true);
      expect(item).toMatchObject({
        id: 'UlRWGLSXh0ji5qbiGu4i:completed:2026-06-10T14:05:32.000Z',
        taskId: 'UlRWGLSXh0ji5qbiGu4i',
        completed: true,
        status: 'completed',
        contactName: 'John Deo',
        contactEmail: 'john.deo@example.com',
      });
    });

    it('marking a completed task completed again fires nothing; completing it after a change fires', async () => {
      expect(await hook(taskEvent('TaskComplete'), 'zap-b')).toHaveLength(1);
      expect(await hook(taskEvent('TaskComplete'), 'zap-b')).toEqual([]);
      expect(await hook(taskEvent('TaskComplete', { dueDate: '2021-12-01T09:00:00.000Z' }), 'zap-b')).toHaveLength(1);
    });
  });

  it('performList is one page of the completed tasks (ids <taskId>:completed)', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(`/locations/${LOCATION_ID}/tasks/search`, { completed: true, limit: 100, skip: 0 }).reply(200, taskSearch);
    const items = (await appTester(performList, { authData })) as Item[];
    expect(scope.isDone()).toBe(true);
    expect(items.every((i) => String(i.id).endsWith(':completed'))).toBe(true);
  });
});
