import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactsOfBusiness, readFinishedContacts } from '../lib/contact/api';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { BUSINESS_DROPDOWN } from '../lib/dropdowns';
import { checkId, text, validated } from '../lib/input';

export const CONTACT_FIND_BY_BUSINESS_KEY = 'contact_find_by_business';

/** GET /contacts/business/{businessId} (docs/highlevel-api.md §6.1): the first page of the business's contacts. */
export const perform: SearchPerform = async (z, bundle) => {
  const businessId = checkId(z, 'Business', bundle.inputData.businessId);
  const query = validated(z, () => text(bundle.inputData.query, 'Search Text'));
  return readFinishedContacts(z, bundle, () => contactsOfBusiness(z, bundle, businessId, query));
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
