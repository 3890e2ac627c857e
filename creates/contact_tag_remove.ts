import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { TAG_DROPDOWN } from '../lib/dropdowns';
import { endpoints } from '../lib/http/endpoints';
import { changeTags } from '../lib/tag/api';
import { contactTagsOutputFields, contactTagsSample } from '../lib/tag/schema';

export const CONTACT_TAG_REMOVE_KEY = 'contact_tag_remove';

/** DELETE /contacts/{id}/tags with a JSON body {tags} → {tags} (docs/highlevel-api.md §6.4). */
export const perform: CreatePerform = (z, bundle) => changeTags(z, bundle, endpoints.contactTagsRemove, 'remove');

export default defineCreate({
  key: CONTACT_TAG_REMOVE_KEY,
  noun: 'Tag',
  display: {
    label: 'Remove Tags from Contact',
    description: 'Removes one or more tags from a contact. Its other tags stay.',
  },
  operation: {
    inputFields: [
      contactIdField(
        'Contact to remove the tags from. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      {
        ...TAG_DROPDOWN,
        key: 'tags',
        label: 'Tags',
        required: true,
        list: true,
        helpText: 'Tags to remove, e.g. `newsletter`. A mapped value with commas is split into several tags.',
      },
    ],
    perform,
    sample: contactTagsSample,
    outputFields: contactTagsOutputFields,
  },
});
