import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { loadContactCustomFields } from '../lib/custom_field/api';
import { customFieldLabel, isWritable } from '../lib/custom_field/schema';
import { CUSTOM_FIELD_LIST_KEY } from '../lib/keys';

/**
 * The location's contact custom fields for dropdowns (GET /locations/{id}/customFields?model=contact, one list). Read
 * fresh: a user opens the dropdown right after adding a field, and the read refreshes the connection's shared copy.
 */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await loadContactCustomFields(z, bundle, { fresh: true }))
    .filter(isWritable)
    .map((f) => ({ id: f.id, name: f.name, label: customFieldLabel(f), fieldKey: f.fieldKey ?? '', dataType: f.dataType }))
    .sort((a, b) => a.name.localeCompare(b.name));

export default defineTrigger({
  key: CUSTOM_FIELD_LIST_KEY,
  noun: 'Custom Field',
  display: {
    label: 'List Custom Fields',
    description: 'Triggers when a contact custom field is added to the location (lists custom fields for dropdowns).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    sample: {
      id: 'kL9pM2xQ7rT4vW1yZ3aB',
      name: 'T-Shirt Size',
      label: 'T-Shirt Size (single option)',
      fieldKey: 'contact.t_shirt_size',
      dataType: 'SINGLE_OPTIONS',
    },
    outputFields: [
      { key: 'id', label: 'Custom Field ID' },
      { key: 'name', label: 'Name' },
      { key: 'label', label: 'Name and Type' },
      { key: 'fieldKey', label: 'Field Key' },
      { key: 'dataType', label: 'Data Type' },
    ],
  },
});
