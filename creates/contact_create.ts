import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { contactCustomFieldInputs, contactCustomOutputFields, withCustomValues } from '../lib/custom_fields';
import { contactBody, contactCustomFieldsBody, contactFields } from '../lib/fields/contact';
import { ghl, inputError, locationIdOf } from '../lib/http';
import { contactOutputFields, contactSample, toContactOutput } from '../lib/schemas/contact';

export const CONTACT_CREATE_KEY = 'contact_create';

/** POST /contacts/ → 201 {contact} (REFERENCE.md §6.1). A duplicate is a 400 that names the existing contact. */
export const perform: CreatePerform = async (z, bundle) => {
  const body = contactBody(z, bundle.inputData, 'create');
  if (!body.email && !body.phone && !body.firstName && !body.lastName) {
    throw inputError(z, 'Fill in at least one of Email, Phone, First Name or Last Name: HighLevel needs something to identify the contact.');
  }
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  const contact = await ghl(z, bundle, endpoints.contactCreate, { body: { ...body, customFields, locationId } });
  const [output] = await withCustomValues(z, bundle, [toContactOutput(contact, locationId)]);
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
