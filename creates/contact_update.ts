import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactFields, contactIdField } from '../lib/contact/fields';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { updateFromInput } from '../lib/contact/write';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { CONTACT_UPDATE_KEY } from '../lib/keys';

export { CONTACT_UPDATE_KEY };

/** PUT /contacts/{id} → {succeded, contact} (docs/highlevel-api.md §6.1) with only the fields filled in (lib/contact/write.ts). */
export const perform: CreatePerform = (z, bundle) => updateFromInput(z, bundle);

export default defineCreate({
  key: CONTACT_UPDATE_KEY,
  noun: 'Contact',
  display: {
    label: 'Update Contact',
    description:
      'Updates an existing contact. Only the fields you fill in are changed; tags are left alone (use Add Tags to Contact or Remove Tags from Contact).',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to update. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      ...contactFields('update'),
      contactCustomFieldInputs,
    ],
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
