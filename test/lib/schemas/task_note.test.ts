import { noteHash, noteOutputFields, noteSample, newestNotesFirst, toNoteOutput } from '../../../lib/schemas/note';
import { taskHash, taskOutputFields, taskSample, toTaskOutput } from '../../../lib/schemas/task';
import { LOCATION_ID } from '../../helpers/app';
import noteFixture from '../../fixtures/note.json';
import notesFixture from '../../fixtures/notes.json';
import taskFixture from '../../fixtures/task.json';
import tasksFixture from '../../fixtures/tasks.json';
import taskSearchFixture from '../../fixtures/task_search.json';

const keysOf = (fields: { key: string }[]) => fields.map((f) => f.key);

describe('task schema', () => {
  it('maps every fixture, and the sample has exactly the keys a mapped GET answer has', () => {
    const fromGet = toTaskOutput(taskFixture.task, LOCATION_ID);
    expect(fromGet).toEqual(taskSample);
    for (const raw of [...tasksFixture.tasks, ...taskSearchFixture.tasks]) {
      expect(Object.keys(toTaskOutput(raw, LOCATION_ID))).toEqual(expect.arrayContaining(Object.keys(taskSample)));
    }
    expect(Object.keys(taskSample)).toEqual(expect.arrayContaining(keysOf(taskOutputFields)));
  });

  it('reads the `_id` of task-search items as the task id', () => {
    const task = toTaskOutput(taskSearchFixture.tasks[0], LOCATION_ID);
    expect(task).toMatchObject({ id: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', taskId: 'Wm5Tq9Yx1Ab3Cd7Ef2Gh', status: 'open' });
  });

  it('fills in empty values and the contact taken from the path', () => {
    expect(toTaskOutput({ id: 'abc' }, LOCATION_ID, 'ocQHyuzHvysMo5N5VsXc')).toMatchObject({
      title: '',
      body: '',
      dueDate: '',
      completed: false,
      status: 'open',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      contactUrl: expect.stringContaining('/contacts/detail/ocQHyuzHvysMo5N5VsXc'),
    });
  });

  it('changes the hash when a field a user can edit changes, and only then', () => {
    const base = toTaskOutput(taskFixture.task);
    const same = taskHash(base);
    expect(same).toMatch(/^[0-9a-f]{12}$/);
    expect(taskHash({ ...base })).toBe(same);
    expect(taskHash({ ...base, contactUrl: 'x' } as typeof base)).toBe(same);
    for (const change of [{ title: 'x' }, { body: 'x' }, { dueDate: '2026-07-02T15:00:00.000Z' }, { completed: true }, { assignedTo: '' }]) {
      expect(taskHash({ ...base, ...change })).not.toBe(same);
    }
  });
});

describe('note schema', () => {
  it('maps every fixture, and the sample has exactly the keys a mapped GET answer has', () => {
    const fromGet = toNoteOutput(noteFixture.note, LOCATION_ID);
    expect(Object.keys(fromGet).sort()).toEqual(Object.keys(noteSample).sort());
    for (const raw of notesFixture.notes) {
      expect(Object.keys(toNoteOutput(raw, LOCATION_ID))).toEqual(expect.arrayContaining(Object.keys(noteSample)));
    }
    expect(Object.keys(noteSample)).toEqual(expect.arrayContaining(keysOf(noteOutputFields)));
  });

  it('sorts newest first by dateAdded', () => {
    const notes = newestNotesFirst(notesFixture.notes.map((n) => toNoteOutput(n)));
    expect(notes.map((n) => n.noteId)).toEqual(['Nt4rW8yB2dF6hJ0kL3mP', 'Qa1Sd3Fg5Hj7Kl9Zx2Cv', 'Bn4Mq6Wr8Ty0Ui2Op4As']);
  });

  it('changes the hash with text, title, pinned or author, not with the date', () => {
    const base = toNoteOutput(noteFixture.note);
    const same = noteHash(base);
    expect(noteHash(toNoteOutput({ ...noteFixture.note, dateAdded: '2020-01-01T00:00:00.000Z' }))).toBe(same);
    for (const change of [{ body: 'x' }, { title: 'x' }, { pinned: true }, { userId: 'someoneElse' }]) {
      expect(noteHash({ ...base, ...change })).not.toBe(same);
    }
  });
});
