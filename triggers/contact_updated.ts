import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollContacts, pollPageLimit } from '../lib/contact/api';
import { contactChangeOutputFields, contactChangeSample, toContactChange } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';

export const CONTACT_UPDATED_KEY = 'contact_updated';

/**
 * One POST /contacts/search per poll, most recently changed first. Zapier dedupes on `id`, so each change gets its
 * own id, `<contact id>:<dateUpdated>`, and the contact's id moves to `contactId` (docs/highlevel-api.md §8).
 */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await pollContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: pollPageLimit(bundle) })).map(toContactChange);

export default defineTrigger({
  key: CONTACT_UPDATED_KEY,
  noun: 'Contact',
  display: {
    label: 'New or Updated Contact',
    description:
      "Triggers when a contact is added or changed. Each change triggers once; the Contact ID field holds the contact's ID (the ID field is the ID of the change).",
  },
  operation: {
    type: 'polling',
    perform,
    sample: contactChangeSample,
    outputFields: [...contactChangeOutputFields, contactCustomOutputFields],
  },
});
