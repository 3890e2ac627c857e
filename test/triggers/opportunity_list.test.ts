import nock from 'nock';
import { perform } from '../../triggers/opportunity_list';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import { nockPipelines, searchQuery } from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

describe('triggers.opportunity_list', () => {
  it('lists the newest opportunities labelled with stage and value, without reading custom fields', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/opportunities/search').query(searchQuery()).reply(200, searchFixture);
    nockPipelines();
    const fields = nock(API)
      .get(/customFields/)
      .query(true)
      .reply(200, { customFields: [] });
    expect(await appTester(perform, { authData }, true)).toEqual([
      { id: 'yWQobCRIhRguQtD2llvk', label: 'Lena Vogt: Pilates Instructor Level 1 (In Progress, 104)', contactId: 'ocQHyuzHvysMo5N5VsXc' },
      { id: 'pQ7rS9tU1vW3xY5zA7bC', label: 'Jahresvertrag Mustermann (Offer Sent, 4800)', contactId: 'pR4sT6uV8wX0yZ2aB4cD' },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(fields.isDone()).toBe(false);
  });

  it('asks for the next page on "load more"', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ page: 3 }))
      .reply(200, { opportunities: [] });
    expect(await appTester(perform, { authData, meta: { page: 2 } }, true)).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});
