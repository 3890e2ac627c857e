import nock from 'nock';
import { perform } from '../../triggers/task_completed';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';

describe('triggers.task_completed', () => {
  it('searches completed tasks only and gives each item the id `<taskId>:completed`', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(`/locations/${LOCATION_ID}/tasks/search`, { limit: 100, completed: true })
      .reply(200, {
        tasks: [
          {
            id: 'p8RbN2cVx4Lz6Hj0Kq3W',
            title: 'Send Pilates Level 1 welcome pack',
            dueDate: '2026-06-05T15:00:00.000Z',
            completed: true,
            contactId: 'ocQHyuzHvysMo5N5VsXc',
          },
        ],
      });
    const result = (await appTester(perform, { authData, inputData: {} })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([
      expect.objectContaining({ id: 'p8RbN2cVx4Lz6Hj0Kq3W:completed', taskId: 'p8RbN2cVx4Lz6Hj0Kq3W', completed: true, status: 'completed' }),
    ]);
  });
});
