import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { searchContacts, finishContacts } from '../lib/contact/api';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields, loadContactCustomFields } from '../lib/custom_field/api';
import { customFieldValue } from '../lib/custom_field/fields';
import { CUSTOM_FIELD_DROPDOWN } from '../lib/dropdowns';
import { checkId, inputError, text, validated } from '../lib/input';

export const CONTACT_FIND_BY_CUSTOM_FIELD_KEY = 'contact_find_by_custom_field';
const LIMIT = 10;

/**
 * POST /contacts/search with a filter on one custom field, most recently updated first. The filter's field name,
 * `customFields.<field id>`, is not in HighLevel's spec (docs/highlevel-api.md §6.1, issue #42): it is what the sandbox
 * accepts and must be confirmed on a live location. The field list (read once) gives the value its type, so a number
 * field is matched with a number; it is reused for the readable output keys.
 */
export const perform: SearchPerform = async (z, bundle) => {
  const fieldId = checkId(z, 'Custom Field', bundle.inputData.customFieldId);
  const raw = validated(z, () => text(bundle.inputData.value, 'Value'));
  if (!raw) throw inputError(z, 'Value is required: the custom field value to look for, e.g. `M`.');
  const field = (await loadContactCustomFields(z, bundle)).find((f) => f.id === fieldId);
  if (!field) {
    throw inputError(z, `Custom Field "${fieldId}" is not one of this location's contact custom fields: choose it again from the dropdown.`);
  }
  const typed = validated(z, () => customFieldValue(field, raw, undefined, `Value (for the custom field "${field.name}")`));
  // A list field (checkboxes, multiple options) matches contacts that have the first value given.
  const value = Array.isArray(typed) ? typed[0] : typed;
  const contacts = await searchContacts(z, bundle, {
    sortBy: 'dateUpdated',
    pageLimit: LIMIT,
    filters: [{ field: `customFields.${field.id}`, operator: 'eq', value }],
  });
  return finishContacts(z, bundle, contacts);
};

export default defineSearch({
  key: CONTACT_FIND_BY_CUSTOM_FIELD_KEY,
  noun: 'Contact',
  display: {
    label: 'Find Contact by Custom Field',
    description:
      'Finds contacts whose custom field has a given value, most recently updated first (up to 10), e.g. the contact whose "CentralStationCRM ID" is 30016185.',
  },
  operation: {
    inputFields: [
      {
        ...CUSTOM_FIELD_DROPDOWN,
        key: 'customFieldId',
        label: 'Custom Field',
        required: true,
        helpText: "The contact custom field to search, e.g. `T-Shirt Size`. Choose one of the location's custom fields.",
      },
      {
        key: 'value',
        label: 'Value',
        required: true,
        helpText: 'The value the field must have, e.g. `M` or `30016185`. Numbers, dates and phone numbers may be written in any common form.',
      },
    ],
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
