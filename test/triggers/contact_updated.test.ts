import nock from 'nock';
import App from '../../index';
import { CONTACT_UPDATED_KEY, perform } from '../../triggers/contact_updated';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import searchFixture from '../fixtures/contact_search.json';

describe('triggers.contact_updated', () => {
  it('searches by dateUpdated, newest first, and gives each change its own id', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, searchFixture);
    const results = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results[0]).toMatchObject({
      id: 'pR4sT6uV8wX0yZ2aB4cD:2026-06-11T10:15:42.318Z',
      contactId: 'pR4sT6uV8wX0yZ2aB4cD',
      url: expect.stringContaining('/contacts/detail/pR4sT6uV8wX0yZ2aB4cD'),
    });
    expect(results[1]).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc:2026-06-10T14:05:31.512Z', contactId: 'ocQHyuzHvysMo5N5VsXc' });
  });

  it('a later change of the same contact is a new item', async () => {
    const changed = { ...searchFixture.contacts[1], dateUpdated: '2026-06-12T07:45:10.004Z' };
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .reply(200, { contacts: [changed], total: 1 });
    const [result] = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(result.id).toBe('ocQHyuzHvysMo5N5VsXc:2026-06-12T07:45:10.004Z');
  });

  it('uses 500 on the first poll', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 500, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, searchFixture);
    await appTester(perform, { authData, meta: { isPopulatingDedupe: true } });
    expect(scope.isDone()).toBe(true);
  });

  it('tells the user which field holds the real contact id', () => {
    const trigger = App.triggers?.[CONTACT_UPDATED_KEY];
    expect(trigger?.display.description).toMatch(/Contact ID field holds the contact's ID/);
    expect(trigger?.operation.sample).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc:2026-06-10T14:05:31.512Z', contactId: 'ocQHyuzHvysMo5N5VsXc' });
  });
});
