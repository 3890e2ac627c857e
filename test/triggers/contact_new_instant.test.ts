import nock from 'nock';
import { perform as pollingPerform } from '../../triggers/contact_new';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/contact_new_instant';
import { expectFullRead } from '../helpers/polls';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, contactEvent, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';
import contactFixture from '../fixtures/contact.json';
import customFields from '../fixtures/custom_fields.json';
import searchFixture from '../fixtures/contact_search.json';

const CONTACT_ID = contactFixture.contact.id;
const fieldList = () => nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, customFields);

describe('triggers.contact_new_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'contact.created', pollingLabel: 'New Contact' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('turns a relayed ContactCreate into exactly what New Contact outputs for that contact (read in full, readable custom values)', async () => {
      nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).reply(200, contactFixture);
      fieldList();
      const [item] = (await appTester(
        perform,
        { authData, ...hookBundle(deliveryBody('contact.created', contactEvent('ContactCreate', { id: CONTACT_ID }))) },
        true,
      )) as Record<string, unknown>[];
      // The polling trigger, given the same contact in its search answer (the field list is cached by now).
      nock(API, CONTACTS_VERSION)
        .post('/contacts/search')
        .reply(200, { contacts: [contactFixture.contact], total: 1 });
      const [polled] = (await appTester(pollingPerform, { authData })) as Record<string, unknown>[];
      expect(item).toEqual(polled);
      expect(item).toMatchObject({ id: CONTACT_ID, name: 'Lena Vogt', timezone: 'Europe/Berlin', type: 'lead', custom: { t_shirt_size: 'M' } });
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('falls back to the event body when HighLevel no longer has the contact', async () => {
      nock(API, CONTACTS_VERSION).get('/contacts/nmFmQEsNgz6AVpgLVUJ0').reply(404, { statusCode: 404, message: 'Contact not found' });
      nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/customFields`).query({ model: 'contact' }).reply(200, { customFields: [] });
      const [item] = (await appTester(perform, { authData, ...hookBundle(deliveryBody('contact.created', contactEvent('ContactCreate'))) }, true)) as Record<
        string,
        unknown
      >[];
      expect(item).toMatchObject({
        id: 'nmFmQEsNgz6AVpgLVUJ0',
        name: 'John Deo',
        email: 'JohnDeo@gmail.comm',
        dateOfBirth: '2000-01-05',
        dateUpdated: null,
        locationId: LOCATION_ID,
        customFields: [{ id: 'BcdmQEsNgz6AVpgLVUJ0', value: 'XYZ Corp' }],
      });
      expect(item).not.toHaveProperty('type', 'ContactCreate');
    });

    it('ignores a delivery of another kind', async () => {
      expect(await appTester(perform, { authData, ...hookBundle(deliveryBody('contact.updated', contactEvent('ContactUpdate'))) })).toEqual([]);
    });
  });

  it("performList is New Contact's read (the 100 newest by dateAdded)", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, sort: [{ field: 'dateAdded', direction: 'desc' }] })
      .reply(200, searchFixture);
    const full = expectFullRead(searchFixture.contacts[0] as Record<string, unknown>);
    const items = (await appTester(performList, { authData })) as Record<string, unknown>[];
    expect(scope.isDone() && full.isDone()).toBe(true);
    expect(items.map((i) => [i.id, i.name])).toEqual([
      ['pR4sT6uV8wX0yZ2aB4cD', 'Jonas Becker'],
      ['ocQHyuzHvysMo5N5VsXc', 'Lena Vogt'],
    ]);
  });
});
