import nock from 'nock';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/contact_deleted_instant';
import { expectFullRead } from '../helpers/polls';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, contactEvent, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';
import customFields from '../fixtures/custom_fields.json';
import searchFixture from '../fixtures/contact_search.json';

describe('triggers.contact_deleted_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'contact.deleted', pollingLabel: undefined });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs the contact as it was, from the ContactDelete body (it can no longer be read), with readable custom values', async () => {
      const fields = nock(API, CONTACTS_VERSION)
        .get(`/locations/${LOCATION_ID}/customFields`)
        .query({ model: 'contact' })
        .reply(200, { customFields: [{ id: 'BcdmQEsNgz6AVpgLVUJ0', name: 'Employer', fieldKey: 'contact.employer', dataType: 'TEXT', model: 'contact' }] });
      const [item] = (await appTester(perform, { authData, ...hookBundle(deliveryBody('contact.deleted', contactEvent('ContactDelete'))) }, true)) as Record<
        string,
        unknown
      >[];
      expect(fields.isDone()).toBe(true);
      expect(item).toMatchObject({
        id: 'nmFmQEsNgz6AVpgLVUJ0',
        name: 'John Deo',
        firstName: 'John',
        phone: '+919509597501',
        tags: ['id magna sed Lorem', 'Duis dolor commodo aliqua'],
        dateAdded: '2021-11-26T12:41:02.193Z',
        dateUpdated: null,
        custom: { employer: 'XYZ Corp' },
        url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/nmFmQEsNgz6AVpgLVUJ0`,
      });
      // Only the field list was read: no GET of the deleted contact.
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  it('performList shows the most recently changed contacts (HighLevel lists no deleted ones)', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, searchFixture);
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);
    // The first item has the names only lower-cased: a sample is read in full.
    const full = expectFullRead(searchFixture.contacts[0] as Record<string, unknown>);
    expect(((await appTester(performList, { authData }, true)) as unknown[]).length).toBe(2);
    expect(scope.isDone() && full.isDone()).toBe(true);
  });
});
