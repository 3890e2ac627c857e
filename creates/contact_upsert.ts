import { readFinishedContacts } from '../lib/contact/api';
import { userNames } from '../lib/user/names';
import { defineCreate, type CreatePerform, type ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../lib/schema/zod';
import { REPLACE_TAGS_KEY, contactCustomFieldsBody, contactFields, readContactBody } from '../lib/contact/fields';
import { ContactAnswer, contactFromRest, upsertOutputFields, upsertSample, type UpsertOutput } from '../lib/contact/schema';
import { contactCustomOutputFields } from '../lib/custom_field/api';
import { contactCustomFieldInputs } from '../lib/custom_field/fields';
import { ghl, locationIdOf } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { outcomeOf, withOutcome } from '../lib/http/outcome';
import { inputError, validated, yesNo } from '../lib/input';

export const CONTACT_UPSERT_KEY = 'contact_upsert';

/** Unwrapped answer of POST /contacts/upsert: {new, contact, traceId} (docs/highlevel-api.md §6.1). */
const UpsertAnswer = lazy(() => zod.looseObject({ new: zod.boolean().nullish().catch(undefined), contact: ContactAnswer }));

/** The label of the Replace All Tags input (lib/contact/fields.ts). */
const REPLACE_LABEL = 'Replace All Tags';

/**
 * The contact's tags after the add: those the upsert answered with, then those the add answered with, once each
 * (HighLevel keeps tags lower-cased, §14.7). Whether the add answers the contact's whole list or only the added tags
 * is not documented (contacts.json `add-tags` types `tags` as string[] only), so the union is right either way.
 */
const tagsAfterAdd = (before: readonly string[], added: readonly string[]): string[] => {
  const seen = new Set<string>();
  return [...before, ...added].filter((tag) => {
    const key = tag.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * A failure of the tag request after the upsert: the contact was written, its tags not (or not known to be). The
 * message says so first; a replay upserts the same fields and adds the same tags again, which changes nothing more.
 */
const afterUpsert = (z: ZObject, error: unknown, contactId: string, isNew: boolean): unknown => {
  if (!(error instanceof Error) || error.name !== 'AppError') return error;
  let parsed: { message?: unknown; code?: unknown; status?: unknown };
  try {
    parsed = JSON.parse(error.message) as typeof parsed;
  } catch {
    return error;
  }
  const message = `HighLevel ${isNew ? 'created' : 'updated'} the contact (${contactId}), but its tags were not added: ${String(parsed.message)}`;
  const code = typeof parsed.code === 'string' ? parsed.code : undefined;
  const status = typeof parsed.status === 'number' ? parsed.status : undefined;
  return withOutcome(new z.errors.Error(message, code, status), outcomeOf(error) ?? 'unsent');
};

/**
 * POST /contacts/upsert. HighLevel matches on email or phone following the location's "Allow Duplicate Contact"
 * setting and its email/phone priority, so at least one of them is needed (§11.5).
 *
 * Tags: the upsert's `tags` replaces the contact's whole list (`UpsertContactDto.tags`, §11.6), so by default they are
 * left out of it and added afterwards with POST /contacts/{id}/tags, which keeps the contact's other tags (issue 10).
 * "Replace All Tags" sends them in the upsert (one request). No tags given: none are sent, in either mode.
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
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(fields.assignedTo) });
  let isNew = false;
  // A matched contact's answer carries its other custom values: the list is read beside the upsert.
  const [contact] = await readFinishedContacts(
    z,
    bundle,
    async () => {
      const answer = await ghl(z, bundle, endpoints.contactUpsert, {
        body: { ...fields, ...(replaceTags && given.length ? { tags: given } : {}), customFields, locationId },
        answer: UpsertAnswer,
        unreadable: 'without the contact it created or updated',
      });
      isNew = answer.new ?? false;
      const upserted = contactFromRest(answer.contact, locationId);
      if (!given.length || replaceTags) return [upserted];
      const added = await ghl(z, bundle, endpoints.contactTagsAdd, {
        path: { contactId: upserted.id },
        body: { tags: given },
        answer: zod.array(zod.string()),
        unreadable: "without the contact's tags",
      }).catch((error: unknown) => {
        throw afterUpsert(z, error, upserted.id, isNew);
      });
      return [{ ...upserted, tags: tagsAfterAdd(upserted.tags, added) }];
    },
    { names },
  );
  const output: UpsertOutput = { ...contact, isNew };
  return output;
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
