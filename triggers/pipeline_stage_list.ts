import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { text } from '../lib/input';
import { PIPELINE_STAGE_LIST_KEY } from '../lib/keys';
import { findPipeline, listPipelines } from '../lib/opportunity/pipeline';

/**
 * Stages for the Stage dropdowns. Zapier hands a dropdown the values already filled in on the step, so with a pipeline
 * chosen (its field has altersDynamicFields) only that pipeline's stages are listed, in order; before one is chosen,
 * every stage, labelled "Pipeline › Stage". One request (GET /opportunities/pipelines, docs/highlevel-api.md §6.10).
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const pipelines = await listPipelines(z, bundle);
  const chosen = text(bundle.inputData.pipelineId, 'Pipeline');
  if (chosen) {
    const pipeline = findPipeline(pipelines, chosen);
    return (pipeline?.stages ?? []).map((s) => ({ id: s.id, label: s.name || s.id, pipelineId: pipeline?.id ?? '', pipelineName: pipeline?.name ?? '' }));
  }
  return pipelines.flatMap((p) => p.stages.map((s) => ({ id: s.id, label: `${p.name} › ${s.name || s.id}`, pipelineId: p.id, pipelineName: p.name })));
};

export default defineTrigger({
  key: PIPELINE_STAGE_LIST_KEY,
  noun: 'Stage',
  display: {
    label: 'List Pipeline Stages',
    description: 'Triggers when a stage is added to the chosen pipeline (lists stages for dropdowns).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'e93ba61a-53b3-45e7-985a-c7732dbcdb69', label: 'Enrolled', pipelineId: 'VDm7RPYC2GLUvdpKmBfC', pipelineName: 'Trainees' },
    outputFields: [
      { key: 'id', label: 'Stage ID' },
      { key: 'label', label: 'Stage' },
      { key: 'pipelineId', label: 'Pipeline ID' },
      { key: 'pipelineName', label: 'Pipeline Name' },
    ],
  },
});
