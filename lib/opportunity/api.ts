import { timeOf } from '../schema/values';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { withCustomValues } from '../custom_field/api';
import { deleteRecord } from '../http/delete';
import { ghl, locationIdOf, outputLocation, type Query } from '../http/client';
import { endpoints } from '../http/endpoints';
import type { ReplayMode } from '../http/outcome';
import { assigneeLookup, failureName } from '../user/names';
import { listPipelines, namesOf, type Pipeline } from './pipeline';
import { OpportunityAnswer, opportunityFromRest, opportunityFromSearch, type OpportunityOutput, type OpportunityStatus } from './schema';

/**
 * Opportunity reads and writes shared by the opportunity triggers, actions, searches, dropdowns and the contact
 * profile (docs/highlevel-api.md §6.10). Every output carries its pipeline and stage names and its custom values under
 * readable keys; the lists behind them are read once per invocation (polls may reuse a copy a few minutes old).
 */

/** GET /opportunities/search takes at most 100 per page (spec: `limit` "maximum up to 100"). */
export const SEARCH_PAGE_LIMIT = 100;

export interface OpportunityFilter {
  contactId?: string;
  pipelineId?: string;
  stageId?: string;
  /** HighLevel's own filter; `all` (every status) is sent when none is given, since the default is not documented. */
  status?: OpportunityStatus | 'all';
  assignedTo?: string;
  /** Free text (`q`); HighLevel does not say which fields it searches. */
  query?: string;
}

const SearchAnswer = lazy(() =>
  zod.looseObject({
    opportunities: zod.array(OpportunityAnswer).nullish(),
    meta: zod.looseObject({ total: zod.number().nullish() }).nullish(),
  }),
);

/**
 * Pipeline and stage names, the owner's name and email (lib/user/names.ts), and the custom values under readable keys;
 * the pipeline and user lists are read in parallel (polls may reuse recent lists, `shared`; the user list is always
 * shared). `owners: false` leaves the owner's name out (dropdowns, the profile's summaries).
 */
export const withNames = async (
  z: ZObject,
  bundle: Bundle,
  items: OpportunityOutput[],
  options: { shared?: boolean; customValues?: boolean; owners?: boolean } = {},
): Promise<OpportunityOutput[]> => {
  if (!items.length) return items;
  const [pipelines, person] = await Promise.all([
    listPipelines(z, bundle, options).catch((error: unknown): Pipeline[] => {
      // The record was read or written already: a missing name must not fail the step (or a replay writes twice).
      z.console.log(`Pipeline names could not be loaded; only the IDs are given: ${failureName(error)}`);
      return [];
    }),
    assigneeLookup(z, bundle, options.owners === false ? [] : items.map((o) => o.assignedTo)),
  ]);
  const named = items.map((o) => {
    const owner = person(o.assignedTo);
    return { ...o, ...namesOf(pipelines, o.pipelineId, o.pipelineStageId), assignedToName: owner.name, assignedToEmail: owner.email };
  });
  return options.customValues === false ? named : withCustomValues(z, bundle, named, { model: 'opportunity' });
};

/**
 * One page of GET /opportunities/search (note the snake-case `location_id`), newest created first (`order=added_desc`:
 * the spec's example is `added_asc`; the descending form is what public clients send [community]).
 */
export const searchPage = async (
  z: ZObject,
  bundle: Bundle,
  filter: OpportunityFilter,
  { page, limit = SEARCH_PAGE_LIMIT }: { page: number; limit?: number },
): Promise<{ items: OpportunityOutput[]; total: number | undefined }> => {
  const locationId = locationIdOf(z, bundle);
  const query: Query = {
    location_id: locationId,
    contact_id: filter.contactId,
    pipeline_id: filter.pipelineId,
    pipeline_stage_id: filter.stageId,
    status: filter.status ?? 'all',
    assigned_to: filter.assignedTo,
    q: filter.query,
    order: 'added_desc',
    page,
    limit,
  };
  const answer = await ghl(z, bundle, endpoints.opportunitySearch, { query, answer: SearchAnswer, unreadable: 'without a list of opportunities' });
  return {
    items: (answer.opportunities ?? []).map((raw) => opportunityFromSearch(raw, locationId)),
    total: answer.meta?.total ?? undefined,
  };
};

/**
 * Up to `pages` pages of the search, newest created first, each opportunity once: the first page alone when it holds
 * everything (meta.total, or a short page), the rest in parallel (about one request's wall time).
 */
export const searchOpportunities = async (z: ZObject, bundle: Bundle, filter: OpportunityFilter, pages = 1): Promise<OpportunityOutput[]> => {
  const first = await searchPage(z, bundle, filter, { page: 1 });
  const more = first.items.length < SEARCH_PAGE_LIMIT ? 0 : Math.min(pages, Math.ceil((first.total ?? Infinity) / SEARCH_PAGE_LIMIT)) - 1;
  const rest = await Promise.all(Array.from({ length: Math.max(0, more) }, (_, i) => searchPage(z, bundle, filter, { page: i + 2 })));
  const byId = new Map<string, OpportunityOutput>();
  for (const item of [first, ...rest].flatMap((p) => p.items)) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
};

/** GET /opportunities/{id} → {opportunity}; undefined when HighLevel has none (404). Without names. */
export const getOpportunityRaw = async (z: ZObject, bundle: Bundle, opportunityId: string): Promise<OpportunityOutput | undefined> => {
  const raw = await ghl(z, bundle, endpoints.opportunityGet, {
    path: { opportunityId },
    labels: { opportunityId: 'Opportunity' },
    allow404: true,
    answer: OpportunityAnswer,
    unreadable: 'without the opportunity',
  });
  return raw ? opportunityFromRest(raw, outputLocation(bundle)) : undefined;
};

export const getOpportunity = async (z: ZObject, bundle: Bundle, opportunityId: string): Promise<OpportunityOutput | undefined> => {
  const found = await getOpportunityRaw(z, bundle, opportunityId);
  return found ? (await withNames(z, bundle, [found]))[0] : undefined;
};

/** POST /opportunities/ → 201 {opportunity}; `replay` is what a failure's message may promise about a replay. */
export const createOpportunity = async (z: ZObject, bundle: Bundle, body: Record<string, unknown>, replay?: ReplayMode): Promise<OpportunityOutput> => {
  const locationId = locationIdOf(z, bundle);
  const raw = await ghl(z, bundle, endpoints.opportunityCreate, {
    body: { ...body, locationId },
    answer: OpportunityAnswer,
    unreadable: 'without the opportunity it created',
    replay,
  });
  return opportunityFromRest(raw, locationId);
};

/**
 * What a written opportunity shows of the body that created it, for finding it again after a lost answer
 * (lib/http/replay.ts): its contact, pipeline and name (trimmed). Not its stage, status or value: a person may have
 * moved it between the attempt and the replay, and it is still the one the attempt wrote.
 */
export const opportunityShown = (o: { contactId?: unknown; pipelineId?: unknown; name?: unknown }): Record<string, string> => {
  const value = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return { contactId: value(o.contactId), pipelineId: value(o.pipelineId), name: value(o.name) };
};

/** PUT /opportunities/{id} → {opportunity}: only the fields given change. */
export const updateOpportunity = async (z: ZObject, bundle: Bundle, opportunityId: string, body: Record<string, unknown>): Promise<OpportunityOutput> => {
  const raw = await ghl(z, bundle, endpoints.opportunityUpdate, {
    path: { opportunityId },
    labels: { opportunityId: 'Opportunity' },
    body,
    answer: OpportunityAnswer,
    unreadable: 'without the opportunity it updated',
  });
  return opportunityFromRest(raw, outputLocation(bundle));
};

const StatusAnswer = lazy(() => zod.looseObject({ succeded: zod.boolean().nullish() }));

/**
 * PUT /opportunities/{id}/status {status, lostReasonId} → {succeded} (sic): the one route that takes a lost reason.
 * Its answer has no opportunity, so the caller reads it again.
 */
export const setOpportunityStatus = async (
  z: ZObject,
  bundle: Bundle,
  opportunityId: string,
  status: OpportunityStatus,
  lostReasonId?: string,
): Promise<void> => {
  const answer = await ghl(z, bundle, endpoints.opportunityStatus, {
    path: { opportunityId },
    labels: { opportunityId: 'Opportunity' },
    body: { status, lostReasonId },
    answer: StatusAnswer,
    unreadable: 'in a form the app cannot read',
  });
  if (answer.succeded === false) {
    throw new z.errors.Error(`HighLevel did not change the status of opportunity ${opportunityId}. Check it in HighLevel, then try again.`, 'not_changed');
  }
};

/** DELETE /opportunities/{id} → {succeded} (sic, §2); a 404 or `false` is never reported as deleted. */
export const deleteOpportunity = (z: ZObject, bundle: Bundle, opportunityId: string): Promise<void> =>
  deleteRecord(
    z,
    bundle,
    endpoints.opportunityDelete,
    { noun: 'opportunity', id: opportunityId },
    { path: { opportunityId }, labels: { opportunityId: 'Opportunity' } },
  );

/** Lost reasons of the location (spec: get-lost-reason, `{lostReasons, total}`, offset paging, default 100). */
export const LostReason = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string().catch('') }));
export type LostReason = z.infer<typeof LostReason>;

export const LOST_REASON_PAGE_SIZE = 100;

export const listLostReasons = async (z: ZObject, bundle: Bundle, pageNumber: number): Promise<LostReason[]> => {
  const answer = await ghl(z, bundle, endpoints.lostReasonList, {
    query: { locationId: locationIdOf(z, bundle), skip: pageNumber * LOST_REASON_PAGE_SIZE, limit: LOST_REASON_PAGE_SIZE },
    answer: zod.looseObject({ lostReasons: zod.array(LostReason).nullish() }),
    unreadable: 'with a lost-reason list the app cannot read',
  });
  return answer.lostReasons ?? [];
};

/** "Changed" triggers read this many pages of the newest created opportunities: HighLevel's search sorts by creation only. */
export const CHANGE_POLL_PAGES = 5;

/**
 * Changed after it was created: HighLevel stamps the change dates at creation (§7), so a later one (by more than a
 * second) is a change. An opportunity without the date shows no change.
 */
export const changedAfterCreation = (changedAt: string | null, createdAt: string | null): boolean => {
  const at = timeOf(changedAt);
  const created = timeOf(createdAt);
  return Number.isFinite(at) && (!Number.isFinite(created) || at > created + 1000);
};

/** A trigger poll: the newest created first, with names and custom values from lists a few minutes old at most. */
export const pollOpportunities = async (z: ZObject, bundle: Bundle, filter: OpportunityFilter, pages: number): Promise<OpportunityOutput[]> =>
  withNames(z, bundle, await searchOpportunities(z, bundle, filter, pages), { shared: true });
