import nock from 'nock';
import { perform } from '../../creates/opportunity_update';
import { API, CONTACTS_VERSION, USER_ID, appTester, authData, thrown } from '../helpers/app';
import { COMPLETED, DEALS, IN_PROGRESS, OPPORTUNITY_ID, TRAINEES, nockOpportunityFields, nockPipelines } from '../helpers/opportunities';
import opportunityFixture from '../fixtures/opportunity.json';

const PATH = `/opportunities/${OPPORTUNITY_ID}`;
const answer = (over: Record<string, unknown> = {}) => ({ opportunity: { ...opportunityFixture.opportunity, customFields: [], ...over } });

describe('creates.opportunity_update', () => {
  it('moves the opportunity by stage id alone: the pipeline that holds the stage is sent with it', async () => {
    nockPipelines();
    const scope = nock(API, CONTACTS_VERSION)
      .put(PATH, { pipelineId: TRAINEES.id, pipelineStageId: COMPLETED.id })
      .reply(200, answer({ pipelineStageId: COMPLETED.id }));
    const result = await appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, pipelineStageId: COMPLETED.id } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ pipelineStageId: COMPLETED.id, stageName: 'Completed', pipelineName: 'Trainees' });
  });

  it("finds a stage given by name in the opportunity's own pipeline (read first)", async () => {
    nockPipelines();
    const read = nock(API, CONTACTS_VERSION).get(PATH).reply(200, opportunityFixture);
    const put = nock(API, CONTACTS_VERSION).put(PATH, { pipelineId: TRAINEES.id, pipelineStageId: IN_PROGRESS.id }).reply(200, answer());
    await appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, pipelineStageId: 'In Progress' } });
    expect(read.isDone() && put.isDone()).toBe(true);
  });

  it('sends status, value, owner and name without touching pipeline or stage', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .put(PATH, { name: 'Renamed', status: 'won', monetaryValue: 120, assignedTo: USER_ID })
      .reply(200, answer({ status: 'won', name: 'Renamed', monetaryValue: 120 }));
    nockPipelines();
    const result = await appTester(perform, {
      authData,
      inputData: {
        opportunityId: OPPORTUNITY_ID,
        name: 'Renamed',
        status: 'won',
        monetaryValue: 120,
        assignedTo: USER_ID,
        pipelineId: '',
        pipelineStageId: '',
      },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ status: 'won', monetaryValue: 120 });
  });

  it('marks lost with a reason through the status route, then reads the opportunity again', async () => {
    const put = nock(API, CONTACTS_VERSION)
      .put(PATH, { monetaryValue: 0 })
      .reply(200, answer({ monetaryValue: 0 }));
    const status = nock(API, CONTACTS_VERSION).put(`${PATH}/status`, { status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' }).reply(200, { succeded: true });
    const read = nock(API, CONTACTS_VERSION)
      .get(PATH)
      .reply(200, answer({ status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe', monetaryValue: 0 }));
    nockPipelines();
    const result = await appTester(perform, {
      authData,
      inputData: { opportunityId: OPPORTUNITY_ID, status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe', monetaryValue: '0' },
    });
    expect(put.isDone() && status.isDone() && read.isDone()).toBe(true);
    expect(result).toMatchObject({ status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' });
  });

  it('never reports a status change HighLevel says it did not make', async () => {
    nock(API, CONTACTS_VERSION).put(`${PATH}/status`).reply(200, { succeded: false });
    const error = await thrown(
      appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, status: 'lost', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' } }),
    );
    expect(error.message).toMatch(/did not change the status/);
  });

  it('writes only the custom fields given', async () => {
    nockOpportunityFields();
    const scope = nock(API, CONTACTS_VERSION)
      .put(PATH, { customFields: [{ id: 'Nm4bV7cX1zL9kJ3hG5fD', field_value: '3' }] })
      .reply(200, answer());
    nockPipelines();
    await appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, cf_Nm4bV7cX1zL9kJ3hG5fD: 3 } });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{}, /Nothing to update/],
    [{ lostReasonId: 'CLu7BaljjqrEjBGKTNNe' }, /Lost Reason only goes with Status "Lost"/],
    [{ status: 'won', lostReasonId: 'CLu7BaljjqrEjBGKTNNe' }, /Lost Reason only goes with Status "Lost"/],
    [{ opportunityId: '' }, /Opportunity is required/],
    [{ opportunityId: 'a b' }, /Opportunity "a b" is not a valid HighLevel ID/],
  ])('rejects %j with no request sent', async (over, message) => {
    const any = nock(API).get(/.*/).reply(200, {}).put(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, ...over } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });

  it('refuses a new pipeline without its stage, and a stage outside the new pipeline, before writing', async () => {
    nockPipelines(2);
    const put = nock(API).put(PATH).reply(200, answer());
    const noStage = await thrown(appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, pipelineId: DEALS.id } }));
    expect(noStage.message).toMatch(/Stage is required with Pipeline: choose the stage of "Studio Deals"/);
    const wrong = await thrown(
      appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, pipelineId: DEALS.id, pipelineStageId: COMPLETED.id } }),
    );
    expect(wrong.message).toMatch(/is not a stage of the pipeline "Studio Deals"/);
    expect(put.isDone()).toBe(false);
  });

  it("says clearly when the opportunity is gone (HighLevel's 404)", async () => {
    nock(API, CONTACTS_VERSION).put(PATH).reply(404, { statusCode: 404, message: 'Opportunity not found', error: 'Not Found' });
    const error = await thrown(appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID, name: 'X' } }));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/while updating the opportunity \(404: Opportunity not found\)/);
  });
});
