import nock from 'nock';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/contact_tag_removed_instant';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, contactEvent, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';
import contactFixture from '../fixtures/contact.json';
import customFields from '../fixtures/custom_fields.json';

const CONTACT_ID = contactFixture.contact.id;

describe('triggers.contact_tag_removed_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'contact.tag_removed',
    inputData: { tag: 'vip' },
    filters: { tag: 'vip' },
    pollingLabel: undefined,
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs the contact as the contact triggers do, read in full, now without the tag', async () => {
      nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).reply(200, contactFixture);
      nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);
      const payload = contactEvent('ContactTagUpdate', { id: CONTACT_ID, tags: ['tc-enrolled:pilates-level-1', 'newsletter'] });
      const bundle = { authData, inputData: { tag: 'VIP' }, ...hookBundle(deliveryBody('contact.tag_removed', payload, { added: [], removed: ['vip'] })) };
      const [item] = (await appTester(perform, bundle, true)) as Record<string, unknown>[];
      expect(item).toMatchObject({ id: CONTACT_ID, name: 'Lena Vogt', tags: ['tc-enrolled:pilates-level-1', 'newsletter'], custom: { t_shirt_size: 'M' } });
    });

    it('ignores an addition delivered to it', async () => {
      const bundle = {
        authData,
        inputData: { tag: 'vip' },
        ...hookBundle(deliveryBody('contact.tag_added', contactEvent('ContactTagUpdate'), { added: ['vip'], removed: [] })),
      };
      expect(await appTester(perform, bundle)).toEqual([]);
    });
  });

  it('performList shows recently changed contacts that do not carry the tag (case-insensitive)', async () => {
    const tagged = { ...contactFixture.contact, id: 'pR4sT6uV8wX0yZ2aB4cD', tags: ['VIP'] };
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, { contacts: [tagged, contactFixture.contact], total: 2 });
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);
    const items = (await appTester(performList, { authData, inputData: { tag: 'vip' } }, true)) as Record<string, unknown>[];
    expect(items.map((c) => c.id)).toEqual([CONTACT_ID]);
  });
});
