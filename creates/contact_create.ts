import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactCustomFieldsBody, contactFields, readContactBody } from '../lib/contact/fields';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { createContact } from '../lib/contact/write';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { locationIdOf } from '../lib/http/client';
import { inputError } from '../lib/input';
import { CONTACT_CREATE_KEY } from '../lib/keys';

export { CONTACT_CREATE_KEY };

/**
 * POST /contacts/ → 201 {contact} (docs/highlevel-api.md §6.1), replay-safe; a duplicate of another contact halts
 * naming it (lib/contact/write.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const body = await readContactBody(z, bundle, 'create');
  if (!body.email && !body.phone && !body.firstName && !body.lastName) {
    throw inputError(z, 'Fill in at least one of Email, Phone, First Name or Last Name: HighLevel needs something to identify the contact.');
  }
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  return createContact(z, bundle, locationId, body, customFields);
};

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
