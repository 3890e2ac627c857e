import nock from 'nock';
import { OPPORTUNITY_UPSERT_KEY, perform } from '../../creates/opportunity_upsert';
import App from '../../index';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import { COMPLETED, CONTACT_ID, DEALS, ENROLLED, TRAINEES, nockPipelines, searchQuery } from '../helpers/opportunities';
import opportunityFixture from '../fixtures/opportunity.json';

const base = opportunityFixture.opportunity;
const item = (over: Record<string, unknown>) => ({ ...base, customFields: [], ...over });
const input = (over: Record<string, unknown> = {}) => ({ contactId: CONTACT_ID, pipelineId: TRAINEES.id, name: 'Lena Vogt: Level 1', ...over });
const searchOf = (opportunities: unknown[]) =>
  nock(API, CONTACTS_VERSION)
    .get('/opportunities/search')
    .query(searchQuery({ contact_id: CONTACT_ID, pipeline_id: TRAINEES.id }))
    .reply(200, { opportunities, meta: { total: opportunities.length } });

describe('creates.opportunity_upsert', () => {
  it("updates the contact's open opportunity in the pipeline (open wins over a newer won one)", async () => {
    nockPipelines();
    searchOf([
      item({ id: 'WonOpportunity000001', status: 'won', createdAt: '2026-06-09T00:00:00.000Z' }),
      item({ id: 'OpenOpportunity00001', status: 'open', createdAt: '2026-06-01T00:00:00.000Z' }),
      item({ id: 'OtherPipeline0000001', pipelineId: DEALS.id, status: 'open', createdAt: '2026-06-10T00:00:00.000Z' }),
    ]);
    const put = nock(API, CONTACTS_VERSION)
      .put('/opportunities/OpenOpportunity00001', { name: 'Lena Vogt: Level 1', status: 'won', pipelineStageId: COMPLETED.id })
      .reply(200, { opportunity: item({ id: 'OpenOpportunity00001', status: 'won', pipelineStageId: COMPLETED.id }) });
    const result = await appTester(perform, { authData, inputData: input({ pipelineStageId: 'Completed', status: 'won' }) });
    expect(put.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'OpenOpportunity00001', isNew: false, stageName: 'Completed' });
  });

  it('creates one (first stage, open) when the contact has none in the pipeline', async () => {
    nockPipelines();
    searchOf([]);
    const post = nock(API, CONTACTS_VERSION)
      .post('/opportunities/', {
        name: 'Lena Vogt: Level 1',
        status: 'open',
        pipelineId: TRAINEES.id,
        pipelineStageId: ENROLLED.id,
        contactId: CONTACT_ID,
        locationId: LOCATION_ID,
      })
      .reply(201, { opportunity: item({}) });
    const result = await appTester(perform, { authData, inputData: input() });
    expect(post.isDone()).toBe(true);
    expect(result).toMatchObject({ id: base.id, isNew: true });
  });

  it('creates and then records the lost reason through the status route', async () => {
    nockPipelines();
    searchOf([]);
    nock(API, CONTACTS_VERSION)
      .post('/opportunities/')
      .reply(201, { opportunity: item({ status: 'lost' }) });
    const status = nock(API, CONTACTS_VERSION)
      .put(`/opportunities/${base.id}/status`, { status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' })
      .reply(200, { succeded: true });
    nock(API, CONTACTS_VERSION)
      .get(`/opportunities/${base.id}`)
      .reply(200, { opportunity: item({ status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' }) });
    const result = await appTester(perform, { authData, inputData: input({ status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' }) });
    expect(status.isDone()).toBe(true);
    expect(result).toMatchObject({ isNew: true, lostReasonId: 'CLu7BaljjqrEjBGKTNNe' });
  });

  it('refuses a stage outside the pipeline before searching', async () => {
    nockPipelines();
    const search = nock(API).get('/opportunities/search').query(true).reply(200, { opportunities: [] });
    const error = await thrown(appTester(perform, { authData, inputData: input({ pipelineStageId: DEALS.stages[0].id }) }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/is not a stage of the pipeline "Trainees"/) });
    expect(search.isDone()).toBe(false);
  });

  it.each([
    [{ contactId: '' }, /Contact is required/],
    [{ pipelineId: '' }, /Pipeline is required/],
    [{ name: '' }, /Opportunity Name is required/],
  ])('rejects %j with no request sent', async (over, message) => {
    const any = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData: input(over) }));
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });

  it('says in its description how it matches', () => {
    expect(App.creates?.[OPPORTUNITY_UPSERT_KEY]?.display.description).toMatch(/an open one first, else the newest/);
  });
});
