import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { ghl, locationIdOf } from '../lib/http';

export const BUSINESS_LIST_KEY = 'business_list';
const PAGE_SIZE = 100;

const Business = zod.looseObject({ id: zod.string(), name: zod.string().nullish(), city: zod.string().nullish() });

/** Businesses of the location for dropdowns: GET /businesses/?locationId, offset paging (REFERENCE.md §6.8). */
const perform: PollingTriggerPerform = async (z, bundle) => {
  const businesses = zod.array(Business).parse(
    await ghl(z, bundle, endpoints.businessList, {
      query: { locationId: locationIdOf(z, bundle), limit: PAGE_SIZE, skip: (bundle.meta?.page ?? 0) * PAGE_SIZE },
    }),
  );
  return businesses.map((b) => ({ id: b.id, name: b.city ? `${b.name ?? b.id} (${b.city})` : (b.name ?? b.id) }));
};

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
