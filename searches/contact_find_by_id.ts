import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { getContact, readFinishedContacts } from '../lib/contact/api';
import { contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { CONTACT_DROPDOWN } from '../lib/dropdowns';
import { checkId } from '../lib/input';

export const CONTACT_FIND_BY_ID_KEY = 'contact_find_by_id';

/** GET /contacts/{id} → {contact} (docs/highlevel-api.md §6.1); a 404 is "not found", an empty result, not an error. */
export const perform: SearchPerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  return readFinishedContacts(z, bundle, async () => {
    const contact = await getContact(z, bundle, contactId);
    return contact ? [contact] : [];
  });
};

export default defineSearch({
  key: CONTACT_FIND_BY_ID_KEY,
  noun: 'Contact',
  display: {
    label: 'Find Contact by ID',
    description: 'Finds a contact by its ID, with all of its current fields and tags.',
  },
  operation: {
    inputFields: [
      {
        ...CONTACT_DROPDOWN,
        key: 'contactId',
        label: 'Contact',
        required: true,
        helpText: 'Contact to look up. Choose one, or map a contact ID from an earlier step, e.g. `ocQHyuzHvysMo5N5VsXc`.',
      },
    ],
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, contactCustomOutputFields],
  },
});
