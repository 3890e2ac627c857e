import nock from 'nock';
import App from '../../index';
import { OPPORTUNITY_STATUS_CHANGED_KEY, perform } from '../../triggers/opportunity_status_changed';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { nockPipelines, searchQuery } from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

const [open, won] = searchFixture.opportunities.map((o) => ({ ...o, customFields: [] }));

describe('triggers.opportunity_status_changed', () => {
  it('keeps status changes after creation (not a new open one), latest first, id per change', async () => {
    nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery())
      .reply(200, { opportunities: [open, won], meta: { total: 2 } });
    nockPipelines();
    const results = (await appTester(perform, { authData }, true)) as Record<string, unknown>[];
    expect(results.map((r) => r.id)).toEqual([`${won.id}:won:${won.lastStatusChangeAt}`]);
    expect(results[0]).toMatchObject({ opportunityId: won.id, status: 'won' });
  });

  it('asks HighLevel for won ones only when Won is chosen', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ status: 'won' }))
      .reply(200, { opportunities: [won] });
    nockPipelines();
    expect(((await appTester(perform, { authData, inputData: { status: 'won' } }, true)) as unknown[]).length).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('"reopened" is a change back to open after creation', async () => {
    const reopened = { ...won, id: 'Reopened000000000001', status: 'open', lastStatusChangeAt: '2026-06-14T09:00:00.000Z' };
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ status: 'open' }))
      .reply(200, { opportunities: [open, reopened] });
    nockPipelines();
    const results = (await appTester(perform, { authData, inputData: { status: 'reopened' } }, true)) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['Reopened000000000001:open:2026-06-14T09:00:00.000Z']);
  });

  it('rejects an unknown status with no request sent', async () => {
    const any = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData: { status: 'closed' } }, true));
    expect(error.message).toMatch(/Only When Status Becomes "closed" is not one of: won, lost, abandoned, reopened/);
    expect(any.isDone()).toBe(false);
  });

  it('tells the user which field holds the opportunity id and how far it looks', () => {
    const description = App.triggers?.[OPPORTUNITY_STATUS_CHANGED_KEY]?.display.description;
    expect(description).toMatch(/The Opportunity ID field holds the opportunity's ID/);
    expect(description).toMatch(/reads the 500 most recently created opportunities \(up to 5 requests\)/);
  });
});
