import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { businessLabel, listBusinesses } from '../lib/business/api';
import { BUSINESS_LIST_KEY } from '../lib/keys';

/** Businesses of the location for dropdowns: GET /businesses/?locationId, offset paging (docs/highlevel-api.md §6.8). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listBusinesses(z, bundle, bundle.meta?.page ?? 0)).map((b) => ({ id: b.id, name: businessLabel(b) }));

export default defineTrigger({
  key: BUSINESS_LIST_KEY,
  noun: 'Business',
  display: { label: 'List Businesses', description: 'Triggers when a business is added to the location (lists businesses for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: '65f1c2d3e4a5b6c7d8e9f0a1', name: 'Vogt Pilates (Köln)' },
    outputFields: [
      { key: 'id', label: 'Business ID' },
      { key: 'name', label: 'Business Name' },
    ],
  },
});
