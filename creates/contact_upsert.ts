import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactFields } from '../lib/contact/fields';
import { upsertOutputFields, upsertSample } from '../lib/contact/schema';
import { upsertFromInput } from '../lib/contact/write';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';

export const CONTACT_UPSERT_KEY = 'contact_upsert';

/**
 * POST /contacts/upsert (docs/highlevel-api.md §6.1, §11.5), then the tags through POST /contacts/{id}/tags unless
 * Replace All Tags is Yes (lib/contact/write.ts).
 */
export const perform: CreatePerform = (z, bundle) => upsertFromInput(z, bundle);

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
