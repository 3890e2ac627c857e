import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollContacts, pollPageLimit } from '../lib/contact_search';
import { contactCustomOutputFields } from '../lib/custom_fields';
import { contactOutputFields, contactSample, type ContactOutput } from '../lib/schemas/contact';

export const CONTACT_UPDATED_KEY = 'contact_updated';

export interface ContactChangeOutput extends ContactOutput {
  /** The contact's own id; `id` is the id of this change. */
  contactId: string;
}

/**
 * Zapier dedupes on `id`, so each change gets its own id, `<contact id>:<dateUpdated>`, and the contact's id moves
 * to `contactId` (REFERENCE.md §8).
 */
export const toChange = (contact: ContactOutput): ContactChangeOutput => ({
  ...contact,
  id: `${contact.id}:${contact.dateUpdated || contact.dateAdded}`,
  contactId: contact.id,
});

/** One POST /contacts/search per poll, most recently changed first. */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await pollContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: pollPageLimit(bundle) })).map(toChange);

export default defineTrigger({
  key: CONTACT_UPDATED_KEY,
  noun: 'Contact',
  display: {
    label: 'New or Updated Contact',
    description:
      'Triggers when a contact is added or changed. Each change triggers once; the Contact ID field holds the contact\'s ID (the ID field is the ID of the change).',
  },
  operation: {
    type: 'polling',
    perform,
    sample: toChange(contactSample),
    outputFields: [
      { key: 'id', label: 'Change ID' },
      { key: 'contactId', label: 'Contact ID' },
      ...contactOutputFields.filter((f) => f.key !== 'id'),
      contactCustomOutputFields,
    ],
  },
});
