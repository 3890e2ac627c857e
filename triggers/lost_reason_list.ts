import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { LOST_REASON_LIST_KEY } from '../lib/keys';
import { listLostReasons } from '../lib/opportunity/api';

/** The location's lost reasons for dropdowns, one page of 100 per "load more" (GET /opportunities/lost-reason, §6.10). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listLostReasons(z, bundle, bundle.meta?.page ?? 0)).map((r) => ({ id: r.id, name: r.name || r.id }));

export default defineTrigger({
  key: LOST_REASON_LIST_KEY,
  noun: 'Lost Reason',
  display: {
    label: 'List Lost Reasons',
    description: 'Triggers when a lost reason is added to the location (lists lost reasons for dropdowns).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: 'CLu7BaljjqrEjBGKTNNe', name: 'Too expensive' },
    outputFields: [
      { key: 'id', label: 'Lost Reason ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
