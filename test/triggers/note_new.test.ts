import nock from 'nock';
import App from '../../index';
import { NOTE_NEW_KEY, perform } from '../../triggers/note_new';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import notesFixture from '../fixtures/notes.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';

interface SearchBody {
  locationId: string;
  pageLimit: number;
  filters: { field: string; operator: string; value: { gte: string } }[];
  sort: { field: string; direction: string }[];
}

describe('triggers.note_new', () => {
  it("lists the chosen contact's notes newest first", async () => {
    const scope = nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes`).reply(200, notesFixture);
    const result = (await appTester(perform, { authData, inputData: { contactId: CONTACT } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(result.map((n) => n.id)).toEqual(['Nt4rW8yB2dF6hJ0kL3mP', 'Qa1Sd3Fg5Hj7Kl9Zx2Cv', 'Bn4Mq6Wr8Ty0Ui2Op4As']);
    expect(result[0]).toMatchObject({
      noteId: 'Nt4rW8yB2dF6hJ0kL3mP',
      body: expect.stringContaining('Q3 workshop'),
      title: 'Call with Lena',
      contactId: CONTACT,
    });
  });

  it('without a contact, reads the 9 most recently updated contacts (last 24 h) and their notes, merged newest first: 10 requests at most', async () => {
    let searched: SearchBody | undefined;
    const search = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', (body: SearchBody) => {
        searched = body;
        return true;
      })
      .reply(200, { contacts: [{ id: 'ctA1' }, { id: 'ctB2' }, { id: 'ctGone3' }], total: 3 });
    const lists = nock(API, CONTACTS_VERSION)
      .get('/contacts/ctA1/notes')
      .reply(200, { notes: [{ id: 'nA', body: 'older', dateAdded: '2026-06-01T10:00:00.000Z', contactId: 'ctA1' }] })
      .get('/contacts/ctB2/notes')
      .reply(200, { notes: [{ id: 'nB', body: 'newer', dateAdded: '2026-06-02T10:00:00.000Z' }] })
      .get('/contacts/ctGone3/notes')
      .reply(404, { statusCode: 404, message: 'Contact not found' });
    const before = Date.now();
    const result = (await appTester(perform, { authData, inputData: { contactId: '', lookbackHours: '' } })) as Record<string, unknown>[];
    expect(search.isDone() && lists.isDone()).toBe(true);
    expect(searched).toMatchObject({
      locationId: LOCATION_ID,
      pageLimit: 9,
      filters: [{ field: 'dateUpdated', operator: 'range' }],
      sort: [{ field: 'dateUpdated', direction: 'desc' }],
    });
    const since = Date.parse(searched?.filters[0]?.value.gte ?? '');
    expect(before - since).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);
    expect(before - since).toBeLessThanOrEqual(24 * 3600 * 1000 + 1000);
    expect(result.map((n) => [n.id, n.contactId])).toEqual([
      ['nB', 'ctB2'],
      ['nA', 'ctA1'],
    ]);
  });

  it('says what a location-wide check cannot see and points to the instant trigger', () => {
    const trigger = App.triggers?.[NOTE_NEW_KEY];
    expect(trigger?.display.description).toMatch(/reads the notes of the 9 most recently updated contacts only .*instant New Note trigger/);
    expect(trigger?.operation.inputFields?.[0]).toMatchObject({
      helpText: expect.stringMatching(/a note added to a contact that did not otherwise change is not seen/),
    });
  });

  it('uses the hours to look back the user chose', async () => {
    let gte = '';
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search', (body: SearchBody) => {
        gte = body.filters[0]?.value.gte ?? '';
        return true;
      })
      .reply(200, { contacts: [], total: 0 });
    await appTester(perform, { authData, inputData: { lookbackHours: 2 } });
    expect(Date.now() - Date.parse(gte)).toBeLessThan(2 * 3600 * 1000 + 5000);
    expect(Date.now() - Date.parse(gte)).toBeGreaterThan(2 * 3600 * 1000 - 5000);
  });

  it.each([['0'], ['1000'], ['two']])('rejects %s hours to look back before sending anything', async (lookbackHours) => {
    const scope = nock(API).post('/contacts/search').reply(200, { contacts: [] });
    const error = await thrown(appTester(perform, { authData, inputData: { lookbackHours } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/Hours to Look Back must be a whole number from 1 to 720/);
    expect(scope.isDone()).toBe(false);
  });

  it('rejects a bad contact id before sending anything', async () => {
    const scope = nock(API).get(/notes/).reply(200, notesFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: 'a/b' } }));
    expect(error.message).toMatch(/Contact "a\/b" is not a valid HighLevel ID/);
    expect(scope.isDone()).toBe(false);
  });

  it('says the contact was not found when a chosen contact answers 404', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/notes`).reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT } }));
    expect(error.status).toBe(404);
  });

  describe('remembers when the Zap was turned on (issue 21, point 7)', () => {
    const zap = { id: 'zap-31', user: { timezone: 'Europe/Berlin' } };
    const wide = { contactId: '', lookbackHours: '' };
    const poll = (meta: Record<string, unknown>) =>
      appTester(perform, { authData, inputData: wide, meta: { zap, ...meta } }).then((items) => (items as { id: string }[]).map((n) => n.id));
    const location = (contacts: Record<string, { id: string; body: string; dateAdded?: string }[]>) => {
      nock(API, CONTACTS_VERSION)
        .post('/contacts/search')
        .reply(200, { contacts: Object.keys(contacts).map((id) => ({ id })), total: Object.keys(contacts).length });
      for (const [id, notes] of Object.entries(contacts)) nock(API, CONTACTS_VERSION).get(`/contacts/${id}/notes`).reply(200, { notes });
    };
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    const old = { id: 'nOld', body: 'written a month before the Zap', dateAdded: '2026-05-01T09:00:00.000Z' };

    it('reports no old note of a contact edited after the first check, and reports the notes written since', async () => {
      location({ ctBusy: [{ id: 'nSeen', body: 'seen at the start', dateAdded: ago(3600_000) }] });
      expect(await poll({ isPopulatingDedupe: true })).toEqual(['nSeen']);
      // The quiet contact is edited: its old note comes into view, beside a note written after the first check.
      location({
        ctBusy: [{ id: 'nSeen', body: 'seen at the start', dateAdded: ago(3600_000) }],
        ctQuiet: [old, { id: 'nNew', body: 'new', dateAdded: ago(0) }],
      });
      expect(await poll({})).toEqual(['nNew']);
    });

    it('a note dated a little before the mark (clocks differ) still counts as new, unless the first check saw it', async () => {
      location({ ctA: [{ id: 'nAtStart', body: 'at the start', dateAdded: ago(1000) }] });
      await poll({ isPopulatingDedupe: true });
      location({
        ctA: [
          { id: 'nAtStart', body: 'at the start', dateAdded: ago(1000) },
          { id: 'nSkewed', body: 'just after', dateAdded: ago(60_000) },
        ],
      });
      expect(await poll({})).toEqual(['nSkewed']);
    });

    it('a Zap whose memory is gone records a new mark and reports nothing that check', async () => {
      location({ ctQuiet: [old, { id: 'nRecent', body: 'recent', dateAdded: ago(0) }] });
      expect(await poll({})).toEqual([]);
      location({ ctQuiet: [old, { id: 'nRecent', body: 'recent', dateAdded: ago(0) }, { id: 'nLater', body: 'later', dateAdded: ago(-1000) }] });
      // What that check saw (nRecent) counts as existing; what came after it is new.
      expect(await poll({})).toEqual(['nLater']);
    });

    it('a chosen contact is watched the same way', async () => {
      nock(API, CONTACTS_VERSION)
        .get(`/contacts/${CONTACT}/notes`)
        .reply(200, { notes: [old] });
      await appTester(perform, { authData, inputData: { contactId: CONTACT }, meta: { zap, isPopulatingDedupe: true } });
      nock(API, CONTACTS_VERSION)
        .get(`/contacts/${CONTACT}/notes`)
        .reply(200, { notes: [old, { id: 'nNew', body: 'new', dateAdded: ago(0) }] });
      const items = (await appTester(perform, { authData, inputData: { contactId: CONTACT }, meta: { zap } })) as { id: string }[];
      expect(items.map((n) => n.id)).toEqual(['nNew']);
    });
  });
});
