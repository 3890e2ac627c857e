import nock from 'nock';
import { opportunityChangeOutputFields } from '../../lib/opportunity/schema';
import { perform as pollingPerform } from '../../triggers/opportunity_stage_changed';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/opportunity_stage_changed_instant';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, opportunityEvent, setRelayEnv } from '../helpers/hooks';
import {
  COMPLETED,
  CONTACT_ID,
  ENROLLED,
  IN_PROGRESS,
  OPPORTUNITY_ID,
  TRAINEES,
  nockOpportunityFields,
  nockPipelines,
  searchQuery,
} from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

type Item = Record<string, unknown>;
const [searchItem] = searchFixture.opportunities;
/** The search item as GET /opportunities/{id} answers it (the spec's shape, with the contact summary). */
const record = { ...searchItem };

/** An OpportunityStageUpdate body (the documented fields only) for the fixture's opportunity. */
const moved = (stageId: string, fields: Item = {}) =>
  opportunityEvent('OpportunityStageUpdate', {
    id: OPPORTUNITY_ID,
    contactId: CONTACT_ID,
    name: searchItem.name,
    pipelineStageId: stageId,
    dateAdded: searchItem.createdAt,
    ...fields,
  });
/** HighLevel holds the opportunity with these changes when perform reads it. */
const holds = (changes: Item = {}) =>
  nock(API, CONTACTS_VERSION)
    .get(`/opportunities/${OPPORTUNITY_ID}`)
    .reply(200, { opportunity: { ...record, ...changes } });
const lists = () => [nockPipelines(), nockOpportunityFields()];
const hook = (payload: Item, { zapId = 'zap-1', inputData = {}, clear = false }: { zapId?: string; inputData?: Item; clear?: boolean } = {}) =>
  appTester(perform, { authData, inputData, ...hookBundle(deliveryBody('opportunity.stage_changed', payload), { zapId }) }, clear) as Promise<Item[]>;

describe('triggers.opportunity_stage_changed_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'opportunity.stage_changed',
    inputData: { pipelineId: TRAINEES.id, pipelineStageId: COMPLETED.id },
    filters: { pipelineId: TRAINEES.id, stageId: COMPLETED.id },
    pollingLabel: 'Opportunity Stage Changed',
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it("outputs exactly what Opportunity Stage Changed outputs for the move: id <id>:<stage>:<lastStageChangeAt>, the opportunity's id in opportunityId", async () => {
      const reads = [holds(), ...lists()];
      const [item] = await hook(moved(IN_PROGRESS.id), { zapId: 'zap-a', clear: true });
      expect(reads.every((r) => r.isDone())).toBe(true);

      nock(API, CONTACTS_VERSION)
        .get('/opportunities/search')
        .query(searchQuery())
        .reply(200, { opportunities: [searchItem], meta: { total: 1 } });
      lists();
      const [polled] = (await appTester(pollingPerform, { authData }, true)) as Item[];
      for (const key of [...opportunityChangeOutputFields.map((f) => f.key), 'custom']) expect([key, item[key]]).toEqual([key, polled[key]]);
      expect(item).toMatchObject({
        id: `${OPPORTUNITY_ID}:${IN_PROGRESS.id}:${searchItem.lastStageChangeAt}`,
        opportunityId: OPPORTUNITY_ID,
        stageName: 'In Progress',
        contactName: 'Lena Vogt',
      });
    });

    it('a write of the stage it already had fires nothing; moving on, and back, fires each time', async () => {
      holds();
      lists();
      expect(await hook(moved(IN_PROGRESS.id), { zapId: 'zap-b', clear: true })).toHaveLength(1);
      holds();
      expect(await hook(moved(IN_PROGRESS.id), { zapId: 'zap-b' })).toEqual([]);
      holds({ pipelineStageId: COMPLETED.id, lastStageChangeAt: '2026-06-13T10:00:00.000Z' });
      const [next] = await hook(moved(COMPLETED.id), { zapId: 'zap-b' });
      expect(next).toMatchObject({ id: `${OPPORTUNITY_ID}:${COMPLETED.id}:2026-06-13T10:00:00.000Z`, stageName: 'Completed' });
      holds({ lastStageChangeAt: '2026-06-14T10:00:00.000Z' });
      expect(await hook(moved(IN_PROGRESS.id), { zapId: 'zap-b' })).toHaveLength(1);
      // Another Zap has its own memory.
      holds({ lastStageChangeAt: '2026-06-14T10:00:00.000Z' });
      expect(await hook(moved(IN_PROGRESS.id), { zapId: 'zap-c' })).toHaveLength(1);
    });

    it('a stage event for an opportunity whose stage never changed since creation fires nothing (as the polling trigger)', async () => {
      holds({ pipelineStageId: ENROLLED.id, lastStageChangeAt: searchItem.createdAt });
      lists();
      expect(await hook(moved(ENROLLED.id), { zapId: 'zap-d', clear: true })).toEqual([]);
    });

    it("keeps the event's stage when the opportunity moved on before it was read, dated when HighLevel sent the event", async () => {
      holds({ pipelineStageId: COMPLETED.id, lastStageChangeAt: '2026-06-15T10:00:00.000Z' });
      lists();
      const [item] = await hook(moved(IN_PROGRESS.id, { timestamp: '2026-06-14T09:00:00.000Z' }), { zapId: 'zap-e', clear: true });
      expect(item).toMatchObject({
        id: `${OPPORTUNITY_ID}:${IN_PROGRESS.id}:2026-06-14T09:00:00.000Z`,
        pipelineStageId: IN_PROGRESS.id,
        stageName: 'In Progress',
        lastStageChangeAt: '2026-06-14T09:00:00.000Z',
      });
    });

    it('checks the pipeline and stage filters on the event before reading anything', async () => {
      const any = nock(API).get(/.*/).reply(200, {});
      expect(await hook(moved(IN_PROGRESS.id), { inputData: { pipelineId: TRAINEES.id, pipelineStageId: COMPLETED.id } })).toEqual([]);
      expect(await hook(moved(IN_PROGRESS.id), { inputData: { pipelineId: 'bCkKGpDsyPP4peuKowkG' } })).toEqual([]);
      expect(any.isDone()).toBe(false);
    });
  });

  it("performList is Opportunity Stage Changed's read (moves after creation, latest first)", async () => {
    nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery())
      .reply(200, { opportunities: searchFixture.opportunities, meta: { total: searchFixture.opportunities.length } });
    lists();
    const items = (await appTester(performList, { authData }, true)) as Item[];
    expect(items[0]).toMatchObject({ id: `${OPPORTUNITY_ID}:${IN_PROGRESS.id}:${searchItem.lastStageChangeAt}`, opportunityId: OPPORTUNITY_ID });
  });
});
