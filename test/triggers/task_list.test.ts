import nock from 'nock';
import { perform } from '../../triggers/task_list';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import tasksFixture from '../fixtures/tasks.json';

describe('triggers.task_list (dropdown)', () => {
  it('lists the tasks of the contact chosen on the action, with due date and state in the label', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/contacts/ocQHyuzHvysMo5N5VsXc/tasks').reply(200, tasksFixture);
    const result = await appTester(perform, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([
      { id: 'k3QdT8vLm2Ws5Xy7Za1B', label: 'Follow up: finished Pilates Level 1, due 2026-07-01' },
      { id: 'p8RbN2cVx4Lz6Hj0Kq3W', label: 'Send Pilates Level 1 welcome pack, due 2026-06-05, completed' },
      { id: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', label: 'Call back about the Q3 workshop, due 2026-06-20' },
    ]);
  });

  it('is empty, without a request, until a contact is chosen', async () => {
    const scope = nock(API).get(/tasks/).reply(200, tasksFixture);
    expect(await appTester(perform, { authData, inputData: {} })).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
