import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollContacts, pollPageLimit } from '../lib/contact/api';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';

export const CONTACT_NEW_KEY = 'contact_new';

/** One POST /contacts/search per poll, newest dateAdded first; Zapier dedupes on the contact id (docs/highlevel-api.md §8). */
export const perform: PollingTriggerPerform = (z, bundle) => pollContacts(z, bundle, { sortBy: 'dateAdded', pageLimit: pollPageLimit(bundle) });

export default defineTrigger({
  key: CONTACT_NEW_KEY,
  noun: 'Contact',
  display: {
    label: 'New Contact',
    description: 'Triggers when a new contact is added to the location.',
  },
  operation: {
    type: 'polling',
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
