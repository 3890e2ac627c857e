import { finishContacts } from '../lib/contact/api';
import { userNames } from '../lib/user/names';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactCustomFieldsBody, contactFields, readContactBody } from '../lib/contact/fields';
import { contactShown, contactsAddedSince } from '../lib/contact/api';
import { ContactAnswer, contactFromRest, contactOutputFields, contactSample } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { ghl, locationIdOf } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { replaySafeCreate } from '../lib/http/replay';
import { inputError } from '../lib/input';
import { CONTACT_CREATE_KEY } from '../lib/keys';

export { CONTACT_CREATE_KEY };

/**
 * POST /contacts/ → 201 {contact} (docs/highlevel-api.md §6.1). A duplicate is a 400 that names the existing contact.
 * Replay-safe: a replay after a lost answer finds the contact its own attempt created (same email or phone, or same
 * name, added since the attempt) and returns it instead of meeting it as a duplicate (lib/http/replay.ts); a
 * duplicate of any other contact still halts.
 */
export const perform: CreatePerform = async (z, bundle) => {
  const body = await readContactBody(z, bundle, 'create');
  if (!body.email && !body.phone && !body.firstName && !body.lastName) {
    throw inputError(z, 'Fill in at least one of Email, Phone, First Name or Last Name: HighLevel needs something to identify the contact.');
  }
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(body.assignedTo) });
  const email = typeof body.email === 'string' ? body.email : undefined;
  const number = typeof body.phone === 'string' ? body.phone : undefined;
  const contact = await replaySafeCreate(z, bundle, {
    operation: CONTACT_CREATE_KEY,
    input: bundle.inputData,
    sent: contactShown(body),
    candidates: (since) => contactsAddedSince(z, bundle, since, { email, number }),
    show: (found) => ({ fields: contactShown(found), dateAdded: found.dateAdded }),
    write: async (replay) =>
      contactFromRest(
        await ghl(z, bundle, endpoints.contactCreate, {
          body: { ...body, customFields, locationId },
          answer: ContactAnswer,
          unreadable: 'without the contact it created',
          replay,
        }),
        locationId,
      ),
  });
  const [output] = await finishContacts(z, bundle, [contact], { names });
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
