import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { cachedList } from '../http/cache';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { InvalidInput } from '../input';

/**
 * The location's pipelines and their stages (docs/highlevel-api.md §6.10): GET /opportunities/pipelines answers
 * `{pipelines: [{id, name, stages, …}]}`. The spec types `stages` as a list of untyped lists; real stages are
 * objects with `id` (a UUID) and `name` [community: n8n HighLevel v2 `getPipelineStages`]. Read leniently: a stage
 * without an id is left out, the stage order is `position` when given, else the order HighLevel sent.
 */
export const Stage = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string().catch(''), position: zod.number().nullish().catch(undefined) }));
export type Stage = z.infer<typeof Stage>;

const StageList = lazy(() =>
  zod.array(zod.unknown()).transform((items) =>
    items
      .map((item, index) => ({ index, parsed: Stage.safeParse(item) }))
      .filter((s) => s.parsed.success)
      .map(({ index, parsed }) => ({ index, stage: parsed.data as Stage }))
      .sort((a, b) => (a.stage.position ?? a.index) - (b.stage.position ?? b.index) || a.index - b.index)
      .map(({ stage }) => stage),
  ),
);

export const Pipeline = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string().catch(''), stages: StageList.catch([]) }));
export type Pipeline = z.infer<typeof Pipeline>;

const PipelineList = lazy(() => zod.array(Pipeline));

/** Every pipeline of the location (one request, no paging, §4). Polls may take a copy a few minutes old (`shared`). */
export const listPipelines = (z: ZObject, bundle: Bundle, options: { shared?: boolean } = {}): Promise<Pipeline[]> => {
  const locationId = locationIdOf(z, bundle);
  return cachedList(z, bundle, {
    key: `ghl:pipelines:${locationId}`,
    schema: PipelineList,
    shared: options.shared,
    fetch: async () =>
      (await ghl(z, bundle, endpoints.pipelineList, {
        query: { locationId },
        answer: PipelineList.nullish(),
        unreadable: 'with a pipeline list the app cannot read',
      })) ?? [],
  });
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A pipeline by id, or by name (ignoring case): mapped values may be either. */
export const findPipeline = (pipelines: Pipeline[], ref: string): Pipeline | undefined =>
  pipelines.find((p) => p.id === ref) ?? pipelines.find((p) => same(p.name, ref));

/** The pipeline that holds a stage id (stage ids are unique UUIDs). */
export const pipelineOfStage = (pipelines: Pipeline[], stageId: string): Pipeline | undefined => pipelines.find((p) => p.stages.some((s) => s.id === stageId));

const names = (items: { name: string }[]) =>
  items
    .slice(0, 10)
    .map((i) => `"${i.name}"`)
    .join(', ');

/** The pipeline a user named, or InvalidInput naming the pipelines there are. */
export const requirePipeline = (label: string, pipelines: Pipeline[], ref: string): Pipeline => {
  const pipeline = findPipeline(pipelines, ref);
  if (pipeline) return pipeline;
  throw new InvalidInput(
    pipelines.length
      ? `${label} "${ref.slice(0, 60)}" is not a pipeline of this location: choose one of ${names(pipelines)} from the dropdown.`
      : `${label} "${ref.slice(0, 60)}" is not a pipeline of this location, which has no pipelines yet: create one in HighLevel (Opportunities → Pipelines) first.`,
  );
};

/**
 * A stage of the given pipeline, by id or name. HighLevel's rule is that an opportunity's stage belongs to its
 * pipeline; a stage of another pipeline is refused here, before anything is sent.
 */
export const requireStage = (label: string, pipeline: Pipeline, ref: string): Stage => {
  const stage = pipeline.stages.find((s) => s.id === ref) ?? pipeline.stages.find((s) => same(s.name, ref));
  if (stage) return stage;
  throw new InvalidInput(
    pipeline.stages.length
      ? `${label} "${ref.slice(0, 60)}" is not a stage of the pipeline "${pipeline.name}": choose one of ${names(pipeline.stages)}.`
      : `The pipeline "${pipeline.name}" has no stages: add one in HighLevel first.`,
  );
};

/** Pipeline and stage names for an opportunity, from the list ('' when the list does not know them). */
export const namesOf = (pipelines: Pipeline[], pipelineId: string, stageId: string): { pipelineName: string; stageName: string } => {
  const pipeline = pipelines.find((p) => p.id === pipelineId) ?? pipelineOfStage(pipelines, stageId);
  return { pipelineName: pipeline?.name ?? '', stageName: pipeline?.stages.find((s) => s.id === stageId)?.name ?? '' };
};
