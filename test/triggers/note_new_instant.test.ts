import nock from 'nock';
import { perform as pollingPerform } from '../../triggers/note_new';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/note_new_instant';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, noteEvent, setRelayEnv } from '../helpers/hooks';
import noteFixture from '../fixtures/note.json';

type Item = Record<string, unknown>;
const { id: NOTE_ID, contactId: CONTACT_ID } = noteFixture.note;
const hook = (payload: Record<string, unknown>, inputData: Record<string, unknown> = {}) =>
  appTester(perform, { authData, inputData, ...hookBundle(deliveryBody('note.created', payload)) }) as Promise<Item[]>;

describe('triggers.note_new_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'note.created', pollingLabel: 'New Note' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('reads the note in full (events never carry title or author, issue #312) and outputs exactly what New Note outputs', async () => {
      const scope = nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}/notes/${NOTE_ID}`).reply(200, noteFixture);
      const [item] = await hook(noteEvent('NoteCreate', { id: NOTE_ID, contactId: CONTACT_ID, body: noteFixture.note.body }));
      expect(scope.isDone()).toBe(true);
      nock(API, CONTACTS_VERSION)
        .get(`/contacts/${CONTACT_ID}/notes`)
        .reply(200, { notes: [noteFixture.note] });
      const [polled] = (await appTester(pollingPerform, { authData, inputData: { contactId: CONTACT_ID } })) as Item[];
      expect(item).toEqual(polled);
      expect(item).toMatchObject({ title: 'Call with Lena', userId: 'Yh3pQ5Wmg4rVd8xNt2Ke', noteId: NOTE_ID });
    });

    it('keeps the event body when the note is gone, and applies the contact filter', async () => {
      nock(API, CONTACTS_VERSION).get('/contacts/CWBf1PR9LvvBkcYqiXlc/notes/otg8dTQqGLh3Q6iQI55w').reply(404, { statusCode: 404, message: 'Not found' });
      expect((await hook(noteEvent('NoteCreate'))).map((n) => [n.id, n.body, n.title])).toEqual([['otg8dTQqGLh3Q6iQI55w', 'Loram ipsum', '']]);
      nock(API, CONTACTS_VERSION)
        .get('/contacts/CWBf1PR9LvvBkcYqiXlc/notes/otg8dTQqGLh3Q6iQI55w')
        .reply(200, { note: { ...noteFixture.note, id: 'otg8dTQqGLh3Q6iQI55w', contactId: 'CWBf1PR9LvvBkcYqiXlc' } });
      expect(await hook(noteEvent('NoteCreate'), { contactId: CONTACT_ID })).toEqual([]);
    });
  });

  it("performList is New Note's read (the chosen contact's notes)", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT_ID}/notes`)
      .reply(200, { notes: [noteFixture.note] });
    expect(((await appTester(performList, { authData, inputData: { contactId: CONTACT_ID } })) as Item[]).map((n) => n.id)).toEqual([NOTE_ID]);
    expect(scope.isDone()).toBe(true);
  });
});
