import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { TAG_DROPDOWN } from '../lib/dropdowns';
import { endpoints } from '../lib/http/endpoints';
import { changeTags } from '../lib/tag/api';
import { contactTagsOutputFields, contactTagsSample } from '../lib/tag/schema';

export const CONTACT_TAG_ADD_KEY = 'contact_tag_add';

/** POST /contacts/{id}/tags {tags} → 201 {tags} (docs/highlevel-api.md §6.4): adds to the contact's tags, never replaces them. */
export const perform: CreatePerform = (z, bundle) => changeTags(z, bundle, endpoints.contactTagsAdd, 'add');

export default defineCreate({
  key: CONTACT_TAG_ADD_KEY,
  noun: 'Tag',
  display: {
    label: 'Add Tags to Contact',
    description: 'Adds one or more tags to a contact, keeping the tags it already has.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to tag. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      {
        ...TAG_DROPDOWN,
        key: 'tags',
        label: 'Tags',
        required: true,
        list: true,
        helpText: "Tags to add, e.g. `tc-enrolled`. Choose from the location's tags or type new ones; a mapped value with commas is split into several tags.",
      },
    ],
    perform,
    sample: contactTagsSample,
    outputFields: contactTagsOutputFields,
  },
});
