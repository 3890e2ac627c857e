import { LOCATION_ID } from '../../helpers/app';
import taskFixture from '../../fixtures/task.json';
import tasksFixture from '../../fixtures/tasks.json';
import taskSearchFixture from '../../fixtures/task_search.json';
import { taskFromRest, taskFromSearch, taskHash, taskOutputFields, taskSample } from '../../../lib/task/schema';

const keysOf = (fields: { key: string }[]) => fields.map((f) => f.key);

describe('task schema', () => {
  it('maps every fixture, and the sample has exactly the keys a mapped GET answer has', () => {
    const fromGet = taskFromRest(taskFixture.task, LOCATION_ID);
    // The answer has no names: the sample shows what the operations add from the user list (lib/user/names.ts).
    expect(fromGet).toEqual({ ...taskSample, assignedToName: null, assignedToEmail: null, contactName: null, contactEmail: null });
    for (const raw of tasksFixture.tasks) {
      expect(Object.keys(taskFromRest(raw, LOCATION_ID))).toEqual(expect.arrayContaining(Object.keys(taskSample)));
    }
    for (const raw of taskSearchFixture.tasks) {
      expect(Object.keys(taskFromSearch(raw, LOCATION_ID))).toEqual(expect.arrayContaining(Object.keys(taskSample)));
    }
    expect(Object.keys(taskSample)).toEqual(expect.arrayContaining(keysOf(taskOutputFields)));
  });

  it("reads the contact's name and email from a search item's contactDetails, null where an answer has none", () => {
    expect(taskFromSearch(taskSearchFixture.tasks[0], LOCATION_ID)).toMatchObject({ contactName: 'Lena Vogt', contactEmail: 'lena.vogt@example.com' });
    expect(taskFromSearch({ _id: 'abc', contactDetails: { firstName: ' ', email: '' } }, LOCATION_ID)).toMatchObject({ contactName: null, contactEmail: null });
    expect(taskFromRest(taskFixture.task, LOCATION_ID)).toMatchObject({ contactName: null, contactEmail: null });
  });

  it('names the contact of contactDetails as contacts are named: real-case parts, never a lower-cased whole (issue 21)', () => {
    const details = { firstName: 'lena', firstNameRaw: 'Lena', lastName: 'vogt', lastNameRaw: 'Vogt', contactName: 'lena vogt', email: 'lena@example.com' };
    expect(taskFromSearch({ _id: 'abc', contactDetails: details }, LOCATION_ID)).toMatchObject({ contactName: 'Lena Vogt' });
    expect(taskFromSearch({ _id: 'abc', contactDetails: { firstName: 'Lena', lastName: 'Vogt', name: 'lena vogt' } }, LOCATION_ID)).toMatchObject({
      contactName: 'Lena Vogt',
    });
  });

  it('reads the `_id` of task-search items as the task id', () => {
    const task = taskFromSearch(taskSearchFixture.tasks[0], LOCATION_ID);
    expect(task).toMatchObject({ id: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', taskId: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', status: 'open' });
  });

  it('fills in empty values and the contact taken from the path', () => {
    expect(taskFromRest({ id: 'abc' }, LOCATION_ID, 'ocQHyuzHvysMo5N5VsXc')).toMatchObject({
      title: '',
      body: '',
      dueDate: null,
      completed: false,
      status: 'open',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      contactUrl: expect.stringContaining('/contacts/detail/ocQHyuzHvysMo5N5VsXc'),
    });
  });

  it('changes the hash when a field a user can edit changes, and only then', () => {
    const base = taskFromRest(taskFixture.task);
    const same = taskHash(base);
    expect(same).toMatch(/^[0-9a-f]{12}$/);
    expect(taskHash({ ...base })).toBe(same);
    expect(taskHash({ ...base, contactUrl: 'x' } as typeof base)).toBe(same);
    for (const change of [{ title: 'x' }, { body: 'x' }, { dueDate: '2026-07-02T15:00:00.000Z' }, { completed: true }, { assignedTo: '' }]) {
      expect(taskHash({ ...base, ...change })).not.toBe(same);
    }
  });
});
