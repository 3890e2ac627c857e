import nock from 'nock';
import { perform as pollingPerform } from '../../triggers/note_updated';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/note_updated_instant';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, noteEvent, setRelayEnv } from '../helpers/hooks';
import noteFixture from '../fixtures/note.json';

type Item = Record<string, unknown>;
const { id: NOTE_ID, contactId: CONTACT_ID } = noteFixture.note;
const holds = (changes: Record<string, unknown> = {}) =>
  nock(API, CONTACTS_VERSION)
    .get(`/contacts/${CONTACT_ID}/notes/${NOTE_ID}`)
    .reply(200, { note: { ...noteFixture.note, ...changes } });
const hook = (zapId: string) =>
  appTester(perform, {
    authData,
    inputData: {},
    ...hookBundle(deliveryBody('note.updated', noteEvent('NoteUpdate', { id: NOTE_ID, contactId: CONTACT_ID })), { zapId }),
  }) as Promise<Item[]>;

describe('triggers.note_updated_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'note.updated', pollingLabel: 'Note Updated' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it("outputs exactly Note Updated's item (id <noteId>:<fingerprint>) for the note read in full", async () => {
      holds();
      const [item] = await hook('zap-a');
      nock(API, CONTACTS_VERSION)
        .get(`/contacts/${CONTACT_ID}/notes`)
        .reply(200, { notes: [noteFixture.note] });
      const [polled] = (await appTester(pollingPerform, { authData, inputData: { contactId: CONTACT_ID } })) as Item[];
      expect(item).toEqual(polled);
      expect(String(item.id)).toMatch(new RegExp(`^${NOTE_ID}:[0-9a-f]{12}$`));
    });

    it('a save that changes nothing fires nothing; an edit fires', async () => {
      holds();
      expect(await hook('zap-b')).toHaveLength(1);
      holds();
      expect(await hook('zap-b')).toEqual([]);
      holds({ body: 'Wants the Q4 offer instead.' });
      expect((await hook('zap-b')).map((n) => n.body)).toEqual(['Wants the Q4 offer instead.']);
    });
  });

  it("performList is Note Updated's read", async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT_ID}/notes`)
      .reply(200, { notes: [noteFixture.note] });
    expect(((await appTester(performList, { authData, inputData: { contactId: CONTACT_ID } })) as Item[]).map((n) => n.noteId)).toEqual([NOTE_ID]);
  });
});
