import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { contactFields } from '../lib/fields/contact';
import { ghl, inputError, locationIdOf } from '../lib/http';
import { contactCustomOutputFields, withCustomValues } from '../lib/custom_fields';
import { contactOutputFields, contactSample, toContactOutput } from '../lib/schemas/contact';
import { normalizeEmail, normalizePhone, text, validated } from '../lib/validate';

export const CONTACT_FIND_KEY = 'contact_find';

/** The same Default Phone Country field as Create Contact, so numbers typed without "+" are read the same way. */
const phoneCountryField = (() => {
  const field = contactFields('create').find((f) => f.key === 'phoneCountry');
  if (!field) throw new Error('lib/fields/contact.ts no longer defines phoneCountry.');
  return field;
})();

const inputFields = [
  { key: 'email', label: 'Email', helpText: 'Email address to look for, e.g. `lena.vogt@example.com`. Fill in Email, Phone or both.' },
  {
    key: 'phone',
    label: 'Phone',
    helpText: 'Phone number to look for in any common format, e.g. `+49 171 1234567`; it is compared in international (E.164) form. Fill in Email, Phone or both.',
  },
  phoneCountryField,
];

/**
 * GET /contacts/search/duplicate (REFERENCE.md §6.1, §11.7): HighLevel's own duplicate lookup, by email and/or
 * phone (`number`, E.164), following the location's duplicate rules. Answer {contact: Contact | null}.
 */
export const perform: SearchPerform = async (z, bundle) => {
  const { email, number } = validated(z, () => {
    const e = text(bundle.inputData.email);
    const p = text(bundle.inputData.phone);
    return {
      email: e ? normalizeEmail('Email', e) : '',
      number: p ? normalizePhone('Phone', p, text(bundle.inputData.phoneCountry)) : '',
    };
  });
  if (!email && !number) throw inputError(z, 'Fill in Email or Phone (or both): HighLevel finds contacts by one of them.');
  const locationId = locationIdOf(z, bundle);
  const contact = await ghl(z, bundle, endpoints.contactDuplicate, { query: { locationId, email, number }, allow404: true });
  return contact ? withCustomValues(z, bundle, [toContactOutput(contact, locationId)]) : [];
};

export default defineSearch({
  key: CONTACT_FIND_KEY,
  noun: 'Contact',
  display: {
    label: 'Find Contact',
    description:
      'Finds a contact by email or phone number. With both filled in, the location\'s duplicate-contact rules decide which one wins.',
  },
  operation: {
    inputFields,
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
