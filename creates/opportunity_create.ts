import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { customOutputFields } from '../lib/custom_field/api';
import { opportunityCustomFieldInputs } from '../lib/custom_field/fields';
import { OPPORTUNITY_CREATE_KEY } from '../lib/keys';
import { opportunityFields } from '../lib/opportunity/fields';
import { opportunityOutputFields, opportunitySample } from '../lib/opportunity/schema';
import { createFromInput } from '../lib/opportunity/write';

/**
 * POST /opportunities/ → 201 {opportunity} (docs/highlevel-api.md §6.10): pipelineId, locationId, name, status and
 * contactId are required. The pipeline and stage are checked against the location's pipelines first (one read).
 */
export const perform: CreatePerform = (z, bundle) => createFromInput(z, bundle);

export default defineCreate({
  key: OPPORTUNITY_CREATE_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Create Opportunity',
    description: "Creates a new opportunity (deal) for a contact in a pipeline, in the stage you pick or the pipeline's first stage.",
  },
  operation: {
    inputFields: [
      contactIdField('Contact the deal is with. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      ...opportunityFields('create'),
      opportunityCustomFieldInputs,
    ],
    perform,
    sample: opportunitySample,
    outputFields: [...opportunityOutputFields, customOutputFields('opportunity')],
  },
});
