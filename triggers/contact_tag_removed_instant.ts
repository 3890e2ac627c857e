import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { POLL_PAGE_LIMIT } from '../lib/contact/api';
import { recentContacts } from '../lib/contact/full_reads';
import { contactFromDelivery } from '../lib/contact/hooks';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { watchedTag, watchedTagField } from '../lib/tag/fields';

export const CONTACT_TAG_REMOVED_INSTANT_KEY = 'contact_tag_removed_instant';
const EVENT = 'contact.tag_removed';

/**
 * The relay turns ContactTagUpdate (the whole tag list, docs/highlevel-api.md §9.2) into "removed" against the last
 * list it saw of the contact, and delivers only removals of the watched tag. Output: the contact, read in full (as
 * the contact triggers output it), now without the tag.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  return delivery ? [await contactFromDelivery(z, bundle, delivery.payload, { fetch: true })] : [];
};

/** "Test trigger": HighLevel keeps no record of removed tags; the most recently changed contacts without the tag. */
export const performList: WebhookTriggerPerformList = async (z, bundle) => {
  const tag = watchedTag(z, bundle.inputData.tag).toLowerCase();
  const contacts = await recentContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: POLL_PAGE_LIMIT });
  return contacts.filter((c) => !c.tags.some((t) => t.trim().toLowerCase() === tag));
};

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, undefined, (z, bundle) => ({ tag: watchedTag(z, bundle.inputData.tag) }));

export default defineTrigger({
  key: CONTACT_TAG_REMOVED_INSTANT_KEY,
  noun: 'Contact',
  display: {
    label: 'Tag Removed from Contact (Instant)',
    description:
      "Triggers when the chosen tag is removed from a contact, each time. A contact the relay has never seen change (one made before it ran) counts from its second change: the first only shows the relay its tags. Runs through the integration owner's webhook relay (no polling trigger can see removals: nothing keeps a record of them).",
  },
  operation: {
    type: 'hook',
    inputFields: [watchedTagField("The tag to watch, e.g. `tc-enrolled`. Choose one of the location's tags or type its name (case does not matter).")],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
