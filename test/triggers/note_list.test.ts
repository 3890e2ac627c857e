import nock from 'nock';
import { perform } from '../../triggers/note_list';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import notesFixture from '../fixtures/notes.json';

describe('triggers.note_list (dropdown)', () => {
  it('lists the notes of the contact chosen on the action, newest first, by title or start of text', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/contacts/ocQHyuzHvysMo5N5VsXc/notes').reply(200, notesFixture);
    const result = await appTester(perform, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([
      { id: 'Nt4rW8yB2dF6hJ0kL3mP', label: 'Call with Lena (2026-06-12)' },
      { id: 'Qa1Sd3Fg5Hj7Kl9Zx2Cv', label: 'Completed Pilates Level 1 on TrainerCentral (100%). (2026-06-10)' },
      { id: 'Bn4Mq6Wr8Ty0Ui2Op4As', label: 'Imported from CentralStationCRM: met at FIBO 2024. (2026-06-04)' },
    ]);
  });

  it('is empty, without a request, until a contact is chosen', async () => {
    const scope = nock(API).get(/notes/).reply(200, notesFixture);
    expect(await appTester(perform, { authData, inputData: { contactId: '' } })).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
