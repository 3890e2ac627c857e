import nock from 'nock';
import { perform, rankByName } from '../../searches/opportunity_find';
import { opportunityFromSearch } from '../../lib/opportunity/schema';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { COMPLETED, CONTACT_ID, TRAINEES, nockOpportunityFields, nockPipelines, searchQuery } from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

describe('searches.opportunity_find', () => {
  it("finds a contact's opportunities with HighLevel's filters, in one request, with names and custom values", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ contact_id: CONTACT_ID, status: 'open' }))
      .reply(200, searchFixture);
    nockPipelines();
    nockOpportunityFields();
    const results = (await appTester(perform, { authData, inputData: { contactId: CONTACT_ID, status: 'open' } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results[0]).toMatchObject({
      id: 'yWQobCRIhRguQtD2llvk',
      pipelineName: 'Trainees',
      stageName: 'In Progress',
      custom: { deal_source: 'TrainerCentral course page' },
    });
  });

  it('resolves pipeline and stage names to ids before searching', async () => {
    nockPipelines();
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ pipeline_id: TRAINEES.id, pipeline_stage_id: COMPLETED.id }))
      .times(1)
      .reply(200, { opportunities: [], meta: { total: 0 } });
    expect(await appTester(perform, { authData, inputData: { pipelineId: 'Trainees', pipelineStageId: 'completed', status: 'any' } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('without a contact reads up to five pages in parallel and matches the name here', async () => {
    const page = (n: number, items: unknown[]) =>
      nock(API, CONTACTS_VERSION)
        .get('/opportunities/search')
        .query(searchQuery({ page: n }))
        .reply(200, { opportunities: items, meta: { total: 230 } });
    const filler = (n: number) =>
      Array.from({ length: 100 }, (_, i) => ({
        id: `Filler${String(n)}${String(i).padStart(14, '0')}`,
        name: 'Other deal',
        createdAt: '2026-01-01T00:00:00.000Z',
      }));
    const p1 = page(1, filler(1));
    const p2 = page(2, filler(2));
    const p3 = page(3, [{ ...searchFixture.opportunities[1], customFields: [] }]);
    nockPipelines();
    const results = (await appTester(perform, { authData, inputData: { name: 'jahresvertrag' } })) as Record<string, unknown>[];
    expect(p1.isDone() && p2.isDone() && p3.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['pQ7rS9tU1vW3xY5zA7bC']);
  });

  it('ranks an exact name first, then open ones, then the newest', () => {
    const items = [
      { id: 'a', name: 'Level 1 bundle', status: 'open', createdAt: '2026-06-03T00:00:00.000Z' },
      { id: 'b', name: 'Level 1', status: 'won', createdAt: '2026-06-01T00:00:00.000Z' },
      { id: 'c', name: 'Level 1 extra', status: 'won', createdAt: '2026-06-05T00:00:00.000Z' },
      { id: 'd', name: 'Level 1 again', status: 'open', createdAt: '2026-06-04T00:00:00.000Z' },
      { id: 'e', name: 'Other', status: 'open', createdAt: '2026-06-06T00:00:00.000Z' },
    ].map((o) => opportunityFromSearch(o));
    expect(rankByName(items, 'level 1').map((o) => o.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it.each([
    [{}, /Fill in at least one of Contact, Pipeline, Stage, Status or Opportunity Name/],
    [{ status: 'any' }, /Fill in at least one/],
    [{ status: 'closed' }, /Status "closed" is not one of: any, open, won, lost, abandoned/],
    [{ contactId: 'x/y' }, /Contact "x\/y" is not a valid HighLevel ID/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const any = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });

  it('a stage name without a pipeline cannot be placed: says to fill in Pipeline', async () => {
    nockPipelines();
    const error = await thrown(appTester(perform, { authData, inputData: { pipelineStageId: 'Completed' } }));
    expect(error.message).toMatch(/fill in Pipeline too to find a stage by its name/);
  });
});
