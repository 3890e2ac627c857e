import nock from 'nock';
import { opportunityChangeOutputFields } from '../../lib/opportunity/schema';
import { perform as pollingPerform } from '../../triggers/opportunity_status_changed';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/opportunity_status_changed_instant';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, opportunityEvent, setRelayEnv } from '../helpers/hooks';
import { DEALS, nockOpportunityFields, nockPipelines, searchQuery } from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

type Item = Record<string, unknown>;
/** The fixture's won deal: its status changed ten days after it was created. */
const won = searchFixture.opportunities[1];

/** An OpportunityStatusUpdate body (the documented fields only) for the won deal. */
const statusEvent = (status: string, fields: Item = {}) =>
  opportunityEvent('OpportunityStatusUpdate', {
    id: won.id,
    contactId: won.contactId,
    name: won.name,
    monetaryValue: won.monetaryValue,
    pipelineId: won.pipelineId,
    pipelineStageId: won.pipelineStageId,
    source: won.source,
    status,
    dateAdded: won.createdAt,
    ...fields,
  });
/** HighLevel holds the deal with these changes when perform reads it (GET answers the search item's shape). */
const holds = (changes: Item = {}) =>
  nock(API, CONTACTS_VERSION)
    .get(`/opportunities/${won.id}`)
    .reply(200, { opportunity: { ...won, ...changes } });
const lists = () => [nockPipelines(), nockOpportunityFields()];
const hook = (payload: Item, { zapId = 'zap-1', inputData = {}, clear = false }: { zapId?: string; inputData?: Item; clear?: boolean } = {}) =>
  appTester(perform, { authData, inputData, ...hookBundle(deliveryBody('opportunity.status_changed', payload), { zapId }) }, clear) as Promise<Item[]>;

describe('triggers.opportunity_status_changed_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'opportunity.status_changed',
    inputData: { pipelineId: DEALS.id, status: 'won' },
    filters: { pipelineId: DEALS.id, status: 'won' },
    pollingLabel: 'Opportunity Status Changed',
  });

  describe('"Reopened" subscribes to status open', () => {
    describeRelaySubscription({
      performSubscribe,
      performUnsubscribe,
      event: 'opportunity.status_changed',
      inputData: { status: 'reopened' },
      filters: { status: 'open' },
      pollingLabel: 'Opportunity Status Changed',
    });
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs exactly what Opportunity Status Changed outputs for the change: id <id>:<status>:<lastStatusChangeAt>', async () => {
      // The deal has no custom values, so the field list is not needed.
      const reads = [holds(), nockPipelines()];
      const [item] = await hook(statusEvent('won'), { zapId: 'zap-a', clear: true });
      expect(reads.every((r) => r.isDone())).toBe(true);

      nock(API, CONTACTS_VERSION)
        .get('/opportunities/search')
        .query(searchQuery())
        .reply(200, { opportunities: [won], meta: { total: 1 } });
      lists();
      const [polled] = (await appTester(pollingPerform, { authData }, true)) as Item[];
      for (const key of [...opportunityChangeOutputFields.map((f) => f.key), 'custom']) expect([key, item[key]]).toEqual([key, polled[key]]);
      expect(item).toMatchObject({
        id: `${won.id}:won:${won.lastStatusChangeAt}`,
        opportunityId: won.id,
        status: 'won',
        pipelineName: 'Studio Deals',
        contactName: 'Maxi Mustermann',
      });
    });

    it('a status event for the status the deal already had fires nothing; a reopening and a new win fire', async () => {
      holds();
      lists();
      expect(await hook(statusEvent('won'), { zapId: 'zap-b', clear: true })).toHaveLength(1);
      holds();
      expect(await hook(statusEvent('won'), { zapId: 'zap-b' })).toEqual([]);
      holds({ status: 'open', lastStatusChangeAt: '2026-06-12T09:00:00.000Z' });
      expect(await hook(statusEvent('open'), { zapId: 'zap-b' })).toMatchObject([{ id: `${won.id}:open:2026-06-12T09:00:00.000Z` }]);
      holds({ lastStatusChangeAt: '2026-06-13T09:00:00.000Z' });
      expect(await hook(statusEvent('won'), { zapId: 'zap-b' })).toMatchObject([{ id: `${won.id}:won:2026-06-13T09:00:00.000Z` }]);
    });

    it('with "Won" filtered at the relay, a second win after an unseen reopening still fires (the change date moved)', async () => {
      holds();
      lists();
      expect(await hook(statusEvent('won'), { zapId: 'zap-c', inputData: { status: 'won' }, clear: true })).toHaveLength(1);
      // The reopening never reaches this Zap (the relay keeps it back); the next win has a new change date.
      holds({ lastStatusChangeAt: '2026-06-13T09:00:00.000Z' });
      expect(await hook(statusEvent('won'), { zapId: 'zap-c', inputData: { status: 'won' } })).toHaveLength(1);
      holds({ lastStatusChangeAt: '2026-06-13T09:00:00.000Z' });
      expect(await hook(statusEvent('won'), { zapId: 'zap-c', inputData: { status: 'won' } })).toEqual([]);
    });

    it('a status event for a deal whose status never changed since creation fires nothing, also for a Zap that never saw it', async () => {
      holds({ status: 'open', lastStatusChangeAt: won.createdAt });
      lists();
      expect(await hook(statusEvent('open'), { zapId: 'zap-d', clear: true })).toEqual([]);
    });

    it('"Reopened" passes only a change back to open; other statuses cost no request', async () => {
      const any = nock(API).get(/.*/).reply(200, {});
      expect(await hook(statusEvent('won'), { inputData: { status: 'reopened' } })).toEqual([]);
      expect(await hook(statusEvent('lost'), { inputData: { status: 'won' } })).toEqual([]);
      expect(any.isDone()).toBe(false);
      nock.cleanAll();
      holds({ status: 'open', lastStatusChangeAt: '2026-06-12T09:00:00.000Z' });
      lists();
      const [item] = await hook(statusEvent('open'), { zapId: 'zap-e', inputData: { status: 'reopened' }, clear: true });
      expect(item).toMatchObject({ status: 'open', id: `${won.id}:open:2026-06-12T09:00:00.000Z` });
    });

    it('refuses an unknown status filter with no request sent', async () => {
      const any = nock(API).get(/.*/).reply(200, {});
      const error = await thrown(hook(statusEvent('won'), { inputData: { status: 'closed' } }));
      expect(error.message).toMatch(/Only When Status Becomes "closed" is not one of: won, lost, abandoned, reopened/);
      expect(any.isDone()).toBe(false);
    });
  });

  it("performList is Opportunity Status Changed's read", async () => {
    nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ status: 'won' }))
      .reply(200, { opportunities: [won], meta: { total: 1 } });
    lists();
    const items = (await appTester(performList, { authData, inputData: { status: 'won' } }, true)) as Item[];
    expect(items.map((i) => i.id)).toEqual([`${won.id}:won:${won.lastStatusChangeAt}`]);
  });
});
