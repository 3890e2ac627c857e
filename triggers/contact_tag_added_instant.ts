import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { POLL_PAGE_LIMIT } from '../lib/contact/api';
import { recentContacts } from '../lib/contact/full_reads';
import { contactFromDelivery } from '../lib/contact/hooks';
import { tagFilters } from '../lib/contact/poll';
import { tagAddedOutputFields, tagAddedSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { watchedTag, watchedTagField } from '../lib/tag/fields';

export const CONTACT_TAG_ADDED_INSTANT_KEY = 'contact_tag_added_instant';
const EVENT = 'contact.tag_added';

/**
 * The relay turns ContactTagUpdate (the whole tag list, docs/highlevel-api.md §9.2) into "added" against the last list
 * it saw of the contact, and delivers only additions of the watched tag. Each time the tag is added, once: also after
 * it was removed. Output as Tag Added to Contact's: the contact, read in full, with `tagAddedId` new for each addition
 * (the contact id and when the relay received the change), so a Zap built on the polling trigger maps the same keys.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const contact = await contactFromDelivery(z, bundle, delivery.payload, { fetch: true });
  return [{ ...contact, tagAddedId: `${contact.id}:${delivery.receivedAt ?? delivery.id}` }];
};

/** "Test trigger": Tag Added to Contact's read, contacts carrying the tag, most recently changed first. */
export const performList: WebhookTriggerPerformList = async (z, bundle) =>
  (
    await recentContacts(z, bundle, {
      sortBy: 'dateUpdated',
      pageLimit: POLL_PAGE_LIMIT,
      filters: tagFilters(watchedTag(z, bundle.inputData.tag)),
    })
  ).map((c) => ({ ...c, tagAddedId: `${c.id}:${c.dateUpdated || c.dateAdded}` }));

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'Tag Added to Contact', (z, bundle) => ({
  tag: watchedTag(z, bundle.inputData.tag),
}));

export default defineTrigger({
  key: CONTACT_TAG_ADDED_INSTANT_KEY,
  noun: 'Contact',
  display: {
    label: 'Tag Added to Contact (Instant)',
    description:
      "Triggers when a contact gets the chosen tag, each time: also when it is added again after being removed. A contact the relay has never seen change (one made before it ran) counts from its second change: the first only shows the relay its tags. Runs through the integration owner's webhook relay; without one, use Tag Added to Contact.",
  },
  operation: {
    type: 'hook',
    inputFields: [watchedTagField("The tag to watch, e.g. `tc-enrolled`. Choose one of the location's tags or type its name (case does not matter).")],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: tagAddedSample,
    outputFields: [...tagAddedOutputFields, contactCustomOutputFields],
  },
});
