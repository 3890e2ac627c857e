import nock from 'nock';
import { perform } from '../../triggers/note_updated';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import noteFixture from '../fixtures/note.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';

const poll = async (note: Record<string, unknown>) => {
  nock(API, CONTACTS_VERSION)
    .get(`/contacts/${CONTACT}/notes`)
    .reply(200, { notes: [note] });
  const [item] = (await appTester(perform, { authData, inputData: { contactId: CONTACT } })) as Record<string, unknown>[];
  return item;
};

describe('triggers.note_updated', () => {
  it('gives a note a new id after each edit of its text, title, pinned state or author; the real id stays in noteId', async () => {
    const first = await poll(noteFixture.note);
    expect(first.id).toMatch(/^Nt4rW8yB2dF6hJ0kL3mP:[0-9a-f]{12}$/);
    expect((await poll({ ...noteFixture.note })).id).toBe(first.id);
    const ids = new Set([first.id]);
    for (const change of [{ body: 'Edited text' }, { title: 'New title' }, { pinned: true }, { userId: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn' }]) {
      const item = await poll({ ...noteFixture.note, ...change });
      expect(item.noteId).toBe('Nt4rW8yB2dF6hJ0kL3mP');
      ids.add(item.id);
    }
    expect(ids.size).toBe(5);
  });
});
