import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { POLL_PAGE_LIMIT } from '../lib/contact/api';
import { recentContacts } from '../lib/contact/full_reads';
import { contactFromDelivery } from '../lib/contact/hooks';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';

export const CONTACT_NEW_INSTANT_KEY = 'contact_new_instant';
const EVENT = 'contact.created';

/** A relayed ContactCreate (docs/highlevel-api.md §9.2): the contact as New Contact outputs it, read in full. */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  return delivery ? [await contactFromDelivery(z, bundle, delivery.payload, { fetch: true })] : [];
};

/** "Test trigger": New Contact's read, the newest contacts. */
export const performList: WebhookTriggerPerformList = (z, bundle) => recentContacts(z, bundle, { sortBy: 'dateAdded', pageLimit: POLL_PAGE_LIMIT });

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'New Contact');

export default defineTrigger({
  key: CONTACT_NEW_INSTANT_KEY,
  noun: 'Contact',
  display: {
    label: 'New Contact (Instant)',
    description: "Triggers when a new contact is added to the location. Runs through the integration owner's webhook relay; without one, use New Contact.",
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
