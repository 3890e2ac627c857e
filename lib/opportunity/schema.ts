import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { contactUrl, notLowerThan, personNames } from '../contact/schema';
import { asRecord, changeVariant, defineObject, field, type OutputOf } from '../schema/define';
import { isoDate } from '../schema/values';

/**
 * The HighLevel opportunity (docs/highlevel-api.md §6.10): one definition for every shape it arrives in — the REST
 * answer (GET, create, update: `{opportunity}`), the search item (the same schema plus a `contact` summary) and the
 * webhook body (OpportunityCreate, …StageUpdate, …StatusUpdate and the others: flat, `dateAdded` instead of
 * `createdAt`, no change dates, §9.2) — and one output. Pipeline and stage names are not in any of them: the API layer
 * adds them from the pipeline list (lib/opportunity/pipeline.ts).
 */

/** Custom values as HighLevel sends them: `{id, fieldValue}` per the spec, `{id, type, fieldValueString}` in real answers (§14.8). */
export const OpportunityCustomValue = lazy(() => zod.looseObject({ id: zod.string() }));
export type OpportunityCustomValue = z.infer<typeof OpportunityCustomValue>;

/** Statuses an opportunity can have. `all` is in the spec's enum too, but only means something as a search filter (§6.10). */
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost', 'abandoned'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export const opportunityDef = defineObject({
  id: field.id('Opportunity ID'),
  name: field.text('Opportunity Name'),
  status: field.text('Status (open, won, lost or abandoned)'),
  monetaryValue: field.number('Value'),
  pipelineId: field.text('Pipeline ID'),
  pipelineName: field.text('Pipeline Name'),
  pipelineStageId: field.text('Stage ID'),
  stageName: field.text('Stage Name'),
  assignedTo: field.text('Owner (User ID)'),
  assignedToName: field.lookedUp('Owner Name'),
  assignedToEmail: field.lookedUp('Owner Email'),
  source: field.text('Source'),
  lostReasonId: field.text('Lost Reason ID'),
  contactId: field.text('Contact ID'),
  contactName: field.text('Contact Name'),
  contactEmail: field.text('Contact Email'),
  contactPhone: field.text('Contact Phone'),
  contactCompanyName: field.text('Contact Company Name'),
  createdAt: field.datetime('Date Created'),
  updatedAt: field.datetime('Date Updated'),
  lastStatusChangeAt: field.datetime('Status Changed At'),
  lastStageChangeAt: field.datetime('Stage Changed At'),
  customFields: field.hidden(() => zod.array(OpportunityCustomValue), [], 'Custom Field Values'),
  locationId: field.id('Location ID'),
  contactUrl: field.text('Contact URL'),
});

export type OpportunityOutput = OutputOf<typeof opportunityDef.fields>;

/** What an answer must carry to be read as an opportunity: its id. Everything else is read leniently. */
export const OpportunityAnswer = lazy(() => zod.looseObject({ id: zod.string() }));
export type OpportunityAnswer = z.infer<typeof OpportunityAnswer>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The search item's `contact` summary `{id, name, companyName, email, phone, tags}` (spec:
 * SearchOpportunitiesContactResponseSchema), its name read as contacts' are (personNames: never lower than the parts
 * where the summary carries them).
 */
const contactSummary = (raw: Record<string, unknown>) => {
  const contact = asRecord(raw.contact);
  const { name, firstName, lastName } = personNames(contact);
  return {
    id: text(contact.id),
    name,
    parts: `${firstName} ${lastName}`,
    email: text(contact.email),
    phone: text(contact.phone),
    companyName: text(contact.companyName),
  };
};

const fromRecord = (raw: Record<string, unknown>, fallbackLocationId: string): OpportunityOutput => {
  const o = opportunityDef.read(raw);
  const contact = contactSummary(raw);
  const locationId = o.locationId || fallbackLocationId;
  const contactId = o.contactId || contact.id;
  // An unparseable amount (a numeric string, say) reads as a number where it can; HighLevel types it as a number.
  const value = typeof raw.monetaryValue === 'string' && raw.monetaryValue.trim() !== '' ? Number(raw.monetaryValue) : o.monetaryValue;
  return {
    ...raw,
    ...o,
    monetaryValue: Number.isFinite(value) ? value : 0,
    contactId,
    // An answer's own contactName (none is documented) is never lower than the summary's names either.
    contactName: o.contactName ? notLowerThan(o.contactName, contact.name, contact.parts) : contact.name,
    contactEmail: o.contactEmail || contact.email,
    contactPhone: o.contactPhone || contact.phone,
    contactCompanyName: o.contactCompanyName || contact.companyName,
    createdAt: isoDate(o.createdAt),
    updatedAt: isoDate(o.updatedAt),
    lastStatusChangeAt: isoDate(o.lastStatusChangeAt),
    lastStageChangeAt: isoDate(o.lastStageChangeAt),
    locationId,
    contactUrl: locationId && contactId ? contactUrl(locationId, contactId) : '',
  };
};

/** GET /opportunities/{id}, create and update answers (the `opportunity` of their envelope). */
export const opportunityFromRest = (raw: unknown, fallbackLocationId = ''): OpportunityOutput => fromRecord(asRecord(raw), fallbackLocationId);

/** An item of GET /opportunities/search: the REST shape plus the `contact` summary. */
export const opportunityFromSearch = (raw: unknown, fallbackLocationId = ''): OpportunityOutput => fromRecord(asRecord(raw), fallbackLocationId);

/** Keys HighLevel adds to a webhook body that are not the opportunity's. */
const EVENT_KEYS = ['type', 'webhookId', 'timestamp', 'appId', 'versionId'];

/** An Opportunity* event body (§6.10, §9.2): flat, with `dateAdded` for the creation date. */
export const opportunityFromWebhook = (payload: unknown): OpportunityOutput => {
  const raw = asRecord(payload);
  const opportunity = Object.fromEntries(Object.entries(raw).filter(([key]) => !EVENT_KEYS.includes(key)));
  const createdAt = typeof raw.createdAt === 'string' ? raw.createdAt : text(raw.dateAdded);
  const locationId = text(raw.locationId);
  return fromRecord({ ...opportunity, id: text(raw.id), createdAt }, locationId);
};

/** "Lena Vogt: Pilates Instructor Level 1 (open, 104)": what a user recognises in the opportunity dropdown. */
export const opportunityLabel = (o: OpportunityOutput): string => {
  const head = o.name || o.contactName || o.id;
  const details = [o.stageName || o.status, o.monetaryValue ? String(o.monetaryValue) : ''].filter(Boolean).join(', ');
  return details ? `${head} (${details})` : head;
};

export const opportunitySample = {
  id: 'yWQobCRIhRguQtD2llvk',
  name: 'Lena Vogt: Pilates Instructor Level 1',
  status: 'open',
  monetaryValue: 104,
  pipelineId: 'VDm7RPYC2GLUvdpKmBfC',
  pipelineName: 'Trainees',
  pipelineStageId: 'e93ba61a-53b3-45e7-985a-c7732dbcdb69',
  stageName: 'Enrolled',
  assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  assignedToName: 'Anna Schmidt',
  assignedToEmail: 'anna@pilates-berlin.example.com',
  source: 'TrainerCentral',
  lostReasonId: '',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  contactName: 'Lena Vogt',
  contactEmail: 'lena.vogt@example.com',
  contactPhone: '+4917112345678',
  contactCompanyName: 'Vogt Pilates',
  createdAt: '2026-06-04T09:25:12.000Z',
  updatedAt: '2026-06-10T14:05:31.512Z',
  lastStatusChangeAt: '2026-06-04T09:25:12.000Z',
  lastStageChangeAt: '2026-06-10T14:05:31.512Z',
  customFields: [{ id: 'jk9HtosWB9TR3a5Nhr4z', fieldValue: 'TrainerCentral course page' }],
  locationId: 've9EPM428h8vShlRW1KT',
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies OpportunityOutput;

export const opportunityOutputFields = opportunityDef.outputFields;

/**
 * "Stage Changed" and "Status Changed" items: Zapier dedupes on `id`, so each change gets an id of its own
 * (`<opportunity id>:<stage or status>:<when it changed>`) and the opportunity's id moves to `opportunityId`
 * (docs/highlevel-api.md §8).
 */
export const opportunityChangeDef = changeVariant(opportunityDef, { idLabel: 'Change ID', realIdKey: 'opportunityId', realIdLabel: 'Opportunity ID' });
export type OpportunityChangeOutput = OutputOf<typeof opportunityChangeDef.fields>;

export const toStageChange = (o: OpportunityOutput): OpportunityChangeOutput => ({
  ...o,
  id: `${o.id}:${o.pipelineStageId}:${o.lastStageChangeAt}`,
  opportunityId: o.id,
});

export const toStatusChange = (o: OpportunityOutput): OpportunityChangeOutput => ({
  ...o,
  id: `${o.id}:${o.status}:${o.lastStatusChangeAt}`,
  opportunityId: o.id,
});

export const opportunityChangeSample = toStageChange(opportunitySample) satisfies OpportunityChangeOutput;

/** A won opportunity's status change item. */
export const opportunityStatusChangeSample = {
  ...opportunityChangeSample,
  status: 'won',
  id: 'yWQobCRIhRguQtD2llvk:won:2026-06-20T10:00:00.000Z',
  lastStatusChangeAt: '2026-06-20T10:00:00.000Z',
} satisfies OpportunityChangeOutput;
export const opportunityChangeOutputFields = opportunityChangeDef.outputFields;

/** Create or Update Opportunity: the opportunity, and whether it was created (no match was found). */
export const opportunityUpsertDef = defineObject({ ...opportunityDef.fields, isNew: field.flag('Was Created (Not Updated)') });
export type OpportunityUpsertOutput = OutputOf<typeof opportunityUpsertDef.fields>;
export const opportunityUpsertSample = { ...opportunitySample, isNew: false } satisfies OpportunityUpsertOutput;
export const opportunityUpsertOutputFields = opportunityUpsertDef.outputFields;
