import { badRequest, isRecord, notFound, unprocessable } from '../http';
import type { AuthedContext } from '../router';
import type { SandboxState } from '../state';
import type { Opportunity, OpportunityCustomValue, OpportunityStatus, Pipeline } from '../types';
import type { Shape } from '../validate';

/**
 * Opportunity rules (docs/highlevel-api.md §6.10): the DTOs of opportunities.json (422 for what class-validator
 * refuses), then HighLevel's own rules as 400s (a referenced pipeline, stage, contact, user or lost reason that does not
 * exist; a stage outside its pipeline; a second opportunity of a contact in a pipeline when the location does not allow
 * duplicates). The texts of the 400s are the sandbox's; sandbox/README.md lists them.
 */
const STATUS_ENUM = ['open', 'won', 'lost', 'abandoned', 'all'] as const;

export const CREATE_SHAPE: Shape = {
  pipelineId: { type: 'string', required: true },
  locationId: { type: 'string', required: true },
  name: { type: 'string', required: true },
  pipelineStageId: { type: 'string' },
  status: { type: 'string', required: true, enum: STATUS_ENUM },
  contactId: { type: 'string', required: true },
  monetaryValue: { type: 'number' },
  assignedTo: { type: 'string' },
  customFields: { type: 'array' },
};

export const UPDATE_SHAPE: Shape = {
  pipelineId: { type: 'string' },
  name: { type: 'string' },
  pipelineStageId: { type: 'string' },
  status: { type: 'string', enum: STATUS_ENUM },
  monetaryValue: { type: 'number' },
  assignedTo: { type: 'string' },
  customFields: { type: 'array' },
};

export const STATUS_SHAPE: Shape = {
  status: { type: 'string', required: true, enum: STATUS_ENUM },
  lostReasonId: { type: 'string' },
};

/**
 * The upsert's body: UpsertOpportunityDto (spec: Upsert-opportunity) and the form HighLevel's published page of 2025
 * and public clients send, with a `contactId` and without the followers settings (sandbox/README.md). So `contactId`
 * is taken and the followers settings are optional (typed when given); `customFields` is in neither and is a 422.
 * `monetaryValue` is typed `object` in the spec with the example `220`; an amount is a number (the published page
 * typed it so), and the sandbox takes only a number.
 */
export const UPSERT_SHAPE: Shape = {
  id: { type: 'string' },
  pipelineId: { type: 'string', required: true },
  locationId: { type: 'string', required: true },
  contactId: { type: 'string' },
  followers: { type: 'stringArray' },
  isRemoveAllFollowers: { type: 'boolean' },
  followersActionType: { type: 'string', enum: ['add', 'remove'] },
  name: { type: 'string' },
  status: { type: 'string', enum: STATUS_ENUM },
  pipelineStageId: { type: 'string' },
  monetaryValue: { type: 'number' },
  assignedTo: { type: 'string' },
  lostReasonId: { type: 'string' },
};

/** `all` is in the DTO's enum but is no status an opportunity can have: the sandbox refuses it (least convenient). */
export function writableStatus(value: unknown): OpportunityStatus | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') throw unprocessable(['status must be one of the following values: open, won, lost, abandoned']);
  return value as OpportunityStatus;
}

export function getOpportunity(ctx: AuthedContext, id: string | undefined): Opportunity {
  const opportunity = id ? ctx.state.sales.opportunities.get(id) : undefined;
  if (!opportunity || opportunity.locationId !== ctx.token.locationId) throw notFound('Opportunity not found');
  return opportunity;
}

export function pipelineOf(state: SandboxState, id: string): Pipeline {
  const pipeline = state.sales.pipelines.get(id);
  if (!pipeline || pipeline.locationId !== state.locationId) throw badRequest('Pipeline not found');
  return pipeline;
}

/** HighLevel's rule: an opportunity's stage is one of its pipeline's stages. */
export function checkStage(pipeline: Pipeline, stageId: string): void {
  if (!pipeline.stages.some((s) => s.id === stageId)) throw badRequest(`Pipeline stage ${stageId} does not belong to the pipeline ${pipeline.id}`);
}

export function checkReferences(state: SandboxState, body: Record<string, unknown>): void {
  if (typeof body.contactId === 'string') {
    const contact = state.contacts.get(body.contactId);
    if (!contact || contact.locationId !== state.locationId) throw badRequest('Contact not found');
  }
  if (typeof body.assignedTo === 'string' && body.assignedTo !== '' && !state.users.has(body.assignedTo)) {
    throw badRequest('Assigned user not found in this location');
  }
}

/** docs/highlevel-api.md §6.9 `settings.allowDuplicateOpportunity`: off → one opportunity per contact and pipeline. */
export function rejectDuplicate(state: SandboxState, contactId: string, pipelineId: string): void {
  if (state.location.settings.allowDuplicateOpportunity) return;
  for (const o of state.sales.opportunities.values()) {
    if (o.contactId === contactId && o.pipelineId === pipelineId) throw badRequest('Can not create duplicate opportunity for the contact.');
  }
}

/**
 * Custom values on write: `[{id | key, field_value}]` (spec: customFieldsInput*Schema). Fields of other models and
 * unknown ids are ignored, as on contacts; an empty value clears the field.
 */
export function applyCustomValues(state: SandboxState, opportunity: Opportunity, items: unknown[]): void {
  const errors: string[] = [];
  for (const [i, item] of items.entries()) {
    if (!isRecord(item)) {
      errors.push(`customFields.${i} must be an object`);
      continue;
    }
    const key = typeof item.key === 'string' ? item.key.replace(/^opportunity\./, '') : undefined;
    const field = [...state.customFields.values()].find(
      (f) => f.model === 'opportunity' && (f.id === item.id || (key !== undefined && f.fieldKey === `opportunity.${key}`)),
    );
    if (!field) continue;
    const value = item.field_value;
    opportunity.customFields = opportunity.customFields.filter((c) => c.id !== field.id);
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) opportunity.customFields.push({ id: field.id, value });
  }
  if (errors.length) throw unprocessable(errors);
}

/** A lost reason is set only with the status `lost`, and must be one of the location's. */
export function checkLostReason(state: SandboxState, lostReasonId: unknown, status: OpportunityStatus | undefined): void {
  if (typeof lostReasonId !== 'string') return;
  if (status !== 'lost') throw badRequest('lostReasonId can only be set with status lost');
  const reason = state.sales.lostReasons.get(lostReasonId);
  if (!reason || reason.locationId !== state.locationId) throw badRequest('Lost reason not found');
}

/**
 * The upsert's followers: all removed first with `isRemoveAllFollowers`, then the given ones added or removed (added
 * when no action is given). Without followers settings they stay as they are.
 */
export function applyFollowers(opportunity: Opportunity, body: Record<string, unknown>): void {
  const given = Array.isArray(body.followers) ? body.followers.map(String) : [];
  let followers = body.isRemoveAllFollowers === true ? [] : [...opportunity.followers];
  if (body.followersActionType === 'remove') followers = followers.filter((f) => !given.includes(f));
  else followers = [...followers, ...given.filter((f) => !followers.includes(f))];
  opportunity.followers = followers;
}

export function applyStatus(opportunity: Opportunity, status: OpportunityStatus | undefined, now: string): void {
  if (status === undefined || status === opportunity.status) return;
  opportunity.status = status;
  opportunity.lastStatusChangeAt = now;
  if (status !== 'lost') delete opportunity.lostReasonId;
}

export function applyStage(opportunity: Opportunity, pipelineId: string, stageId: string, now: string): void {
  if (opportunity.pipelineId === pipelineId && opportunity.pipelineStageId === stageId) return;
  opportunity.pipelineId = pipelineId;
  opportunity.pipelineStageId = stageId;
  opportunity.lastStageChangeAt = now;
}

/** The REST shape (spec: SearchOpportunitiesResponseSchema), custom values as `{id, fieldValue}`. */
export function renderOpportunity(o: Opportunity): Record<string, unknown> {
  const { customFields, ...rest } = o;
  return { ...structuredClone(rest), customFields: customFields.map((c) => ({ id: c.id, fieldValue: c.value })) };
}

const typeOf = (value: unknown): string =>
  Array.isArray(value)
    ? 'array'
    : typeof value === 'number'
      ? 'number'
      : typeof value === 'boolean'
        ? 'boolean'
        : typeof value === 'string'
          ? 'string'
          : 'object';

/**
 * A search item: the REST shape plus the contact summary, with custom values the way a real search answer showed them,
 * `{id, type, fieldValueString}` [issue #87]; other types as `fieldValue<Type>` (our guess from the name, §14.8).
 */
export function renderSearchOpportunity(state: SandboxState, o: Opportunity): Record<string, unknown> {
  const contact = state.contacts.get(o.contactId);
  const typed = (c: OpportunityCustomValue) => {
    const type = typeOf(c.value);
    return { id: c.id, type, [`fieldValue${type.charAt(0).toUpperCase()}${type.slice(1)}`]: c.value };
  };
  return {
    ...renderOpportunity(o),
    customFields: o.customFields.map(typed),
    contact: contact
      ? {
          id: contact.id,
          ...(contact.name ? { name: contact.name } : {}),
          ...(contact.companyName ? { companyName: contact.companyName } : {}),
          ...(contact.email ? { email: contact.email } : {}),
          ...(contact.phone ? { phone: contact.phone } : {}),
          tags: [...contact.tags],
        }
      : { id: o.contactId },
    notes: [],
    tasks: [],
    calendarEvents: [],
  };
}
