import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { outcomeOf, withOutcome } from '../http/outcome';
import { replaySafeCreate } from '../http/replay';
import { checkId, inputError, validated, yesNo } from '../input';
import { CONTACT_CREATE_KEY } from '../keys';
import { userNames } from '../user/names';
import { contactShown, contactsAddedSince, finishContacts, readFinishedContacts } from './api';
import { REPLACE_TAGS_KEY, contactCustomFieldsBody, readContactBody } from './fields';
import { ContactAnswer, contactFromRest, type ContactOutput, type UpsertOutput } from './schema';

/**
 * The three contact writes (docs/highlevel-api.md §6.1): Create Contact, Update Contact and Create or Update Contact,
 * each from the step's input, checked before anything is sent (lib/contact/fields.ts), and the plain upsert that
 * Create Appointment uses to make the contact it books.
 */

/** Unwrapped answer of POST /contacts/upsert: {new, contact, traceId} (§6.1). */
const UpsertAnswer = lazy(() => zod.looseObject({ new: zod.boolean().nullish().catch(undefined), contact: ContactAnswer }));

/** POST /contacts/upsert with the body as given → whether HighLevel created the contact, and the contact as it answered. */
export const upsertContact = async (
  z: ZObject,
  bundle: Bundle,
  locationId: string,
  body: Record<string, unknown>,
  unreadable = 'without the contact it created or updated',
): Promise<{ isNew: boolean; contact: ContactOutput }> => {
  const answer = await ghl(z, bundle, endpoints.contactUpsert, { body: { ...body, locationId }, answer: UpsertAnswer, unreadable });
  return { isNew: answer.new ?? false, contact: contactFromRest(answer.contact, locationId) };
};

/**
 * Create Contact: POST /contacts/ → 201 {contact}. A duplicate is a 400 that names the existing contact. Replay-safe: a
 * replay after a lost answer finds the contact its own attempt created (same email or phone, or same name, added since
 * the attempt) and returns it instead of meeting it as a duplicate (lib/http/replay.ts); a duplicate of any other
 * contact still halts.
 */
export const createFromInput = async (z: ZObject, bundle: Bundle): Promise<ContactOutput> => {
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

/**
 * Update Contact: PUT /contacts/{id} → {succeded, contact}. Only the fields the user filled in are sent, so empty fields
 * never blank out data. The update DTO has no tags, gender or companyName (§11.2): they are not offered, which also
 * means tags (replaced wholesale by this endpoint, §11.6) are never wiped.
 */
export const updateFromInput = async (z: ZObject, bundle: Bundle): Promise<ContactOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const body = await readContactBody(z, bundle, 'update');
  // Only the custom fields given are sent: HighLevel leaves the contact's other custom values as they are.
  const customFields = await contactCustomFieldsBody(z, bundle);
  if (customFields.length) body.customFields = customFields;
  if (Object.keys(body).length === 0) {
    throw inputError(z, 'Nothing to update: fill in at least one contact field (for example Email, Phone or First Name). Empty fields are left unchanged.');
  }
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(body.assignedTo) });
  // The answer carries the contact's other custom values too: the list is read beside the update.
  const [output] = await readFinishedContacts(
    z,
    bundle,
    async () => {
      const contact = await ghl(z, bundle, endpoints.contactUpdate, {
        path: { contactId },
        body,
        labels: { contactId: 'Contact' },
        answer: ContactAnswer,
        unreadable: 'without the contact it updated',
      });
      return [contactFromRest(contact, locationIdOf(z, bundle))];
    },
    { names },
  );
  return output;
};

/** The label of the Replace All Tags input (lib/contact/fields.ts). */
const REPLACE_LABEL = 'Replace All Tags';

/**
 * The contact's tags after the add: those the upsert answered with, then those the add answered with, once each
 * (HighLevel keeps tags lower-cased, §14.7). Whether the add answers the contact's whole list or only the added tags
 * is not documented (contacts.json `add-tags` types `tags` as string[] only), so the union is right either way.
 */
export const tagsAfterAdd = (before: readonly string[], added: readonly string[]): string[] => {
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
export const afterUpsert = (z: ZObject, error: unknown, contactId: string, isNew: boolean): unknown => {
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
 * Create or Update Contact: POST /contacts/upsert. HighLevel matches on email or phone following the location's "Allow
 * Duplicate Contact" setting and its email/phone priority, so at least one of them is needed (§11.5).
 *
 * Tags: the upsert's `tags` replaces the contact's whole list (`UpsertContactDto.tags`, §11.6), so by default they are
 * left out of it and added afterwards with POST /contacts/{id}/tags, which keeps the contact's other tags (issue 10).
 * "Replace All Tags" sends them in the upsert (one request). No tags given: none are sent, in either mode.
 */
export const upsertFromInput = async (z: ZObject, bundle: Bundle): Promise<UpsertOutput> => {
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
      const upserted = await upsertContact(z, bundle, locationId, { ...fields, ...(replaceTags && given.length ? { tags: given } : {}), customFields });
      isNew = upserted.isNew;
      if (!given.length || replaceTags) return [upserted.contact];
      const added = await ghl(z, bundle, endpoints.contactTagsAdd, {
        path: { contactId: upserted.contact.id },
        body: { tags: given },
        answer: zod.array(zod.string()),
        unreadable: "without the contact's tags",
      }).catch((error: unknown) => {
        throw afterUpsert(z, error, upserted.contact.id, isNew);
      });
      return [{ ...upserted.contact, tags: tagsAfterAdd(upserted.contact.tags, added) }];
    },
    { names },
  );
  return { ...contact, isNew };
};
