import type { Bundle, ZObject } from 'zapier-platform-core';
import { choice, optionalId, validated } from '../input';
import { timeOf } from '../schema/values';
import { CHANGE_POLL_PAGES, changedAfterCreation, pollOpportunities } from './api';
import { toStageChange, toStatusChange, type OpportunityChangeOutput, type OpportunityOutput } from './schema';

/**
 * The reads of the three polling opportunity triggers (docs/highlevel-api.md §6.10, §8), shared with their instant
 * twins' "Test trigger" (performList) and their filters.
 */

/** "Reopened" is a change back to open; HighLevel's own status for it is `open`. */
export const STATUS_FILTER = { won: 'Won', lost: 'Lost', abandoned: 'Abandoned', reopened: 'Reopened (back to open)' } as const;
export type StatusFilter = keyof typeof STATUS_FILTER;

/** The status filter as chosen, and the status HighLevel holds for it (`open` for "reopened"). */
export const statusFilterOf = (z: ZObject, value: unknown): { wanted: StatusFilter | undefined; status: 'open' | 'won' | 'lost' | 'abandoned' | undefined } => {
  // The label of statusFilterField (lib/opportunity/fields.ts, which imports this file).
  const wanted = validated(z, () => choice('Only When Status Becomes', value, STATUS_FILTER)) as StatusFilter | undefined;
  return { wanted, status: wanted === 'reopened' ? 'open' : wanted };
};

/** New Opportunity: one GET /opportunities/search, newest created first (order=added_desc), 100 opportunities. */
export const pollNewOpportunities = (z: ZObject, bundle: Bundle): Promise<OpportunityOutput[]> =>
  pollOpportunities(z, bundle, { pipelineId: optionalId(z, 'Pipeline', bundle.inputData.pipelineId), status: 'all' }, 1);

/**
 * Opportunity Stage Changed: the CHANGE_POLL_PAGES * 100 most recently created opportunities (HighLevel's search
 * sorts by creation only, §7), those whose stage changed after creation, latest change first.
 */
export const pollStageChanges = async (z: ZObject, bundle: Bundle): Promise<OpportunityChangeOutput[]> => {
  const filter = {
    pipelineId: optionalId(z, 'Pipeline', bundle.inputData.pipelineId),
    stageId: optionalId(z, 'Stage', bundle.inputData.pipelineStageId),
    status: 'all' as const,
  };
  return (await pollOpportunities(z, bundle, filter, CHANGE_POLL_PAGES))
    .filter((o) => changedAfterCreation(o.lastStageChangeAt, o.createdAt))
    .sort((a, b) => timeOf(b.lastStageChangeAt) - timeOf(a.lastStageChangeAt) || a.id.localeCompare(b.id))
    .map(toStageChange);
};

/** Opportunity Status Changed: as pollStageChanges on the status, narrowed by HighLevel to the status asked for. */
export const pollStatusChanges = async (z: ZObject, bundle: Bundle): Promise<OpportunityChangeOutput[]> => {
  const { wanted, status } = statusFilterOf(z, bundle.inputData.status);
  const items = await pollOpportunities(
    z,
    bundle,
    { pipelineId: optionalId(z, 'Pipeline', bundle.inputData.pipelineId), status: status ?? 'all' },
    CHANGE_POLL_PAGES,
  );
  return items
    .filter((o) => changedAfterCreation(o.lastStatusChangeAt, o.createdAt))
    .filter((o) => (wanted ? o.status === status : true))
    .sort((a, b) => timeOf(b.lastStatusChangeAt) - timeOf(a.lastStatusChangeAt) || a.id.localeCompare(b.id))
    .map(toStatusChange);
};
