import nock from 'nock';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/task_new_instant';
import { taskOutputFields } from '../../lib/task/schema';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, setRelayEnv, taskEvent } from '../helpers/hooks';
import taskFixture from '../fixtures/task.json';
import taskSearch from '../fixtures/task_search.json';

type Item = Record<string, unknown>;
const SEARCH = `/locations/${LOCATION_ID}/tasks/search`;
const hook = (payload: Record<string, unknown>, inputData: Record<string, unknown> = {}) =>
  appTester(perform, { authData, inputData, ...hookBundle(deliveryBody('task.created', payload)) }) as Promise<Item[]>;

describe('triggers.task_new_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'task.created', pollingLabel: 'New Task' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it("outputs the task of a complete TaskCreate body with every key New Task outputs, open (from the event type); the contact's name and email read, as the task search gives New Task them", async () => {
      // The body carries no contact details: the contact is read (New Task's search items carry contactDetails).
      const contact = nock(API, CONTACTS_VERSION)
        .get('/contacts/CWBf1PR9LvvBkcYqiXlc')
        .reply(200, { contact: { id: 'CWBf1PR9LvvBkcYqiXlc', firstName: 'John', lastName: 'Deo', email: 'john.deo@example.com', locationId: LOCATION_ID } });
      const [item] = await hook(taskEvent('TaskCreate'));
      expect(contact.isDone()).toBe(true);
      expect(item).toMatchObject({ contactName: 'John Deo', contactEmail: 'john.deo@example.com' });
      expect(item).toMatchObject({
        id: 'UlRWGLSXh0ji5qbiGu4i',
        taskId: 'UlRWGLSXh0ji5qbiGu4i',
        title: 'Loram ipsum',
        body: 'Loram ipsum',
        dueDate: '2021-11-26T12:41:02.193Z',
        completed: false,
        status: 'open',
        assignedTo: '63e4qiWDsFJjOYAC8phG',
        contactId: 'CWBf1PR9LvvBkcYqiXlc',
        contactUrl: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/CWBf1PR9LvvBkcYqiXlc`,
      });
      expect(taskOutputFields.map((f) => f.key).filter((k) => !(k in item))).toEqual([]);
      expect(item).not.toHaveProperty('type');
    });

    it('reads the task from the task search when a live TaskCreate lacks contactId and body (issue #332): by title, the id decides', async () => {
      const scope = nock(API, CONTACTS_VERSION).post(SEARCH, { query: 'Follow up: finished Pilates Level 1', limit: 100 }).reply(200, taskSearch);
      const payload = taskEvent('TaskCreate', { id: 'k3QdT8vLm2Ws5Xy7Za1B', title: 'Follow up: finished Pilates Level 1' });
      delete (payload as Record<string, unknown>).contactId;
      delete (payload as Record<string, unknown>).body;
      const [item] = await hook(payload);
      expect(scope.isDone()).toBe(true);
      expect(item).toMatchObject({
        id: 'k3QdT8vLm2Ws5Xy7Za1B',
        contactId: 'ocQHyuzHvysMo5N5VsXc',
        body: 'Lena completed the course on TrainerCentral. Offer the Level 2 bundle.',
        completed: false,
      });
    });

    it("takes the contact's name and email from the task search's contactDetails when the task was read there: no contact read", async () => {
      const scope = nock(API, CONTACTS_VERSION).post(SEARCH, { query: 'Call back about the Q3 workshop', limit: 100 }).reply(200, taskSearch);
      const payload = taskEvent('TaskCreate', { id: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', title: 'Call back about the Q3 workshop' });
      delete (payload as Record<string, unknown>).contactId;
      delete (payload as Record<string, unknown>).body;
      const [item] = await hook(payload);
      expect(scope.isDone()).toBe(true);
      expect(nock.pendingMocks()).toEqual([]);
      expect(item).toMatchObject({ id: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', contactName: 'Lena Vogt', contactEmail: 'lena.vogt@example.com' });
    });

    it('reads the task of its contact when only the body is missing', async () => {
      const scope = nock(API, CONTACTS_VERSION).get('/contacts/ocQHyuzHvysMo5N5VsXc/tasks/k3QdT8vLm2Ws5Xy7Za1B').reply(200, taskFixture);
      const payload = taskEvent('TaskCreate', { id: 'k3QdT8vLm2Ws5Xy7Za1B', contactId: 'ocQHyuzHvysMo5N5VsXc' });
      delete (payload as Record<string, unknown>).body;
      const [item] = await hook(payload);
      expect(scope.isDone()).toBe(true);
      expect(item).toMatchObject({ body: taskFixture.task.body, title: taskFixture.task.title, assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke' });
    });

    it("leaves the contact's name and email null when the contact cannot be read, and outputs the task all the same", async () => {
      nock(API, CONTACTS_VERSION).get('/contacts/CWBf1PR9LvvBkcYqiXlc').reply(404, { statusCode: 404, message: 'Contact not found' });
      const [item] = await hook(taskEvent('TaskCreate'));
      expect(item).toMatchObject({ id: 'UlRWGLSXh0ji5qbiGu4i', contactName: null, contactEmail: null });
    });

    it('keeps the event body when the task is gone', async () => {
      nock(API, CONTACTS_VERSION).get('/contacts/ocQHyuzHvysMo5N5VsXc/tasks/k3QdT8vLm2Ws5Xy7Za1B').reply(404, { statusCode: 404, message: 'Not found' });
      const payload = taskEvent('TaskCreate', { id: 'k3QdT8vLm2Ws5Xy7Za1B', contactId: 'ocQHyuzHvysMo5N5VsXc' });
      delete (payload as Record<string, unknown>).body;
      expect((await hook(payload)).map((t) => [t.id, t.title])).toEqual([['k3QdT8vLm2Ws5Xy7Za1B', 'Loram ipsum']]);
    });

    it('applies the contact and user filters to the task', async () => {
      expect(await hook(taskEvent('TaskCreate'), { contactId: 'someoneElse00000000a' })).toEqual([]);
      expect(await hook(taskEvent('TaskCreate'), { assignedTo: 'anotherUser000000000' })).toEqual([]);
      expect(await hook(taskEvent('TaskCreate'), { contactId: 'CWBf1PR9LvvBkcYqiXlc', assignedTo: '63e4qiWDsFJjOYAC8phG' })).toHaveLength(1);
    });
  });

  it('performList is one page of the task search', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(SEARCH, { limit: 100, skip: 0 }).reply(200, taskSearch);
    const items = (await appTester(performList, { authData })) as Item[];
    expect(scope.isDone()).toBe(true);
    expect(items.length).toBe(taskSearch.tasks.length);
  });
});
