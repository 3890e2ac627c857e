import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { contactCustomFieldInputs, contactCustomOutputFields, withCustomValues } from '../lib/custom_fields';
import { contactBody, contactCustomFieldsBody, contactFields } from '../lib/fields/contact';
import { ghl, inputError, locationIdOf } from '../lib/http';
import { contactOutputFields, contactSample, toContactOutput, type ContactOutput } from '../lib/schemas/contact';

export const CONTACT_UPSERT_KEY = 'contact_upsert';

/** Unwrapped answer of POST /contacts/upsert: {new, contact, traceId} (REFERENCE.md §6.1). */
const UpsertAnswer = zod.looseObject({ new: zod.boolean().nullish(), contact: zod.unknown() });

export interface UpsertOutput extends ContactOutput {
  isNew: boolean;
}

/**
 * POST /contacts/upsert. HighLevel matches on email or phone following the location's "Allow Duplicate Contact"
 * setting and its email/phone priority, so at least one of them is needed (§11.5).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const body = contactBody(z, bundle.inputData, 'upsert');
  if (!body.email && !body.phone) {
    throw inputError(z, 'Fill in Email or Phone (or both): HighLevel uses them to find the contact to update.');
  }
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  const answer = UpsertAnswer.safeParse(await ghl(z, bundle, endpoints.contactUpsert, { body: { ...body, customFields, locationId } }));
  if (!answer.success || !answer.data.contact) {
    throw new z.errors.Error('HighLevel answered without the contact it created or updated. Check the contact in HighLevel before running the step again.', 'bad_response');
  }
  const [contact] = await withCustomValues(z, bundle, [toContactOutput(answer.data.contact, locationId)]);
  const output: UpsertOutput = { ...contact, isNew: answer.data.new ?? false };
  return output;
};

export const upsertSample: UpsertOutput = { ...contactSample, isNew: false };

export default defineCreate({
  key: CONTACT_UPSERT_KEY,
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description:
      'Creates a contact, or updates the one that already has the same email or phone (fill in at least one of them). Matching follows the location\'s duplicate-contact settings: ' +
      'if duplicates are not allowed, the contact found by the location\'s first-priority field (email or phone) is updated; when email and phone belong to two different contacts, the other field is ignored.',
  },
  operation: {
    inputFields: [...contactFields('upsert'), contactCustomFieldInputs],
    perform,
    sample: upsertSample,
    outputFields: [...contactOutputFields, { key: 'isNew', label: 'Was Created (Not Updated)', type: 'boolean' as const }, contactCustomOutputFields],
  },
});
