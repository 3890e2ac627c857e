import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { POLL_PAGE_LIMIT } from '../lib/contact/api';
import { recentContacts } from '../lib/contact/full_reads';
import { contactFromDelivery } from '../lib/contact/hooks';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';

export const CONTACT_DELETED_INSTANT_KEY = 'contact_deleted_instant';
const EVENT = 'contact.deleted';

/** A relayed ContactDelete (docs/highlevel-api.md §9.2): the contact as it was, from the event (it can no longer be read). */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  return delivery ? [await contactFromDelivery(z, bundle, delivery.payload, { fetch: false })] : [];
};

/** "Test trigger": HighLevel lists no deleted contacts; the most recently changed contacts show the same fields. */
export const performList: WebhookTriggerPerformList = (z, bundle) => recentContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: POLL_PAGE_LIMIT });

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, undefined);

export default defineTrigger({
  key: CONTACT_DELETED_INSTANT_KEY,
  noun: 'Contact',
  display: {
    label: 'Contact Deleted (Instant)',
    description:
      "Triggers when a contact is deleted, with the contact as it was. Runs through the integration owner's webhook relay (no polling trigger can see deletions).",
  },
  operation: {
    type: 'hook',
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
