import nock from 'nock';
import { perform } from '../../creates/opportunity_create';
import { API, CONTACTS_VERSION, LOCATION_ID, USER_ID, appTester, authData, thrown } from '../helpers/app';
import {
  COMPLETED,
  CONTACT_ID,
  DEALS,
  ENROLLED,
  OPPORTUNITY_FIELDS,
  TRAINEES,
  nockOpportunityFields,
  nockPipelines,
  searchQuery,
} from '../helpers/opportunities';
import opportunityFixture from '../fixtures/opportunity.json';

const input = (over: Record<string, unknown> = {}) => ({ contactId: CONTACT_ID, pipelineId: TRAINEES.id, name: 'Lena Vogt: Level 1', ...over });

describe('creates.opportunity_create', () => {
  it("creates in the pipeline's first stage, status open, and names pipeline and stage in the output", async () => {
    const pipelines = nockPipelines();
    const scope = nock(API, CONTACTS_VERSION)
      .post('/opportunities/', {
        name: 'Lena Vogt: Level 1',
        status: 'open',
        pipelineId: TRAINEES.id,
        pipelineStageId: ENROLLED.id,
        contactId: CONTACT_ID,
        locationId: LOCATION_ID,
      })
      .reply(201, opportunityFixture);
    nockOpportunityFields();
    const result = await appTester(perform, { authData, inputData: input() });
    expect(pipelines.isDone() && scope.isDone()).toBe(true);
    expect(result).toMatchObject({
      id: 'yWQobCRIhRguQtD2llvk',
      pipelineName: 'Trainees',
      stageName: 'Enrolled',
      custom: { deal_source: 'TrainerCentral course page' },
    });
  });

  it('sends the stage by name, the value as a number, the owner, the status and custom values (numbers as text)', async () => {
    nockPipelines();
    nockOpportunityFields();
    const scope = nock(API, CONTACTS_VERSION)
      .post('/opportunities/', {
        name: 'Lena Vogt: Level 1',
        status: 'won',
        monetaryValue: 4800.5,
        assignedTo: USER_ID,
        pipelineId: TRAINEES.id,
        pipelineStageId: COMPLETED.id,
        contactId: CONTACT_ID,
        customFields: [
          { id: 'jk9HtosWB9TR3a5Nhr4z', field_value: 'TrainerCentral' },
          { id: 'Nm4bV7cX1zL9kJ3hG5fD', field_value: '12' },
        ],
        locationId: LOCATION_ID,
      })
      .reply(201, opportunityFixture);
    await appTester(perform, {
      authData,
      inputData: input({
        pipelineId: 'trainees',
        pipelineStageId: 'completed',
        status: 'Won',
        monetaryValue: '$4,800.50',
        assignedTo: USER_ID,
        [`cf_${OPPORTUNITY_FIELDS.customFields[0].id}`]: 'TrainerCentral',
        [`cf_${OPPORTUNITY_FIELDS.customFields[1].id}`]: '12',
      }),
    });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a stage of another pipeline before sending anything', async () => {
    nockPipelines();
    const create = nock(API).post('/opportunities/').reply(201, opportunityFixture);
    const error = await thrown(appTester(perform, { authData, inputData: input({ pipelineStageId: DEALS.stages[1].id }) }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/is not a stage of the pipeline "Trainees": choose one of "Enrolled", "In Progress", "Completed"/);
    expect(create.isDone()).toBe(false);
  });

  it('refuses a pipeline the location does not have, naming the ones it has', async () => {
    nockPipelines();
    const error = await thrown(appTester(perform, { authData, inputData: input({ pipelineId: 'Sales' }) }));
    expect(error.message).toMatch(/Pipeline "Sales" is not a pipeline of this location: choose one of "Trainees", "Studio Deals"/);
  });

  it.each([
    [{ contactId: '' }, /Contact is required/],
    [{ pipelineId: '' }, /Pipeline is required/],
    [{ name: ' ' }, /Opportunity Name is required/],
    [{ status: 'pending' }, /Status "pending" is not one of: open, won, lost, abandoned/],
    [{ monetaryValue: 'a lot' }, /Value must be a number/],
    [{ assignedTo: 'Anna Schmidt' }, /Owner "Anna Schmidt" is not a valid HighLevel ID/],
    [{ contactId: '../contacts/x' }, /Contact "\.\.\/contacts\/x" is not a valid HighLevel ID/],
  ])('rejects %j with no request sent', async (over, message) => {
    const any = nock(API).get(/.*/).reply(200, {}).post(/.*/).reply(201, {});
    const error = await thrown(appTester(perform, { authData, inputData: input(over) }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });

  it("reports HighLevel's duplicate refusal as it said it", async () => {
    nockPipelines();
    nock(API, CONTACTS_VERSION).post('/opportunities/').reply(400, { statusCode: 400, message: 'Can not create duplicate opportunity for the contact.' });
    const error = await thrown(appTester(perform, { authData, inputData: input() }));
    expect(error.message).toMatch(/HighLevel rejected creating the opportunity \(400\): Can not create duplicate opportunity for the contact\./);
  });

  describe('replayed after its answer was lost (issue 21, point 7)', () => {
    const zap = { zap: { id: 'zap-77', user: { timezone: 'Europe/Berlin' } } };
    const lost = async () => {
      nockPipelines();
      nock(API, CONTACTS_VERSION)
        .post('/opportunities/')
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      return thrown(appTester(perform, { authData, inputData: input(), meta: zap }));
    };
    const searchOf = (items: unknown[]) =>
      nock(API, CONTACTS_VERSION)
        .get('/opportunities/search')
        .query(searchQuery({ contact_id: CONTACT_ID, pipeline_id: TRAINEES.id }))
        .reply(200, { opportunities: items, meta: { total: items.length } });
    const written = (over: Record<string, unknown> = {}) => ({
      ...opportunityFixture.opportunity,
      id: 'Wr1tt3nByTh3Att3mpt0',
      name: 'Lena Vogt: Level 1',
      pipelineId: TRAINEES.id,
      pipelineStageId: ENROLLED.id,
      contactId: CONTACT_ID,
      createdAt: new Date().toISOString(),
      ...over,
    });

    it('finds and returns the opportunity its attempt wrote instead of meeting it as a duplicate', async () => {
      expect((await lost()).message).toMatch(/Replaying this step is safe: it first looks for the opportunity this attempt may have created/);
      nockPipelines();
      nockOpportunityFields();
      const search = searchOf([written({ pipelineStageId: COMPLETED.id })]);
      const create = nock(API).post('/opportunities/').reply(400, { statusCode: 400, message: 'Can not create duplicate opportunity for the contact.' });
      const replayed = await appTester(perform, { authData, inputData: input(), meta: zap });
      expect(search.isDone()).toBe(true);
      expect(create.isDone()).toBe(false);
      expect(replayed).toMatchObject({ id: 'Wr1tt3nByTh3Att3mpt0', pipelineName: 'Trainees', stageName: 'Completed' });
    });

    it('writes again when what it finds is older than the attempt (that one is not its own), and a duplicate still halts', async () => {
      await lost();
      nockPipelines();
      searchOf([written({ createdAt: '2026-01-01T00:00:00.000Z' })]);
      const create = nock(API, CONTACTS_VERSION)
        .post('/opportunities/')
        .reply(400, { statusCode: 400, message: 'Can not create duplicate opportunity for the contact.' });
      const error = await thrown(appTester(perform, { authData, inputData: input(), meta: zap }));
      expect(create.isDone()).toBe(true);
      expect(error.message).toMatch(/Can not create duplicate opportunity for the contact\./);
    });

    it('a new run after a success writes anew (no search)', async () => {
      nockPipelines(2);
      nockOpportunityFields();
      const created = nock(API, CONTACTS_VERSION).post('/opportunities/').times(2).reply(201, opportunityFixture);
      await appTester(perform, { authData, inputData: input(), meta: zap });
      await appTester(perform, { authData, inputData: input(), meta: zap });
      expect(created.isDone()).toBe(true);
    });
  });

  it('fails the step naming opportunities.write when the connection lacks it; the create is never sent', async () => {
    nockPipelines();
    const create = nock(API).post('/opportunities/').reply(201, opportunityFixture);
    const error = await thrown(appTester(perform, { authData: { ...authData, scope: 'contacts.readonly opportunities.readonly' }, inputData: input() }));
    expect(error.message).toMatch(/lacks the "opportunities\.write" permission, needed for creating the opportunity/);
    expect(create.isDone()).toBe(false);
  });
});
