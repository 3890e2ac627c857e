import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { outcomeOf, withOutcome } from '../http/outcome';
import { replaySafeCreate } from '../http/replay';
import { CONTACT_CREATE_KEY } from '../keys';
import { userNames } from '../user/names';
import { contactShown, contactsAddedSince, finishContacts, readFinishedContacts } from './api';
import { ContactAnswer, contactFromRest, type ContactOutput, type UpsertOutput } from './schema';

/**
 * The three contact writes (docs/highlevel-api.md §6.1): Create Contact, Update Contact and Create or Update Contact,
 * each from inputs the operation has read and checked before anything is sent (lib/contact/fields.ts), and the plain
 * upsert that Create Appointment uses to make the contact it books.
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
 * Create Contact: POST /contacts/ → 201 {contact}, with the body and custom fields read by the operation. A duplicate
 * is a 400 that names the existing contact. Replay-safe: a replay after a lost answer finds the contact its own attempt
 * created (same email or phone, or same name, added since the attempt) and returns it instead of meeting it as a
 * duplicate (lib/http/replay.ts); a duplicate of any other contact still halts.
 */
export const createContact = async (
  z: ZObject,
  bundle: Bundle,
  locationId: string,
  body: Record<string, unknown>,
  customFields: readonly unknown[],
): Promise<ContactOutput> => {
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
 * Update Contact: PUT /contacts/{id} → {succeded, contact}, with only the fields the user filled in (read by the
 * operation), so empty fields never blank out data. The answer carries the contact's other custom values too: the
 * list is read beside the update.
 */
export const updateContact = async (z: ZObject, bundle: Bundle, contactId: string, body: Record<string, unknown>): Promise<ContactOutput> => {
  // The assigned user's name is read beside the write when the input names one (lib/user/names.ts).
  const names = userNames(z, bundle, { start: Boolean(body.assignedTo) });
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

/** What Create or Update Contact sends, read and checked by the operation. */
export interface ContactUpsert {
  /** The contact's fields without its tags. */
  fields: Record<string, unknown>;
  /** The tags given (none: no tag is sent, in either mode). */
  given: string[];
  replaceTags: boolean;
  customFields: readonly unknown[];
}

/**
 * Create or Update Contact: POST /contacts/upsert. HighLevel matches on email or phone following the location's "Allow
 * Duplicate Contact" setting and its email/phone priority (§11.5).
 *
 * Tags: the upsert's `tags` replaces the contact's whole list (`UpsertContactDto.tags`, §11.6), so by default they are
 * left out of it and added afterwards with POST /contacts/{id}/tags, which keeps the contact's other tags (issue 10).
 * "Replace All Tags" sends them in the upsert (one request).
 */
export const upsertWithTags = async (
  z: ZObject,
  bundle: Bundle,
  locationId: string,
  { fields, given, replaceTags, customFields }: ContactUpsert,
): Promise<UpsertOutput> => {
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
