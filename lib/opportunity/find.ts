import type { Bundle, ZObject } from 'zapier-platform-core';
import { InvalidInput, validated } from '../input';
import { timeOf } from '../schema/values';
import { CHANGE_POLL_PAGES, searchOpportunities, withNames, type OpportunityFilter } from './api';
import { listPipelines, requirePipeline, requireStage } from './pipeline';
import type { OpportunityOutput } from './schema';

/** Find Opportunity (docs/highlevel-api.md §6.10): HighLevel's own filters, then the name matched here. */

/** Exact names (ignoring case) before partial ones; open before closed; then the newest. */
export const rankByName = (items: OpportunityOutput[], name: string | undefined): OpportunityOutput[] => {
  const wanted = name?.toLowerCase();
  return items
    .filter((o) => !wanted || o.name.toLowerCase().includes(wanted))
    .map((o, index) => ({ o, index, exact: wanted && o.name.toLowerCase() === wanted ? 0 : 1 }))
    .sort(
      (a, b) =>
        a.exact - b.exact ||
        Number(b.o.status === 'open') - Number(a.o.status === 'open') ||
        timeOf(b.o.createdAt) - timeOf(a.o.createdAt) ||
        a.index - b.index,
    )
    .map(({ o }) => o);
};

export interface OpportunityQuery {
  /** Contact and status, already checked. */
  filter: OpportunityFilter;
  /** A pipeline and a stage as mapped: ids or names, checked against the location's pipelines. */
  pipelineRef?: string;
  stageRef?: string;
  name?: string;
}

/**
 * The pipeline and stage of the filter, from ids or names (one read of the pipeline list): a stage alone must be a stage
 * id of some pipeline; with a pipeline, it may be a stage name of that pipeline.
 */
const placeFilter = async (z: ZObject, bundle: Bundle, { filter, pipelineRef, stageRef }: OpportunityQuery): Promise<OpportunityFilter> => {
  if (!pipelineRef && !stageRef) return filter;
  const pipelines = await listPipelines(z, bundle);
  return validated(z, () => {
    if (!pipelineRef) {
      const owner = pipelines.find((p) => p.stages.some((s) => s.id === stageRef));
      if (!owner)
        throw new InvalidInput(`Stage "${(stageRef ?? '').slice(0, 60)}" is not a stage ID of any pipeline: fill in Pipeline too to find a stage by its name.`);
      return { ...filter, pipelineId: owner.id, stageId: stageRef };
    }
    const pipeline = requirePipeline('Pipeline', pipelines, pipelineRef);
    return { ...filter, pipelineId: pipeline.id, ...(stageRef ? { stageId: requireStage('Stage', pipeline, stageRef).id } : {}) };
  });
};

/**
 * GET /opportunities/search with HighLevel's filters for contact, pipeline, stage and status; the name is matched here,
 * since HighLevel does not say what its free-text `q` searches. One request with a contact; up to CHANGE_POLL_PAGES
 * (the newest created) without. The best ten, with their names.
 */
export const findOpportunities = async (z: ZObject, bundle: Bundle, query: OpportunityQuery): Promise<OpportunityOutput[]> => {
  const filter = await placeFilter(z, bundle, query);
  const found = rankByName(await searchOpportunities(z, bundle, filter, filter.contactId ? 1 : CHANGE_POLL_PAGES), query.name);
  return withNames(z, bundle, found.slice(0, 10));
};
