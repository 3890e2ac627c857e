import type { Bundle, ZObject } from 'zapier-platform-core';
import { getContact } from '../contact/api';
import { asRecord } from '../schema/define';
import { isoDate } from '../schema/values';
import { getOpportunityRaw, withNames } from './api';
import { opportunityFromWebhook, type OpportunityOutput } from './schema';

/**
 * The opportunity of a relayed OpportunityCreate / OpportunityStageUpdate / OpportunityStatusUpdate event
 * (docs/highlevel-api.md §6.10, §9.2), as the polling opportunity triggers output it. The documented body
 * (OpportunityCreate.md and the others) is flat and lacks what the polling output has: `updatedAt`, the change dates
 * (the Change ID is built from them), the custom values and the contact's name, email, phone and company. So the
 * opportunity is read in full (GET /opportunities/{id}, one request) unless the body already carries all of them; when
 * that answer has no `contact` summary (the spec lists one, SearchOpportunitiesResponseSchema), the contact is read
 * (GET /contacts/{id}). Pipeline and stage names and readable custom values come from the connection's shared lists.
 *
 * What the event is about stays the event's: its pipeline, stage and status are a snapshot of the change, while the
 * record may have moved on since (events arrive in no order, §9.4). When it has, the change's date is the event's
 * `timestamp` (when HighLevel sent it), as the record's date belongs to a later change.
 */

/** Body keys the output needs that the documented bodies never carry. */
const FULL_KEYS = ['updatedAt', 'lastStatusChangeAt', 'lastStageChangeAt', 'customFields', 'contact'] as const;

export type OpportunityEvent = 'created' | 'stage' | 'status';

/** The event's own date: the webhook's `timestamp` (HighLevel's clock at sending), else the relay's receipt. */
const eventTime = (payload: Record<string, unknown>, receivedAt: string | null | undefined): string | null =>
  isoDate(payload.timestamp) ?? isoDate(receivedAt) ?? null;

const withContact = async (z: ZObject, bundle: Bundle, o: OpportunityOutput): Promise<OpportunityOutput> => {
  if (!o.contactId || o.contactName || o.contactEmail || o.contactPhone) return o;
  const contact = await getContact(z, bundle, o.contactId);
  if (!contact) return o;
  return { ...o, contactName: contact.name, contactEmail: contact.email, contactPhone: contact.phone, contactCompanyName: contact.companyName };
};

export interface OpportunityHookFilters {
  pipelineId?: string;
  stageId?: string;
  status?: string;
}

/**
 * The Zap's filters on what the event says (the relay applies the same ones to the same body keys,
 * relay/src/events/kinds.ts `matchesFilters`): checked before anything is read, so a delivery that slipped past
 * costs no request.
 */
export const eventMatches = (payload: Record<string, unknown>, filters: OpportunityHookFilters): boolean => {
  const sent = opportunityFromWebhook(payload);
  if (filters.pipelineId && sent.pipelineId !== filters.pipelineId) return false;
  if (filters.stageId && sent.pipelineStageId !== filters.stageId) return false;
  return !filters.status || sent.status.toLowerCase() === filters.status.toLowerCase();
};

export const opportunityFromDelivery = async (
  z: ZObject,
  bundle: Bundle,
  payload: Record<string, unknown>,
  { event, receivedAt }: { event: OpportunityEvent; receivedAt?: string | null },
): Promise<OpportunityOutput> => {
  const body = asRecord(payload);
  const sent = opportunityFromWebhook(payload);
  const complete = FULL_KEYS.every((key) => body[key] !== undefined && body[key] !== null);
  const found = !complete && sent.id ? await getOpportunityRaw(z, bundle, sent.id) : undefined;
  let opportunity: OpportunityOutput = sent;
  if (found) {
    const at = eventTime(body, receivedAt);
    const stageMoved = found.pipelineStageId !== sent.pipelineStageId || found.pipelineId !== sent.pipelineId;
    opportunity = {
      ...sent,
      ...found,
      // The event's snapshot of what changed (the documented bodies always carry these).
      pipelineId: sent.pipelineId || found.pipelineId,
      pipelineStageId: sent.pipelineStageId || found.pipelineStageId,
      status: sent.status || found.status,
      lastStageChangeAt: event === 'stage' && sent.pipelineStageId && stageMoved ? at : found.lastStageChangeAt,
      lastStatusChangeAt: event === 'status' && sent.status && found.status !== sent.status ? at : found.lastStatusChangeAt,
      createdAt: found.createdAt ?? sent.createdAt,
      locationId: found.locationId || sent.locationId,
    };
  } else if (!complete && event !== 'created') {
    // HighLevel no longer has it: the change happened when the event was sent.
    const at = eventTime(body, receivedAt);
    opportunity = event === 'stage' ? { ...sent, lastStageChangeAt: at } : { ...sent, lastStatusChangeAt: at };
  }
  const [named] = await withNames(z, bundle, [await withContact(z, bundle, opportunity)], { shared: true });
  return named;
};
