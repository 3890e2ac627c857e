import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { checkId } from '../lib/input';
import { deleteOpportunity } from '../lib/opportunity/api';
import { opportunityIdField } from '../lib/opportunity/fields';

export const OPPORTUNITY_DELETE_KEY = 'opportunity_delete';

/** DELETE /opportunities/{id} → {succeded: true} (sic, docs/highlevel-api.md §2, §6.10). */
export const perform: CreatePerform = async (z, bundle) => {
  const opportunityId = checkId(z, 'Opportunity', bundle.inputData.opportunityId);
  await deleteOpportunity(z, bundle, opportunityId);
  return { id: opportunityId, deleted: true };
};

export default defineCreate({
  key: OPPORTUNITY_DELETE_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Delete Opportunity',
    description:
      'Deletes an opportunity from its pipeline. This cannot be undone; to keep the history, mark it lost or abandoned with Update Opportunity instead.',
  },
  operation: {
    inputFields: [
      {
        key: 'deleteWarning',
        type: 'copy',
        helpText: '**Warning:** this deletes the opportunity permanently. It cannot be undone.',
      },
      opportunityIdField(
        'Opportunity to delete. Choose one, map an opportunity ID from an earlier step (e.g. `yWQobCRIhRguQtD2llvk`), or add a Find Opportunity step.',
      ),
    ],
    perform,
    sample: { id: 'yWQobCRIhRguQtD2llvk', deleted: true },
    outputFields: [
      { key: 'id', label: 'Opportunity ID' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' as const },
    ],
  },
});
