import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactCustomFieldsBody, contactFields, contactIdField, readContactBody } from '../lib/contact/fields';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { updateContact } from '../lib/contact/write';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { checkId, inputError } from '../lib/input';
import { CONTACT_UPDATE_KEY } from '../lib/keys';

export { CONTACT_UPDATE_KEY };

/**
 * PUT /contacts/{id} → {succeded, contact} (docs/highlevel-api.md §6.1) with only the fields filled in (lib/contact/write.ts).
 * The update DTO has no tags, gender or companyName (§11.2): they are not offered, so tags are never wiped (§11.6).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const body = await readContactBody(z, bundle, 'update');
  // Only the custom fields given are sent: HighLevel leaves the contact's other custom values as they are.
  const customFields = await contactCustomFieldsBody(z, bundle);
  if (customFields.length) body.customFields = customFields;
  if (Object.keys(body).length === 0) {
    throw inputError(z, 'Nothing to update: fill in at least one contact field (for example Email, Phone or First Name). Empty fields are left unchanged.');
  }
  return updateContact(z, bundle, contactId, body);
};

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
