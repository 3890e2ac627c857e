import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { changeWorkflow } from '../lib/automation/api';
import { eventStartTimeField, readEventStartTime, readIds, workflowIdField } from '../lib/automation/fields';
import { workflowMembershipDef, workflowMembershipSample } from '../lib/automation/schema';
import { contactIdField } from '../lib/contact/fields';

export const CONTACT_WORKFLOW_ADD_KEY = 'contact_workflow_add';

/** POST /contacts/{id}/workflow/{workflowId} {eventStartTime?} → {succeded} (docs/highlevel-api.md §6.11). */
export const perform: CreatePerform = async (z, bundle) => {
  const { contactId, id } = readIds(z, bundle, 'workflowId');
  return changeWorkflow(z, bundle, 'add', { contactId, workflowId: id, eventStartTime: readEventStartTime(z, bundle) });
};

export default defineCreate({
  key: CONTACT_WORKFLOW_ADD_KEY,
  noun: 'Workflow',
  display: {
    label: 'Add Contact to Workflow',
    description: 'Adds a contact to a workflow, optionally counting from an event start time. The workflow must be published to run.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to add. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      workflowIdField('Workflow to add the contact to. The list shows each workflow with its status; HighLevel runs published workflows.'),
      eventStartTimeField,
    ],
    perform,
    sample: workflowMembershipSample,
    outputFields: workflowMembershipDef.outputFields,
  },
});
