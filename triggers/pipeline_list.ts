import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { PIPELINE_LIST_KEY } from '../lib/keys';
import { listPipelines } from '../lib/opportunity/pipeline';

/** The location's pipelines for dropdowns (GET /opportunities/pipelines, one list, docs/highlevel-api.md §6.10). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listPipelines(z, bundle)).map((p) => ({ id: p.id, name: p.name || p.id, stageCount: p.stages.length }));

export default defineTrigger({
  key: PIPELINE_LIST_KEY,
  noun: 'Pipeline',
  display: { label: 'List Pipelines', description: 'Triggers when a pipeline is added to the location (lists pipelines for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'VDm7RPYC2GLUvdpKmBfC', name: 'Trainees', stageCount: 3 },
    outputFields: [
      { key: 'id', label: 'Pipeline ID' },
      { key: 'name', label: 'Name' },
      { key: 'stageCount', label: 'Number of Stages', type: 'integer' as const },
    ],
  },
});
