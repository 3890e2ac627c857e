import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { opportunityCustomFieldInputs } from '../lib/custom_field/fields';
import { OPPORTUNITY_UPDATE_KEY } from '../lib/keys';
import { opportunityFields, opportunityIdField } from '../lib/opportunity/fields';
import { opportunityOutputFields, opportunitySample } from '../lib/opportunity/schema';
import { updateFromInput } from '../lib/opportunity/write';

/**
 * PUT /opportunities/{id} with only the fields given (docs/highlevel-api.md §6.10). A lost reason goes through
 * PUT /opportunities/{id}/status, the only route that takes one, and the opportunity is read again after it.
 */
export const perform: CreatePerform = (z, bundle) => updateFromInput(z, bundle);

export default defineCreate({
  key: OPPORTUNITY_UPDATE_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Update Opportunity',
    description:
      'Updates an opportunity: moves it to another stage or pipeline, marks it won, lost (with a reason) or abandoned, reopens it, or changes its value, owner or name. Empty fields are left unchanged.',
  },
  operation: {
    inputFields: [
      opportunityIdField(
        'Opportunity to update. Choose one, map an opportunity ID from an earlier step (e.g. `yWQobCRIhRguQtD2llvk`), or add a Find Opportunity step.',
      ),
      ...opportunityFields('update'),
      opportunityCustomFieldInputs,
    ],
    perform,
    sample: opportunitySample,
    outputFields: [...opportunityOutputFields, customOutputFields('opportunity')],
  },
});
