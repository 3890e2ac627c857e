import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { customOutputFields } from '../lib/custom_field/api';
import { opportunityCustomFieldInputs } from '../lib/custom_field/fields';
import { opportunityFields } from '../lib/opportunity/fields';
import { opportunityUpsertOutputFields, opportunityUpsertSample } from '../lib/opportunity/schema';
import { upsertFromInput } from '../lib/opportunity/write';

export const OPPORTUNITY_UPSERT_KEY = 'opportunity_upsert';

/**
 * Find (the contact's opportunity in the pipeline, open ones first), then update it or create one: two requests
 * (lib/opportunity/write.ts says why HighLevel's own upsert route cannot be used, docs/highlevel-api.md §6.10).
 */
export const perform: CreatePerform = (z, bundle) => upsertFromInput(z, bundle);

export default defineCreate({
  key: OPPORTUNITY_UPSERT_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Create or Update Opportunity',
    description:
      "Updates the contact's opportunity in the pipeline (an open one first, else the newest), or creates one when the contact has none there. Empty fields leave an existing opportunity unchanged.",
  },
  operation: {
    inputFields: [
      contactIdField('Contact the deal is with: their opportunity in the pipeline is updated, or one is created. Choose one or map a contact ID.'),
      ...opportunityFields('upsert'),
      opportunityCustomFieldInputs,
    ],
    perform,
    sample: opportunityUpsertSample,
    outputFields: [...opportunityUpsertOutputFields, customOutputFields('opportunity')],
  },
});
