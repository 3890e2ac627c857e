import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { POLL_PAGE_LIMIT, contactLabel, searchContacts } from '../lib/contact/api';
import { CONTACT_LIST_KEY } from '../lib/keys';

export { CONTACT_LIST_KEY };

/** Contacts for dropdowns, recently changed first; Zapier's "load more" asks for the next page (bundle.meta.page, 0-based). */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const contacts = await searchContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: POLL_PAGE_LIMIT, page: (bundle.meta?.page ?? 0) + 1 });
  return contacts.map((c) => ({ id: c.id, name: contactLabel(c) }));
};

export default defineTrigger({
  key: CONTACT_LIST_KEY,
  noun: 'Contact',
  display: { label: 'List Contacts', description: 'Triggers when a contact is added or changed (lists contacts for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: 'ocQHyuzHvysMo5N5VsXc', name: 'Lena Vogt (lena.vogt@example.com)' },
    outputFields: [
      { key: 'id', label: 'Contact ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
