import { readFinishedContacts } from '../lib/contact/api';
import { userNames } from '../lib/user/names';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactCustomFieldsBody, contactFields, readContactBody, contactIdField } from '../lib/contact/fields';
import { ContactAnswer, contactFromRest, contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { ghl, locationIdOf } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { checkId, inputError } from '../lib/input';
import { CONTACT_UPDATE_KEY } from '../lib/keys';

export { CONTACT_UPDATE_KEY };

/**
 * PUT /contacts/{id} → {succeded, contact} (docs/highlevel-api.md §6.1). Only the fields the user filled in are sent, so
 * empty fields never blank out data. The update DTO has no tags, gender or companyName (§11.2): they are not
 * offered, which also means tags (replaced wholesale by this endpoint, §11.6) are never wiped.
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
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(body.assignedTo) });
  // The answer carries the contact's other custom values too: the list is read beside the update.
  const [output] = await readFinishedContacts(
    z,
    bundle,
    async () => {
      const contact = await ghl(z, bundle, endpoints.contactUpdate, {
        path: { contactId },
        body,
        labels: { contactId: 'Contact' },
        answer: ContactAnswer,
        unreadable: 'without the contact it updated',
      });
      return [contactFromRest(contact, locationIdOf(z, bundle))];
    },
    { names },
  );
  return output;
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
