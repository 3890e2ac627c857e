import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { changeWorkflow } from '../lib/automation/api';
import { readIds, workflowIdField } from '../lib/automation/fields';
import { workflowMembershipDef, workflowMembershipSample } from '../lib/automation/schema';
import { contactIdField } from '../lib/contact/fields';

export const CONTACT_WORKFLOW_REMOVE_KEY = 'contact_workflow_remove';

/**
 * DELETE /contacts/{id}/workflow/{workflowId} with `{}` (the body is required, docs/highlevel-api.md §6.11, §11.17).
 * `{succeded: false}` halts the run: nothing was removed.
 */
export const perform: CreatePerform = async (z, bundle) => {
  const { contactId, id } = readIds(z, bundle, 'workflowId');
  return changeWorkflow(z, bundle, 'remove', { contactId, workflowId: id });
};

export default defineCreate({
  key: CONTACT_WORKFLOW_REMOVE_KEY,
  noun: 'Workflow',
  display: {
    label: 'Remove Contact from Workflow',
    description: 'Removes a contact from a workflow, so its remaining steps do not run for them. Stops the Zap run if the contact is not in it.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to remove. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      workflowIdField('Workflow to remove the contact from.'),
    ],
    perform,
    sample: { ...workflowMembershipSample, eventStartTime: '' },
    outputFields: workflowMembershipDef.outputFields.filter((f) => f.key !== 'eventStartTime'),
  },
});
