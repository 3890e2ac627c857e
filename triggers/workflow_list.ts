import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listWorkflows } from '../lib/automation/api';
import { automationLabel } from '../lib/automation/schema';
import { WORKFLOW_LIST_KEY } from '../lib/keys';

/** The location's workflows for dropdowns, each with its status (GET /workflows/, docs/highlevel-api.md §6.11). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listWorkflows(z, bundle)).map((w) => ({ id: w.id, label: automationLabel(w), name: w.name, status: w.status ?? '' }));

export default defineTrigger({
  key: WORKFLOW_LIST_KEY,
  noun: 'Workflow',
  display: { label: 'List Workflows', description: 'Triggers when a workflow is added to the location (lists workflows for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: '78559bb3-b920-461e-b010-7b2a2816d2a9', label: 'Trainee Onboarding (published)', name: 'Trainee Onboarding', status: 'published' },
    outputFields: [
      { key: 'id', label: 'Workflow ID' },
      { key: 'label', label: 'Workflow' },
      { key: 'name', label: 'Name' },
      { key: 'status', label: 'Status' },
    ],
  },
});
