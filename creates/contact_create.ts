import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactFields } from '../lib/contact/fields';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { createFromInput } from '../lib/contact/write';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { CONTACT_CREATE_KEY } from '../lib/keys';

export { CONTACT_CREATE_KEY };

/**
 * POST /contacts/ → 201 {contact} (docs/highlevel-api.md §6.1), replay-safe; a duplicate of another contact halts
 * naming it (lib/contact/write.ts).
 */
export const perform: CreatePerform = (z, bundle) => createFromInput(z, bundle);

export default defineCreate({
  key: CONTACT_CREATE_KEY,
  noun: 'Contact',
  display: {
    label: 'Create Contact',
    description:
      'Creates a new contact from at least an email, phone or name. If the location does not allow duplicates and the email or phone already exists, the step stops and names the existing contact.',
  },
  operation: {
    inputFields: [...contactFields('create'), contactCustomFieldInputs],
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
