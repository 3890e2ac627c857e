import nock from 'nock';
import App from '../../index';
import { OPPORTUNITY_STAGE_CHANGED_KEY, perform } from '../../triggers/opportunity_stage_changed';
import { API, CONTACTS_VERSION, appTester, authData } from '../helpers/app';
import { COMPLETED, OPPORTUNITY_ID, TRAINEES, nockPipelines, searchQuery } from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

const base = { ...searchFixture.opportunities[0], customFields: [] };
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

describe('triggers.opportunity_stage_changed', () => {
  it('keeps opportunities moved after creation, latest move first, with an id per move', async () => {
    const fresh = { ...base, id: 'FreshOpportunity0001', lastStageChangeAt: base.createdAt };
    const older = { ...base, id: 'OlderMove00000000001', lastStageChangeAt: at(base.createdAt, 2) };
    nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery())
      .reply(200, { opportunities: [fresh, older, base], meta: { total: 3 } });
    nockPipelines();
    const results = (await appTester(perform, { authData }, true)) as Record<string, unknown>[];
    expect(results.map((r) => r.opportunityId)).toEqual([OPPORTUNITY_ID, 'OlderMove00000000001']);
    expect(results[0]).toMatchObject({ id: `${OPPORTUNITY_ID}:${base.pipelineStageId}:${base.lastStageChangeAt}`, stageName: 'In Progress' });
  });

  it('a later move of the same opportunity is a new item', async () => {
    const moved = { ...base, pipelineStageId: COMPLETED.id, lastStageChangeAt: at(base.lastStageChangeAt, 1) };
    nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(true)
      .reply(200, { opportunities: [moved] });
    nockPipelines();
    const [result] = (await appTester(perform, { authData }, true)) as Record<string, unknown>[];
    expect(result.id).toBe(`${OPPORTUNITY_ID}:${COMPLETED.id}:${moved.lastStageChangeAt}`);
  });

  it('filters by pipeline and by the stage moved into on the HighLevel side', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ pipeline_id: TRAINEES.id, pipeline_stage_id: COMPLETED.id }))
      .reply(200, { opportunities: [], meta: { total: 0 } });
    await appTester(perform, { authData, inputData: { pipelineId: TRAINEES.id, pipelineStageId: COMPLETED.id } }, true);
    expect(scope.isDone()).toBe(true);
  });

  it('reads at most five pages of 100 (the rest in parallel), as its description says', async () => {
    const full = (n: number) => Array.from({ length: 100 }, (_, i) => ({ ...base, id: `P${n}${String(i).padStart(18, '0')}` }));
    const pages = [1, 2, 3, 4, 5].map((n) =>
      nock(API, CONTACTS_VERSION)
        .get('/opportunities/search')
        .query(searchQuery({ page: n }))
        .reply(200, { opportunities: full(n), meta: { total: 900 } }),
    );
    const sixth = nock(API)
      .get('/opportunities/search')
      .query(searchQuery({ page: 6 }))
      .reply(200, { opportunities: [] });
    nockPipelines();
    const results = (await appTester(perform, { authData }, true)) as unknown[];
    expect(pages.every((p) => p.isDone())).toBe(true);
    expect(sixth.isDone()).toBe(false);
    expect(results).toHaveLength(500);
    expect(App.triggers?.[OPPORTUNITY_STAGE_CHANGED_KEY]?.display.description).toMatch(/500 most recently created opportunities \(up to 5 requests\)/);
  });
});
