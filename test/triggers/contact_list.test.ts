import nock from 'nock';
import App from '../../index';
import { CONTACT_LIST_KEY, perform } from '../../triggers/contact_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import searchFixture from '../fixtures/contact_search.json';

describe('triggers.contact_list (hidden dropdown source)', () => {
  it.each([
    [undefined, 1],
    [0, 1],
    [2, 3],
  ])('Zapier page %j is HighLevel page %j, recently changed first, labelled "Name (email)"', async (page, ghlPage) => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, page: ghlPage, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, searchFixture);
    const results = await appTester(perform, { authData, meta: page === undefined ? {} : { page } });
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([
      { id: 'pR4sT6uV8wX0yZ2aB4cD', name: 'jonas becker (jonas.becker@example.com)' },
      { id: 'ocQHyuzHvysMo5N5VsXc', name: 'Lena Vogt (lena.vogt@example.com)' },
    ]);
  });

  it('labels contacts without a name by email, then phone, then id', async () => {
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .reply(200, {
        contacts: [{ id: 'a1', email: 'only@example.com' }, { id: 'a2', phone: '+15551234567' }, { id: 'a3' }],
        total: 3,
      });
    expect(await appTester(perform, { authData })).toEqual([
      { id: 'a1', name: 'only@example.com' },
      { id: 'a2', name: '+15551234567' },
      { id: 'a3', name: 'a3' },
    ]);
  });

  it('is hidden, paginated and backs the contact dropdowns', () => {
    const trigger = App.triggers?.[CONTACT_LIST_KEY];
    expect(trigger?.display.hidden).toBe(true);
    expect(trigger?.operation).toMatchObject({ type: 'polling', canPaginate: true });
  });
});
