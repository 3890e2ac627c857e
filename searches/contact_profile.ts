import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId } from '../lib/input';
import { contactProfile } from '../lib/profile/api';
import { profileOutputFields, profileSample } from '../lib/profile/schema';

export const CONTACT_PROFILE_KEY = 'contact_profile';

/** The contact, its tasks, notes, appointments and opportunities, read in parallel (lib/profile/api.ts); a missing contact is "nothing found". */
export const perform: SearchPerform = async (z, bundle) => {
  const profile = await contactProfile(z, bundle, checkId(z, 'Contact', bundle.inputData.contactId));
  return profile ? [profile] : [];
};

export default defineSearch({
  key: CONTACT_PROFILE_KEY,
  noun: 'Contact Profile',
  display: {
    label: 'Find Contact Profile',
    description:
      "Finds a contact's whole profile: contact details plus its tasks, notes, appointments and opportunities, with counts, the latest note, open tasks, the next appointment and the value of open deals.",
  },
  operation: {
    inputFields: [
      contactIdField('Contact whose profile to fetch, e.g. `ocQHyuzHvysMo5N5VsXc`. Map it from an earlier step such as "Find Contact" or "New Contact".', {
        connector: false,
      }),
    ],
    perform,
    sample: profileSample,
    outputFields: profileOutputFields,
  },
});
