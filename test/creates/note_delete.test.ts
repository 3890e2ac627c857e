import nock from 'nock';
import { perform } from '../../creates/note_delete';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const PATH = '/contacts/ocQHyuzHvysMo5N5VsXc/notes/Nt4rW8yB2dF6hJ0kL3mP';
const ids = { contactId: 'ocQHyuzHvysMo5N5VsXc', noteId: 'Nt4rW8yB2dF6hJ0kL3mP' };

describe('creates.note_delete', () => {
  it('deletes the note and says which one', async () => {
    const scope = nock(API, CONTACTS_VERSION).delete(PATH).reply(200, { succeded: true });
    const result = await appTester(perform, { authData, inputData: ids });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: ids.noteId, noteId: ids.noteId, contactId: ids.contactId, deleted: true });
  });

  it('rejects a missing note before sending anything', async () => {
    const scope = nock(API).delete(/notes/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: ids.contactId } }));
    expect(error.message).toMatch(/Note is required/);
    expect(scope.isDone()).toBe(false);
  });

  it('reports a note that is already gone', async () => {
    nock(API, CONTACTS_VERSION).delete(PATH).reply(404, { statusCode: 404, message: 'Note not found' });
    expect((await thrown(appTester(perform, { authData, inputData: ids }))).status).toBe(404);
  });

  it('never reports success when HighLevel answers succeded: false', async () => {
    nock(API, CONTACTS_VERSION).delete(PATH).reply(200, { succeded: false });
    const error = await thrown(appTester(perform, { authData, inputData: ids }));
    expect(error).toMatchObject({ code: 'not_deleted', message: expect.stringMatching(/HighLevel did not delete note Nt4rW8yB2dF6hJ0kL3mP/) });
  });
});
