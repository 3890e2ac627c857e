import nock from 'nock';
import { opportunityOutputFields } from '../../lib/opportunity/schema';
import { perform as pollingPerform } from '../../triggers/opportunity_new';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/opportunity_new_instant';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { clearRelayEnv, deliveryBody, hookBundle, opportunityEvent, setRelayEnv } from '../helpers/hooks';
import { CONTACT_ID, DEALS, OPPORTUNITY_ID, TRAINEES, nockOpportunityFields, nockPipelines, searchQuery } from '../helpers/opportunities';
import contactFixture from '../fixtures/contact.json';
import searchFixture from '../fixtures/opportunity_search.json';

type Item = Record<string, unknown>;
const [searchItem] = searchFixture.opportunities;
/** GET /opportunities/{id}: the search item's record, here without the `contact` summary (the sandbox's reading). */
const { contact: _contact, notes: _notes, tasks: _tasks, calendarEvents: _events, ...record } = searchItem;

/** The OpportunityCreate body HighLevel would send for the fixture's opportunity (the documented fields only). */
const created = (fields: Item = {}) =>
  opportunityEvent('OpportunityCreate', {
    id: OPPORTUNITY_ID,
    contactId: CONTACT_ID,
    assignedTo: searchItem.assignedTo,
    monetaryValue: searchItem.monetaryValue,
    name: searchItem.name,
    pipelineStageId: searchItem.pipelineStageId,
    source: searchItem.source,
    dateAdded: searchItem.createdAt,
    ...fields,
  });
const hook = (payload: Item, inputData: Item = {}) =>
  appTester(perform, { authData, inputData, ...hookBundle(deliveryBody('opportunity.created', payload)) }, true) as Promise<Item[]>;
const holds = (answer: Item = record) => nock(API, CONTACTS_VERSION).get(`/opportunities/${OPPORTUNITY_ID}`).reply(200, { opportunity: answer });

describe('triggers.opportunity_new_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'opportunity.created',
    inputData: { pipelineId: TRAINEES.id },
    filters: { pipelineId: TRAINEES.id },
    pollingLabel: 'New Opportunity',
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs exactly what New Opportunity outputs: the record read in full, its contact, names and custom values', async () => {
      const reads = [holds(), nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).reply(200, contactFixture), nockPipelines(), nockOpportunityFields()];
      const [item] = await hook(created());
      expect(reads.every((r) => r.isDone())).toBe(true);

      nock(API, CONTACTS_VERSION)
        .get('/opportunities/search')
        .query(searchQuery())
        .reply(200, { opportunities: [searchItem], meta: { total: 1 } });
      nockPipelines();
      nockOpportunityFields();
      const [polled] = (await appTester(pollingPerform, { authData }, true)) as Item[];
      for (const key of [...opportunityOutputFields.map((f) => f.key), 'custom']) expect([key, item[key]]).toEqual([key, polled[key]]);
      expect(item).toMatchObject({
        id: OPPORTUNITY_ID,
        pipelineName: 'Trainees',
        stageName: 'In Progress',
        contactName: 'Lena Vogt',
        contactEmail: 'lena.vogt@example.com',
        contactCompanyName: 'Vogt Pilates',
        custom: { deal_source: 'TrainerCentral course page' },
        locationId: LOCATION_ID,
      });
      expect(item.type).toBeUndefined();
      expect(item.webhookId).toBeUndefined();
    });

    it("reads no contact when HighLevel's answer carries the contact summary (the spec's shape)", async () => {
      const reads = [holds(searchItem), nockPipelines(), nockOpportunityFields()];
      const contact = nock(API).get(`/contacts/${CONTACT_ID}`).reply(200, contactFixture);
      const [item] = await hook(created());
      expect(reads.every((r) => r.isDone())).toBe(true);
      expect(contact.isDone()).toBe(false);
      expect(item).toMatchObject({ contactName: 'Lena Vogt', contactPhone: '+4917112345678' });
    });

    it('reads nothing more when the body already has what the output needs', async () => {
      const lists = [nockPipelines(), nockOpportunityFields()];
      const get = nock(API)
        .get(/\/opportunities\/.+/)
        .reply(200, { opportunity: record });
      const [item] = await hook(created({ ...searchItem, dateAdded: undefined }));
      expect(lists.every((r) => r.isDone())).toBe(true);
      expect(get.isDone()).toBe(false);
      expect(item).toMatchObject({ id: OPPORTUNITY_ID, updatedAt: searchItem.updatedAt, contactName: 'Lena Vogt' });
    });

    it('outputs the event as it came when HighLevel no longer has the opportunity', async () => {
      nock(API, CONTACTS_VERSION).get(`/opportunities/${OPPORTUNITY_ID}`).reply(404, { statusCode: 404, message: 'Opportunity not found' });
      nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).reply(404, { statusCode: 404, message: 'Contact not found' });
      nockPipelines();
      nockOpportunityFields();
      const [item] = await hook(created());
      expect(item).toMatchObject({ id: OPPORTUNITY_ID, createdAt: searchItem.createdAt, stageName: 'In Progress', status: 'open', contactName: '' });
    });

    it('checks the pipeline filter on the event before reading anything (a delivery the relay should have kept back)', async () => {
      const any = nock(API).get(/.*/).reply(200, {});
      expect(await hook(created(), { pipelineId: DEALS.id })).toEqual([]);
      expect(any.isDone()).toBe(false);
    });

    it('ignores a delivery of another event kind', async () => {
      const any = nock(API).get(/.*/).reply(200, {});
      const bundle = hookBundle(deliveryBody('opportunity.stage_changed', created({ type: 'OpportunityStageUpdate' })));
      expect(await appTester(perform, { authData, inputData: {}, ...bundle })).toEqual([]);
      expect(any.isDone()).toBe(false);
    });
  });

  it("performList is New Opportunity's read (the newest created, one search)", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ pipeline_id: TRAINEES.id }))
      .reply(200, { opportunities: [searchItem], meta: { total: 1 } });
    nockPipelines();
    nockOpportunityFields();
    const items = (await appTester(performList, { authData, inputData: { pipelineId: TRAINEES.id } }, true)) as Item[];
    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => i.id)).toEqual([OPPORTUNITY_ID]);
  });
});
