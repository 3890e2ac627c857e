import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { pollContacts, pollPageLimit } from '../lib/contact/api';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { TAG_DROPDOWN } from '../lib/dropdowns';
import { inputError, text } from '../lib/input';

export const CONTACT_TAG_ADDED_KEY = 'contact_tag_added';

/**
 * HighLevel records no "tag added at" (docs/highlevel-api.md §8): the poll lists contacts that carry the tag, most recently
 * changed first, and Zapier dedupes on the contact id, so a contact triggers the Zap once for that tag.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const tag = text(bundle.inputData.tag);
  if (!tag) throw inputError(z, 'Tag is required: choose the tag that should trigger the Zap.');
  return pollContacts(z, bundle, {
    sortBy: 'dateUpdated',
    pageLimit: pollPageLimit(bundle),
    filters: [{ field: 'tags', operator: 'eq', value: tag }],
  });
};

export default defineTrigger({
  key: CONTACT_TAG_ADDED_KEY,
  noun: 'Contact',
  display: {
    label: 'Tag Added to Contact',
    description:
      'Triggers when a contact gets the chosen tag. A contact triggers once per tag: there is no record of when a tag was added, so removing and re-adding the tag does not trigger again.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        ...TAG_DROPDOWN,
        key: 'tag',
        label: 'Tag',
        required: true,
        helpText: "The tag to watch, e.g. `tc-enrolled`. Choose one of the location's tags or type its name.",
      },
    ],
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
