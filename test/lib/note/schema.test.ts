import { LOCATION_ID } from '../../helpers/app';
import noteFixture from '../../fixtures/note.json';
import notesFixture from '../../fixtures/notes.json';
import { newestNotesFirst, noteFromRest, noteHash, noteOutputFields, noteSample } from '../../../lib/note/schema';

const keysOf = (fields: { key: string }[]) => fields.map((f) => f.key);

describe('note schema', () => {
  it('maps every fixture, and the sample has exactly the keys a mapped GET answer has', () => {
    const fromGet = noteFromRest(noteFixture.note, LOCATION_ID);
    expect(Object.keys(fromGet).sort()).toEqual(Object.keys(noteSample).sort());
    for (const raw of notesFixture.notes) {
      expect(Object.keys(noteFromRest(raw, LOCATION_ID))).toEqual(expect.arrayContaining(Object.keys(noteSample)));
    }
    expect(Object.keys(noteSample)).toEqual(expect.arrayContaining(keysOf(noteOutputFields)));
  });

  it('sorts newest first by dateAdded', () => {
    const notes = newestNotesFirst(notesFixture.notes.map((n) => noteFromRest(n)));
    expect(notes.map((n) => n.noteId)).toEqual(['Nt4rW8yB2dF6hJ0kL3mP', 'Qa1Sd3Fg5Hj7Kl9Zx2Cv', 'Bn4Mq6Wr8Ty0Ui2Op4As']);
  });

  it('changes the hash with text, title, pinned or author, not with the date', () => {
    const base = noteFromRest(noteFixture.note);
    const same = noteHash(base);
    expect(noteHash(noteFromRest({ ...noteFixture.note, dateAdded: '2020-01-01T00:00:00.000Z' }))).toBe(same);
    for (const change of [{ body: 'x' }, { title: 'x' }, { pinned: true }, { userId: 'someoneElse' }]) {
      expect(noteHash({ ...base, ...change })).not.toBe(same);
    }
  });
});
