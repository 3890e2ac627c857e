import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { REPLACE_TAGS_KEY, contactCustomFieldsBody, contactFields, readContactBody } from '../lib/contact/fields';
import { upsertOutputFields, upsertSample } from '../lib/contact/schema';
import { upsertWithTags } from '../lib/contact/write';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { locationIdOf } from '../lib/http/client';
import { inputError, validated, yesNo } from '../lib/input';

export const CONTACT_UPSERT_KEY = 'contact_upsert';

/** The label of the Replace All Tags input (lib/contact/fields.ts). */
const REPLACE_LABEL = 'Replace All Tags';

/**
 * POST /contacts/upsert (docs/highlevel-api.md §6.1, §11.5): HighLevel matches on email or phone, so at least one of
 * them is needed. Then the tags through POST /contacts/{id}/tags unless Replace All Tags is Yes (lib/contact/write.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const replaceTags = validated(z, () => yesNo(REPLACE_LABEL, bundle.inputData[REPLACE_TAGS_KEY])) === true;
  const { tags, ...fields } = await readContactBody(z, bundle, 'upsert');
  if (!fields.email && !fields.phone) {
    throw inputError(z, 'Fill in Email or Phone (or both): HighLevel uses them to find the contact to update.');
  }
  const given = Array.isArray(tags) ? tags.map(String) : [];
  const locationId = locationIdOf(z, bundle);
  const customFields = await contactCustomFieldsBody(z, bundle);
  return upsertWithTags(z, bundle, locationId, { fields, given, replaceTags, customFields });
};

export default defineCreate({
  key: CONTACT_UPSERT_KEY,
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description:
      "Creates a contact, or updates the one that already has the same email or phone (fill in at least one of them). Matching follows the location's duplicate-contact settings: " +
      "if duplicates are not allowed, the contact found by the location's first-priority field (email or phone) is updated; when email and phone belong to two different contacts, the other field is ignored. " +
      'Tags are added to the ones the contact already has, unless Replace All Tags is Yes.',
  },
  operation: {
    inputFields: [...contactFields('upsert'), contactCustomFieldInputs],
    perform,
    sample: upsertSample,
    outputFields: [...upsertOutputFields, contactCustomOutputFields],
  },
});
