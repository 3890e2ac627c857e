import nock from 'nock';
import { perform as pollingPerform } from '../../triggers/contact_tag_added';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/contact_tag_added_instant';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { HOOK_URL, clearRelayEnv, contactEvent, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';
import contactFixture from '../fixtures/contact.json';
import customFields from '../fixtures/custom_fields.json';

const CONTACT_ID = contactFixture.contact.id;

describe('triggers.contact_tag_added_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'contact.tag_added',
    inputData: { tag: 'Kunde' },
    filters: { tag: 'Kunde' },
    pollingLabel: 'Tag Added to Contact',
  });

  it('refuses to subscribe without a tag, before any request', async () => {
    setRelayEnv();
    const error = await thrown(appTester(performSubscribe, { authData, inputData: {}, targetUrl: HOOK_URL }));
    clearRelayEnv();
    expect(error.message).toMatch(/Tag is required/);
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs exactly what Tag Added to Contact outputs for the contact (read in full)', async () => {
      nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).reply(200, contactFixture);
      nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);
      const payload = contactEvent('ContactTagUpdate', { id: CONTACT_ID, tags: ['tc-enrolled:pilates-level-1', 'newsletter'] });
      const bundle = {
        authData,
        inputData: { tag: 'newsletter' },
        ...hookBundle(deliveryBody('contact.tag_added', payload, { added: ['newsletter'], removed: [] })),
      };
      const [item] = (await appTester(perform, bundle, true)) as Record<string, unknown>[];
      nock(API, CONTACTS_VERSION)
        .post('/contacts/search')
        .reply(200, { contacts: [contactFixture.contact], total: 1 });
      const [polled] = (await appTester(pollingPerform, { authData, inputData: { tag: 'newsletter' } })) as Record<string, unknown>[];
      // The same keys and values; tagAddedId is new per addition (when the relay received it), the poll's is its own mark.
      expect({ ...item, tagAddedId: 'x' }).toEqual({ ...polled, tagAddedId: 'x' });
      expect(item).toMatchObject({ id: CONTACT_ID, tags: ['tc-enrolled:pilates-level-1', 'newsletter'] });
      expect(item.tagAddedId).toMatch(new RegExp(`^${CONTACT_ID}:\\d{4}-\\d\\d-\\d\\dT`));
    });

    it('ignores a removal delivered to it', async () => {
      const bundle = {
        authData,
        inputData: { tag: 'vip' },
        ...hookBundle(deliveryBody('contact.tag_removed', contactEvent('ContactTagUpdate'), { added: [], removed: ['vip'] })),
      };
      expect(await appTester(perform, bundle)).toEqual([]);
    });
  });

  it("performList is Tag Added to Contact's read (contacts with the tag, most recently changed first)", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', {
        locationId: LOCATION_ID,
        pageLimit: 100,
        filters: [{ field: 'tags', operator: 'eq', value: 'newsletter' }],
        sort: [{ field: 'dateUpdated', direction: 'desc' }],
      })
      .reply(200, { contacts: [contactFixture.contact], total: 1 });
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);
    expect(((await appTester(performList, { authData, inputData: { tag: 'newsletter' } }, true)) as Record<string, unknown>[]).map((c) => c.id)).toEqual([
      CONTACT_ID,
    ]);
    expect(scope.isDone()).toBe(true);
  });
});
