import nock from 'nock';
import { perform } from '../../creates/note_update';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import noteFixture from '../fixtures/note.json';

const PATH = '/contacts/ocQHyuzHvysMo5N5VsXc/notes/Nt4rW8yB2dF6hJ0kL3mP';
const ids = { contactId: 'ocQHyuzHvysMo5N5VsXc', noteId: 'Nt4rW8yB2dF6hJ0kL3mP' };

describe('creates.note_update', () => {
  it('sends only the fields given', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .put(PATH, { pinned: true })
      .reply(200, { note: { ...noteFixture.note, pinned: true } });
    const result = await appTester(perform, { authData, inputData: { ...ids, pinned: 'yes', body: '', title: '' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ noteId: 'Nt4rW8yB2dF6hJ0kL3mP', pinned: true });
  });

  it.each([
    [ids, /Fill in at least one of Note Text, Title, Author or Pinned/],
    [{ contactId: ids.contactId, body: 'x' }, /Note is required/],
    [{ ...ids, noteId: 'n/../../x', body: 'x' }, /Note "n\/\.\.\/\.\.\/x" is not a valid HighLevel ID/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).put(/notes/).reply(200, noteFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('reports a note that does not exist', async () => {
    nock(API, CONTACTS_VERSION).put(PATH).reply(404, { statusCode: 404, message: 'Note not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { ...ids, body: 'x' } }));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/updating the note/);
  });
});
