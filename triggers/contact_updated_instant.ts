import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { POLL_PAGE_LIMIT } from '../lib/contact/api';
import { recentContacts } from '../lib/contact/full_reads';
import { contactFromDelivery } from '../lib/contact/hooks';
import { contactChangeOutputFields, contactChangeSample, contactFingerprint, toContactChange } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { changedSinceSeen } from '../lib/hooks/memory';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';

export const CONTACT_UPDATED_INSTANT_KEY = 'contact_updated_instant';
const EVENT = 'contact.updated';

/**
 * A relayed ContactUpdate (docs/highlevel-api.md §9.2). HighLevel sends one for every save, also one that changes
 * nothing, so the contact is read in full and reported only when what a person sees on it (fields, tags, custom
 * values) differs from what this Zap saw last: a two-way Zap's echo of its own write fires nothing. Output as
 * New or Updated Contact's: id `<contact id>:<dateUpdated>`, the contact's id in contactId.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const contact = await contactFromDelivery(z, bundle, delivery.payload, { fetch: true });
  return (await changedSinceSeen(z, bundle, CONTACT_UPDATED_INSTANT_KEY, contact.id, contactFingerprint(contact))) ? [toContactChange(contact)] : [];
};

/** "Test trigger": New or Updated Contact's read, the most recently changed contacts. */
export const performList: WebhookTriggerPerformList = async (z, bundle) =>
  (await recentContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: POLL_PAGE_LIMIT })).map(toContactChange);

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'New or Updated Contact');

export default defineTrigger({
  key: CONTACT_UPDATED_INSTANT_KEY,
  noun: 'Contact',
  display: {
    label: 'Contact Updated (Instant)',
    description:
      "Triggers when something you can see on a contact changes: a field, a tag or a custom value. A save that changes nothing does not trigger; the Contact ID field holds the contact's ID. Runs through the integration owner's webhook relay; without one, use New or Updated Contact.",
  },
  operation: {
    type: 'hook',
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: contactChangeSample,
    outputFields: [...contactChangeOutputFields, contactCustomOutputFields],
  },
});
