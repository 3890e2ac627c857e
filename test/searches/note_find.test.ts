import nock from 'nock';
import { perform } from '../../searches/note_find';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import noteFixture from '../fixtures/note.json';
import notesFixture from '../fixtures/notes.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';

describe('searches.note_find', () => {
  it('finds a note by id', async () => {
    const scope = nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes/Nt4rW8yB2dF6hJ0kL3mP`).reply(200, noteFixture);
    const result = await appTester(perform, { authData, inputData: { contactId: CONTACT, noteId: 'Nt4rW8yB2dF6hJ0kL3mP' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([expect.objectContaining({ id: 'Nt4rW8yB2dF6hJ0kL3mP', title: 'Call with Lena' })]);
  });

  it('finds nothing ([]) for an unknown note id', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes/gone1234`).reply(404, { statusCode: 404, message: 'Note not found' });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, noteId: 'gone1234' } })).toEqual([]);
  });

  it('finds by words in the text or title, ignoring case, newest first', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes`).reply(200, notesFixture);
    const result = (await appTester(perform, { authData, inputData: { contactId: CONTACT, text: 'PILATES' } })) as Record<string, unknown>[];
    expect(result.map((n) => n.id)).toEqual(['Qa1Sd3Fg5Hj7Kl9Zx2Cv']);

    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes`).reply(200, notesFixture);
    const byTitle = (await appTester(perform, { authData, inputData: { contactId: CONTACT, text: 'call with' } })) as Record<string, unknown>[];
    expect(byTitle.map((n) => n.id)).toEqual(['Nt4rW8yB2dF6hJ0kL3mP']);
  });

  it('finds nothing when the contact does not exist', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes`).reply(404, { statusCode: 404, message: 'Contact not found' });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, text: 'x' } })).toEqual([]);
  });

  it.each([
    [{ contactId: CONTACT }, /Fill in Note or Text/],
    [{ text: 'x' }, /Contact is required/],
    [{ contactId: CONTACT, noteId: 'a b' }, /Note "a b" is not a valid HighLevel ID/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).get(/notes/).reply(200, notesFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });
});
