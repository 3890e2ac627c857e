import { finishContacts } from '../lib/contact/api';
import { userNames } from '../lib/user/names';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactCustomFieldsBody, contactFields, readContactBody } from '../lib/contact/fields';
import { ContactAnswer, contactFromRest, contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { ghl, locationIdOf } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { inputError } from '../lib/input';
import { CONTACT_CREATE_KEY } from '../lib/keys';

export { CONTACT_CREATE_KEY };

/** POST /contacts/ → 201 {contact} (docs/highlevel-api.md §6.1). A duplicate is a 400 that names the existing contact. */
export const perform: CreatePerform = async (z, bundle) => {
  const body = await readContactBody(z, bundle, 'create');
  if (!body.email && !body.phone && !body.firstName && !body.lastName) {
    throw inputError(z, 'Fill in at least one of Email, Phone, First Name or Last Name: HighLevel needs something to identify the contact.');
  }
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(body.assignedTo) });
  const contact = await ghl(z, bundle, endpoints.contactCreate, {
    body: { ...body, customFields, locationId },
    answer: ContactAnswer,
    unreadable: 'without the contact it created',
  });
  const [output] = await finishContacts(z, bundle, [contactFromRest(contact, locationId)], { names });
  return output;
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
