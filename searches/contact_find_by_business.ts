import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { BUSINESS_DROPDOWN } from '../lib/fields/dropdowns';
import { checkId, ghl, locationIdOf } from '../lib/http';
import { text } from '../lib/validate';
import { contactCustomOutputFields, withCustomValues } from '../lib/custom_fields';
import { contactOutputFields, contactSample, toContactOutput } from '../lib/schemas/contact';

export const CONTACT_FIND_BY_BUSINESS_KEY = 'contact_find_by_business';

/** One page: a search step uses the first result, and one request keeps the step well inside the rate limit. */
export const BUSINESS_CONTACTS_LIMIT = 100;

/** GET /contacts/business/{businessId} answers {contacts, count} (REFERENCE.md §6.1), paged by limit/skip. */
const BusinessContacts = zod.looseObject({ contacts: zod.array(zod.unknown()).nullish(), count: zod.number().nullish() });

export const perform: SearchPerform = async (z, bundle) => {
  const businessId = checkId(z, 'Business', bundle.inputData.businessId);
  const locationId = locationIdOf(z, bundle);
  const query = text(bundle.inputData.query);
  const raw = await ghl(z, bundle, endpoints.contactsByBusiness, {
    path: { businessId },
    labels: { businessId: 'Business' },
    query: { locationId, limit: BUSINESS_CONTACTS_LIMIT, skip: 0, query },
    allow404: true,
  });
  if (raw === null) return [];
  const answer = BusinessContacts.safeParse(raw);
  if (!answer.success) {
    throw new z.errors.Error('HighLevel answered the business\'s contact list without a list of contacts. This is usually temporary: try again in a few minutes.', 'bad_response');
  }
  return withCustomValues(z, bundle, (answer.data.contacts ?? []).map((contact) => toContactOutput(contact, locationId)));
};

export default defineSearch({
  key: CONTACT_FIND_BY_BUSINESS_KEY,
  noun: 'Contact',
  display: {
    label: 'Find Contacts by Business',
    description: 'Finds the contacts linked to a business (up to 100), optionally narrowed by search text.',
  },
  operation: {
    inputFields: [
      {
        ...BUSINESS_DROPDOWN,
        key: 'businessId',
        label: 'Business',
        required: true,
        helpText: 'Business whose contacts to find. Choose one, or map a business ID from an earlier step, e.g. `65f1c2d3e4a5b6c7d8e9f0a1`.',
      },
      {
        key: 'query',
        label: 'Search Text',
        helpText: 'Only return contacts that match this text, e.g. `vogt`. Leave empty for all contacts of the business.',
      },
    ],
    perform,
    sample: { ...contactSample, businessId: '65f1c2d3e4a5b6c7d8e9f0a1' },
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
