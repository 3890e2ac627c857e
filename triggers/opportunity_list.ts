import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { OPPORTUNITY_LIST_KEY } from '../lib/keys';
import { searchPage, withNames } from '../lib/opportunity/api';
import { opportunityLabel } from '../lib/opportunity/schema';

/**
 * Opportunities for the Opportunity dropdowns, newest created first, 100 per "load more" (bundle.meta.page, 0-based;
 * GET /opportunities/search, docs/highlevel-api.md §6.10). Labels name the stage, so the pipeline list is read too.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const { items } = await searchPage(z, bundle, {}, { page: (bundle.meta?.page ?? 0) + 1 });
  return (await withNames(z, bundle, items, { shared: true, customValues: false, owners: false })).map((o) => ({
    id: o.id,
    label: opportunityLabel(o),
    contactId: o.contactId,
  }));
};

export default defineTrigger({
  key: OPPORTUNITY_LIST_KEY,
  noun: 'Opportunity',
  display: { label: 'List Opportunities', description: 'Triggers when an opportunity is added (lists opportunities for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: 'yWQobCRIhRguQtD2llvk', label: 'Lena Vogt: Pilates Instructor Level 1 (Enrolled, 104)', contactId: 'ocQHyuzHvysMo5N5VsXc' },
    outputFields: [
      { key: 'id', label: 'Opportunity ID' },
      { key: 'label', label: 'Opportunity' },
      { key: 'contactId', label: 'Contact ID' },
    ],
  },
});
