import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customValueOf, readableCustomValues } from '../../../lib/custom_field/schema';
import { objects } from '../../../lib/objects';
import {
  opportunityDef,
  opportunityFromRest,
  opportunityFromSearch,
  opportunityFromWebhook,
  opportunityLabel,
  opportunitySample,
  toStageChange,
  toStatusChange,
} from '../../../lib/opportunity/schema';
import restFixture from '../../fixtures/opportunity.json';
import searchFixture from '../../fixtures/opportunity_search.json';

const PAYLOADS = join(__dirname, '..', '..', '..', '..', 'shared', 'ghl-api', 'payloads');
const payload = (file: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(PAYLOADS, file), 'utf8')) as { payload: Record<string, unknown> }).payload;
const havePayloads = existsSync(PAYLOADS);

describe('lib/opportunity/schema', () => {
  it('is registered in lib/objects.ts with a parser for each shape', () => {
    const entry = objects.find((o) => o.name === 'opportunity');
    expect(Object.keys(entry?.parse ?? {}).sort()).toEqual(['rest', 'search', 'webhook']);
  });

  it('reads a REST answer: dates ISO, contact link, no names until the pipeline list adds them', () => {
    const out = opportunityFromRest(restFixture.opportunity, 'fallback');
    expect(out).toMatchObject({
      id: 'yWQobCRIhRguQtD2llvk',
      monetaryValue: 104,
      status: 'open',
      lostReasonId: '',
      pipelineName: '',
      stageName: '',
      locationId: 've9EPM428h8vShlRW1KT',
      contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
    });
    expect(opportunityDef.output.safeParse(out).success).toBe(true);
  });

  it("reads a search item's contact summary into flat contact fields", () => {
    const [first, second] = searchFixture.opportunities.map((o) => opportunityFromSearch(o));
    expect(first).toMatchObject({ contactName: 'Lena Vogt', contactEmail: 'lena.vogt@example.com', contactCompanyName: 'Vogt Pilates' });
    expect(second).toMatchObject({ contactName: 'Maxi Mustermann', contactPhone: '', assignedTo: '', status: 'won' });
  });

  it('never names the contact lower than the names its answer carries (issue 21)', () => {
    const contact = { id: 'c', name: 'lena vogt', firstNameRaw: 'Lena', lastName: 'Vogt' };
    expect(opportunityFromSearch({ id: 'o', contact }).contactName).toBe('Lena Vogt');
    expect(opportunityFromSearch({ id: 'o', contactName: 'maxi mustermann', contact: { id: 'c', name: 'Maxi Mustermann' } }).contactName).toBe(
      'Maxi Mustermann',
    );
    expect(opportunityFromSearch({ id: 'o', contact: { id: 'c', name: 'Lena Vogt' } }).contactName).toBe('Lena Vogt');
  });

  it('reads a numeric string amount as a number, and nonsense as 0', () => {
    expect(opportunityFromRest({ id: 'a', monetaryValue: '4800.5' }).monetaryValue).toBe(4800.5);
    expect(opportunityFromRest({ id: 'a', monetaryValue: 'lots' }).monetaryValue).toBe(0);
    expect(opportunityFromRest({ id: 'a', monetaryValue: null }).monetaryValue).toBe(0);
  });

  it('a webhook body reads like the REST answer (dateAdded is the creation date; event keys are dropped)', () => {
    const rest = restFixture.opportunity;
    const event = {
      type: 'OpportunityStageUpdate',
      webhookId: 'w-1',
      timestamp: '2026-06-10T14:05:32.000Z',
      locationId: rest.locationId,
      id: rest.id,
      assignedTo: rest.assignedTo,
      contactId: rest.contactId,
      monetaryValue: rest.monetaryValue,
      name: rest.name,
      pipelineId: rest.pipelineId,
      pipelineStageId: rest.pipelineStageId,
      source: rest.source,
      status: rest.status,
      dateAdded: rest.createdAt,
    };
    const keys = ['id', 'name', 'status', 'monetaryValue', 'pipelineId', 'pipelineStageId', 'assignedTo', 'source', 'contactId', 'createdAt', 'locationId'];
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    const fromEvent = opportunityFromWebhook(event);
    expect(pick(fromEvent)).toEqual(pick(opportunityFromRest(rest)));
    expect(fromEvent).not.toHaveProperty('type');
    expect(fromEvent).not.toHaveProperty('webhookId');
  });

  (havePayloads ? it : it.skip)('reads every official Opportunity* payload with its id, contact and creation date', () => {
    for (const kind of ['Create', 'Update', 'Delete', 'StageUpdate', 'StatusUpdate', 'MonetaryValueUpdate', 'AssignedToUpdate']) {
      const out = opportunityFromWebhook(payload(`webhook-doc-Opportunity${kind}.json`));
      expect(out).toMatchObject({ id: 'wWhVuzqpRuOA1ZVWi4FC', contactId: 'cJAWDskpkJHbRbhAT7bs', monetaryValue: 40, createdAt: '2021-11-26T12:41:02.193Z' });
      expect(opportunityDef.output.safeParse(out).success).toBe(true);
    }
  });

  (havePayloads ? it : it.skip)("reads issue #87's custom values (fieldValueString) under readable keys", () => {
    const fragment = payload('issue-87-opportunity-customFields.json');
    const out = opportunityFromSearch({ id: 'x', ...fragment });
    const fields = [
      { id: 'jk9HtosWB9TR3a5Nhr4z', name: 'Deal Source', fieldKey: 'opportunity.deal_source', dataType: 'TEXT' },
      { id: 'I2K6XRlO3i6L0U50Zgim', name: 'Billing Provider', fieldKey: 'opportunity.billing_provider', dataType: 'TEXT' },
    ];
    expect(readableCustomValues(fields, out.customFields)).toEqual({ deal_source: 'abc', billing_provider: 'billing provider data' });
  });

  it.each([
    [{ id: 'f', value: 3 }, 3],
    [{ id: 'f', fieldValue: ['a', 'b'] }, ['a', 'b']],
    [{ id: 'f', type: 'string', fieldValueString: 'abc' }, 'abc'],
    [{ id: 'f', type: 'number', fieldValueNumber: 12 }, 12],
    [{ id: 'f', fieldValueArray: ['Mat'] }, ['Mat']],
    [{ id: 'f', fieldValueDate: '2026-06-24' }, '2026-06-24'],
    [{ id: 'f', fieldValueBoolean: false }, false],
    [{ id: 'f', type: 'string' }, undefined],
  ])('customValueOf(%j) is %j', (item, value) => {
    expect(customValueOf(item)).toEqual(value);
  });

  it('change items get ids that change with the change, keeping the real id', () => {
    const moved = { ...opportunitySample, pipelineStageId: 'other-stage', lastStageChangeAt: '2026-06-12T08:30:00.000Z' };
    expect(toStageChange(opportunitySample).id).not.toBe(toStageChange(moved).id);
    expect(toStageChange(moved)).toMatchObject({ opportunityId: opportunitySample.id, id: `${opportunitySample.id}:other-stage:2026-06-12T08:30:00.000Z` });
    const won = { ...opportunitySample, status: 'won', lastStatusChangeAt: '2026-06-20T10:00:00.000Z' };
    expect(toStatusChange(won).id).toBe(`${opportunitySample.id}:won:2026-06-20T10:00:00.000Z`);
    expect(toStatusChange(opportunitySample).id).not.toBe(toStatusChange(won).id);
  });

  it('labels opportunities as a user recognises them', () => {
    expect(opportunityLabel(opportunitySample)).toBe('Lena Vogt: Pilates Instructor Level 1 (Enrolled, 104)');
    expect(opportunityLabel({ ...opportunitySample, name: '', stageName: '', monetaryValue: 0 })).toBe('Lena Vogt (open)');
  });
});
