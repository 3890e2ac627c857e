import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { findDuplicate, readFinishedContacts } from '../lib/contact/api';
import { phoneCountryField, phoneCountryFor } from '../lib/contact/fields';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { checkPhoneShape, inputError, normalizeEmail, normalizePhone, text, validated } from '../lib/input';
import { CONTACT_FIND_KEY } from '../lib/keys';

export { CONTACT_FIND_KEY };

const inputFields = [
  { key: 'email', label: 'Email', helpText: 'Email address to look for, e.g. `lena.vogt@example.com`. Fill in Email, Phone or both.' },
  {
    key: 'phone',
    label: 'Phone',
    helpText:
      'Phone number to look for in any common format, e.g. `+49 171 1234567`; it is compared in international (E.164) form. Fill in Email, Phone or both.',
  },
  phoneCountryField(),
];

/**
 * GET /contacts/search/duplicate (docs/highlevel-api.md §6.1, §11.7): HighLevel's own duplicate lookup, by email and/or
 * phone (`number`, E.164), following the location's duplicate rules. Answer {contact: Contact | null}.
 */
export const perform: SearchPerform = async (z, bundle) => {
  const e = validated(z, () => text(bundle.inputData.email, 'Email'));
  const email = e ? validated(z, () => normalizeEmail('Email', e)) : '';
  const p = validated(z, () => text(bundle.inputData.phone, 'Phone'));
  // The email is checked first; the location's country is read only for a phone number written without one.
  if (p) validated(z, () => checkPhoneShape('Phone', p));
  const country = p ? await phoneCountryFor(z, bundle, [p]) : undefined;
  const number = p ? validated(z, () => normalizePhone('Phone', p, country)) : '';
  if (!email && !number) throw inputError(z, 'Fill in Email or Phone (or both): HighLevel finds contacts by one of them.');
  return readFinishedContacts(z, bundle, async () => {
    const contact = await findDuplicate(z, bundle, { email, number });
    return contact ? [contact] : [];
  });
};

export default defineSearch({
  key: CONTACT_FIND_KEY,
  noun: 'Contact',
  display: {
    label: 'Find Contact',
    description: "Finds a contact by email or phone number. With both filled in, the location's duplicate-contact rules decide which one wins.",
  },
  operation: {
    inputFields,
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
