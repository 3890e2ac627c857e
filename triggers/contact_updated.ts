import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CONTACT_POLL_REACH, REMEMBERED_CONTACTS, pollChangedContacts } from '../lib/contact/poll';
import { contactChangeOutputFields, contactChangeSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';

export const CONTACT_UPDATED_KEY = 'contact_updated';

/**
 * POST /contacts/search newest `dateUpdated` first, paged back to the previous poll. A contact is reported when what a
 * person sees on it changed (lib/contact/poll.ts); each change gets its own id, `<contact id>:<dateUpdated>`, and the
 * contact's id moves to `contactId` (docs/highlevel-api.md §8).
 */
export const perform: PollingTriggerPerform = (z, bundle) => pollChangedContacts(z, bundle);

const n = (value: number) => value.toLocaleString('en-US');

export default defineTrigger({
  key: CONTACT_UPDATED_KEY,
  noun: 'Contact',
  display: {
    label: 'New or Updated Contact',
    description:
      "Triggers when a contact is added or when something you can see on it changes: a field, a tag or a custom value. A save that changes nothing does not trigger; changing a value back does. The Contact ID field holds the contact's ID (the ID field is the ID of the change). " +
      `Each check sees up to ${n(CONTACT_POLL_REACH)} contacts changed since the previous one and compares with the last ${n(REMEMBERED_CONTACTS)} contacts it saw; a save on a contact it has not seen since the Zap was turned on triggers even if nothing changed. For more, use the instant trigger.`,
  },
  operation: {
    type: 'polling',
    perform,
    sample: contactChangeSample,
    outputFields: [...contactChangeOutputFields, contactCustomOutputFields],
  },
});
