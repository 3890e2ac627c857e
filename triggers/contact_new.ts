import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CONTACT_POLL_REACH, pollNewContacts } from '../lib/contact/poll';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';

export const CONTACT_NEW_KEY = 'contact_new';

/**
 * POST /contacts/search newest `dateAdded` first, paged with `searchAfter` back to the newest contact of the previous
 * poll (lib/contact/poll.ts); Zapier dedupes on the contact id (docs/highlevel-api.md §8).
 */
export const perform: PollingTriggerPerform = (z, bundle) => pollNewContacts(z, bundle);

export default defineTrigger({
  key: CONTACT_NEW_KEY,
  noun: 'Contact',
  display: {
    label: 'New Contact',
    description:
      `Triggers when a new contact is added to the location. Each check sees up to ${CONTACT_POLL_REACH.toLocaleString('en-US')} contacts added since the previous check ` +
      '(one request per 100), including contacts the contact search shows up to 10 minutes late. For bigger imports, the older ones are not seen: use the instant New Contact trigger.',
  },
  operation: {
    type: 'polling',
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
