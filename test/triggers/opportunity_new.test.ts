import nock from 'nock';
import App from '../../index';
import { OPPORTUNITY_NEW_KEY, perform } from '../../triggers/opportunity_new';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { TRAINEES, nockOpportunityFields, nockPipelines, searchQuery } from '../helpers/opportunities';
import searchFixture from '../fixtures/opportunity_search.json';

describe('triggers.opportunity_new', () => {
  it('asks for the 100 newest created opportunities of every status in one search', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/opportunities/search').query(searchQuery()).reply(200, searchFixture);
    nockPipelines();
    nockOpportunityFields();
    const results = (await appTester(perform, { authData }, true)) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['yWQobCRIhRguQtD2llvk', 'pQ7rS9tU1vW3xY5zA7bC']);
    expect(results[1]).toMatchObject({ pipelineName: 'Studio Deals', stageName: 'Offer Sent', status: 'won', contactName: 'Maxi Mustermann' });
  });

  it('reuses the pipeline and field lists of an earlier poll of the connection: later polls are one request', async () => {
    nock(API, CONTACTS_VERSION).get('/opportunities/search').query(true).times(2).reply(200, searchFixture);
    const lists = [nockPipelines(), nockOpportunityFields()];
    await appTester(perform, { authData }, true);
    const again = nock(API).get('/opportunities/pipelines').query(true).reply(200, { pipelines: [] });
    const results = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(lists.every((l) => l.isDone())).toBe(true);
    expect(again.isDone()).toBe(false);
    expect(results[0]).toMatchObject({ stageName: 'In Progress' });
  });

  it('narrows to one pipeline with pipeline_id', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ pipeline_id: TRAINEES.id }))
      .reply(200, { opportunities: [], meta: { total: 0 } });
    expect(await appTester(perform, { authData, inputData: { pipelineId: TRAINEES.id } }, true)).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('still triggers with IDs only when the pipeline list cannot be read', async () => {
    nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(true)
      .reply(200, { opportunities: [{ ...searchFixture.opportunities[1] }] });
    nock(API).get('/opportunities/pipelines').query(true).reply(500, { statusCode: 500, message: 'Internal server error' });
    const [result] = (await appTester(perform, { authData }, true)) as Record<string, unknown>[];
    expect(result).toMatchObject({
      id: 'pQ7rS9tU1vW3xY5zA7bC',
      pipelineName: '',
      stageName: '',
      pipelineStageId: searchFixture.opportunities[1].pipelineStageId,
    });
  });

  it('says so when HighLevel answers without a list of opportunities', async () => {
    nock(API).get('/opportunities/search').query(true).reply(200, { opportunities: 'nope' });
    const error = await thrown(appTester(perform, { authData }, true));
    expect(error.message).toMatch(/without a list of opportunities while searching opportunities/);
  });

  it('states its budget in the description', () => {
    expect(App.triggers?.[OPPORTUNITY_NEW_KEY]?.display.description).toMatch(/one request that reads the 100 most recently created/);
  });
});
