import nock from 'nock';
import { perform as pollingPerform } from '../../triggers/contact_updated';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/contact_updated_instant';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, contactEvent, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';
import contactFixture from '../fixtures/contact.json';
import customFields from '../fixtures/custom_fields.json';

const CONTACT_ID = contactFixture.contact.id;
type Item = Record<string, unknown>;

const fieldList = () => nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);
/** HighLevel holds the contact with these changes when perform reads it. */
const holds = (changes: Record<string, unknown> = {}) =>
  nock(API, CONTACTS_VERSION)
    .get(`/contacts/${CONTACT_ID}`)
    .reply(200, { contact: { ...contactFixture.contact, ...changes } });
const run = (zapId = 'zap-1', clear = false) =>
  appTester(
    perform,
    { authData, ...hookBundle(deliveryBody('contact.updated', contactEvent('ContactUpdate', { id: CONTACT_ID })), { zapId }) },
    clear,
  ) as Promise<Item[]>;

describe('triggers.contact_updated_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'contact.updated', pollingLabel: 'New or Updated Contact' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it("outputs exactly what New or Updated Contact outputs for the contact: change id <id>:<dateUpdated>, the contact's id in contactId", async () => {
      holds();
      fieldList();
      const [item] = await run('zap-a', true);
      nock(API, CONTACTS_VERSION)
        .post('/contacts/search')
        .reply(200, { contacts: [contactFixture.contact], total: 1 });
      const [polled] = (await appTester(pollingPerform, { authData })) as Item[];
      expect(item).toEqual(polled);
      expect(item).toMatchObject({ id: `${CONTACT_ID}:2026-06-10T14:05:31.512Z`, contactId: CONTACT_ID, custom: { t_shirt_size: 'M' } });
    });

    it('a save that changes nothing a person sees fires nothing; a real change fires; changing it back fires again', async () => {
      holds();
      fieldList();
      expect(await run('zap-b', true)).toHaveLength(1);
      // The echo of a two-way Zap: HighLevel sends ContactUpdate again, only its own stamp moved.
      holds({ dateUpdated: '2026-06-10T14:06:00.000Z' });
      expect(await run('zap-b')).toEqual([]);
      holds({ city: 'Bonn', dateUpdated: '2026-06-10T14:07:00.000Z' });
      expect((await run('zap-b')).map((i) => i.city)).toEqual(['Bonn']);
      holds({ city: 'Köln', dateUpdated: '2026-06-10T14:08:00.000Z' });
      expect((await run('zap-b')).map((i) => i.city)).toEqual(['Köln']);
      // Tags compare as a set, lower-cased (HighLevel stores them lower-cased); custom values count.
      holds({ tags: ['NEWSLETTER', 'tc-enrolled:pilates-level-1'], dateUpdated: '2026-06-10T14:09:00.000Z' });
      expect(await run('zap-b')).toEqual([]);
      holds({ customFields: [{ id: 'kL9pM2xQ7rT4vW1yZ3aB', value: 'L' }], dateUpdated: '2026-06-10T14:10:00.000Z' });
      expect((await run('zap-b')).map((i) => (i.custom as Item).t_shirt_size)).toEqual(['L']);
    });

    it('each Zap keeps its own memory', async () => {
      holds();
      fieldList();
      expect(await run('zap-c', true)).toHaveLength(1);
      holds();
      expect(await run('zap-d')).toHaveLength(1);
      holds();
      expect(await run('zap-c')).toEqual([]);
    });
  });

  it("performList is New or Updated Contact's read (the 100 most recently changed, as changes)", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, { contacts: [contactFixture.contact], total: 1 });
    fieldList();
    const items = (await appTester(performList, { authData }, true)) as Item[];
    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => [i.id, i.contactId])).toEqual([[`${CONTACT_ID}:2026-06-10T14:05:31.512Z`, CONTACT_ID]]);
  });
});
