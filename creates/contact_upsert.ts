import { finishContacts } from '../lib/contact/api';
import { userNames } from '../lib/user/names';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { contactCustomFieldsBody, contactFields, readContactBody } from '../lib/contact/fields';
import { ContactAnswer, contactFromRest, upsertOutputFields, upsertSample, type UpsertOutput } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { ghl, locationIdOf } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { inputError } from '../lib/input';

export const CONTACT_UPSERT_KEY = 'contact_upsert';

/** Unwrapped answer of POST /contacts/upsert: {new, contact, traceId} (docs/highlevel-api.md §6.1). */
const UpsertAnswer = zod.looseObject({ new: zod.boolean().nullish().catch(undefined), contact: ContactAnswer });

/**
 * POST /contacts/upsert. HighLevel matches on email or phone following the location's "Allow Duplicate Contact"
 * setting and its email/phone priority, so at least one of them is needed (§11.5).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const body = await readContactBody(z, bundle, 'upsert');
  if (!body.email && !body.phone) {
    throw inputError(z, 'Fill in Email or Phone (or both): HighLevel uses them to find the contact to update.');
  }
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(body.assignedTo) });
  const answer = await ghl(z, bundle, endpoints.contactUpsert, {
    body: { ...body, customFields, locationId },
    answer: UpsertAnswer,
    unreadable: 'without the contact it created or updated',
  });
  const [contact] = await finishContacts(z, bundle, [contactFromRest(answer.contact, locationId)], { names });
  const output: UpsertOutput = { ...contact, isNew: answer.new ?? false };
  return output;
};

export default defineCreate({
  key: CONTACT_UPSERT_KEY,
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description:
      "Creates a contact, or updates the one that already has the same email or phone (fill in at least one of them). Matching follows the location's duplicate-contact settings: " +
      "if duplicates are not allowed, the contact found by the location's first-priority field (email or phone) is updated; when email and phone belong to two different contacts, the other field is ignored.",
  },
  operation: {
    inputFields: [...contactFields('upsert'), contactCustomFieldInputs],
    perform,
    sample: upsertSample,
    outputFields: [...upsertOutputFields, contactCustomOutputFields],
  },
});
