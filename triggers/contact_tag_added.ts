import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TAG_SCAN_REACH, pollTagAdded } from '../lib/contact/poll';
import { tagAddedOutputFields, tagAddedSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { TAG_DROPDOWN } from '../lib/dropdowns';
import { inputError, text } from '../lib/input';

export const CONTACT_TAG_ADDED_KEY = 'contact_tag_added';

/**
 * HighLevel records no "tag added" event or date (docs/highlevel-api.md §8): each poll reads every contact carrying
 * the tag and reports those that did not carry it at the previous poll (lib/contact/poll.ts). Zapier dedupes on
 * `tagAddedId`; `id` stays the contact's id.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const tag = text(bundle.inputData.tag, 'Tag');
  if (!tag) throw inputError(z, 'Tag is required: choose the tag that should trigger the Zap.');
  return pollTagAdded(z, bundle, tag);
};

const reach = TAG_SCAN_REACH.toLocaleString('en-US');

export default defineTrigger({
  key: CONTACT_TAG_ADDED_KEY,
  noun: 'Contact',
  display: {
    label: 'Tag Added to Contact',
    description:
      'Triggers when the chosen tag is added to a contact, once each time it is added (removed and added again, it triggers again); other edits of a tagged contact do not trigger. ' +
      `Contacts keep no record of when a tag was added, so each check reads every contact with the tag (one request per 500) and compares with the previous check: a tag removed and added back between two checks is not seen, and for a tag on more than ${reach} contacts only the newest ${reach} are watched. For those, use the instant trigger.`,
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        ...TAG_DROPDOWN,
        key: 'tag',
        label: 'Tag',
        required: true,
        helpText: `The tag to watch, e.g. \`tc-enrolled\`. Choose one of the location's tags or type its name (case does not matter). Contacts that already carry it when the Zap is turned on do not trigger. Watches up to ${reach} contacts with the tag.`,
      },
    ],
    perform,
    sample: tagAddedSample,
    outputFields: [...tagAddedOutputFields, contactCustomOutputFields],
  },
});
