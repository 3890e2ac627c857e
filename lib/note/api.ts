import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { searchContacts } from '../contact/api';
import { ghl, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { InvalidInput, checkId, text, validated } from '../input';
import { POLL_BUDGET } from '../poll/state';
import { NoteAnswer, newestNotesFirst, noteFromRest, type NoteOutput } from './schema';

/** Note reads shared by the note triggers, searches, dropdowns and the contact profile (docs/highlevel-api.md §6.3). */

export const NoteList = lazy(() => zod.array(NoteAnswer).nullish());

/**
 * What a written note shows of the body that created it, for finding it again after a lost answer: its text
 * (trimmed). Only the text: list items may carry nothing but id, body, contactId and dateAdded (§6.3, issue #312).
 */
export const noteShown = (note: { body?: unknown }): { body: string } => ({ body: typeof note.body === 'string' ? note.body.trim() : '' });

/** GET /contacts/{id}/notes: every note of the contact (no paging, §4), newest first. */
export const contactNotes = async (z: ZObject, bundle: Bundle, contactId: string, allow404 = false): Promise<NoteOutput[]> => {
  const answer = await ghl(z, bundle, endpoints.noteList, {
    path: { contactId },
    allow404,
    answer: NoteList,
    unreadable: 'with a note list the app cannot read',
  });
  const locationId = outputLocation(bundle);
  return newestNotesFirst((answer ?? []).map((raw) => noteFromRest(raw, locationId, contactId)));
};

/** GET /contacts/{contactId}/notes/{noteId} → {note}; undefined when HighLevel has none (404). */
export const getNote = async (z: ZObject, bundle: Bundle, contactId: string, noteId: string): Promise<NoteOutput | undefined> => {
  const note = await ghl(z, bundle, endpoints.noteGet, { path: { contactId, noteId }, allow404: true, answer: NoteAnswer, unreadable: 'without the note' });
  return note ? noteFromRest(note, outputLocation(bundle), contactId) : undefined;
};

/**
 * Location-wide mode of the note triggers. HighLevel v2 has no location-wide notes list (§6.3, issue #173), and adding a
 * note need not touch its contact (§14.5), so a poll can only read the notes of some contacts: the ones updated most
 * recently within the lookback, one search plus one notes request per contact, in parallel, within POLL_BUDGET.
 * A note on a contact that did not otherwise change recently is not seen; that is what the instant New Note trigger
 * is for.
 */
export const RECENT_CONTACTS = POLL_BUDGET - 1;
export const DEFAULT_LOOKBACK_HOURS = 24;
export const MAX_LOOKBACK_HOURS = 720;

export const lookbackHours = (z: ZObject, value: unknown): number =>
  validated(z, () => {
    const raw = text(value, 'Hours to Look Back');
    if (raw === undefined) return DEFAULT_LOOKBACK_HOURS;
    const hours = Number(raw);
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_LOOKBACK_HOURS) {
      throw new InvalidInput(`Hours to Look Back must be a whole number from 1 to ${MAX_LOOKBACK_HOURS}, got "${raw.slice(0, 20)}".`);
    }
    return hours;
  });

export const recentNotes = async (z: ZObject, bundle: Bundle, hours: number): Promise<NoteOutput[]> => {
  const since = new Date(Date.now() - hours * 3600 * 1000).toISOString();
  const contacts = (
    await searchContacts(z, bundle, {
      sortBy: 'dateUpdated',
      pageLimit: RECENT_CONTACTS,
      filters: [{ field: 'dateUpdated', operator: 'range', value: { gte: since } }],
    })
  ).slice(0, RECENT_CONTACTS);
  // A contact deleted between the search and the notes call answers 404: it simply has no notes to show.
  const lists = await Promise.all(contacts.map((c) => contactNotes(z, bundle, c.id, true)));
  return newestNotesFirst(lists.flat());
};

/** The notes a note trigger looks at: the chosen contact's, or those of the recently updated contacts. */
export const triggerNotes = async (z: ZObject, bundle: Bundle): Promise<NoteOutput[]> => {
  const input = bundle.inputData as Record<string, unknown>;
  const contactId = text(input.contactId, 'Contact');
  if (contactId) return contactNotes(z, bundle, checkId(z, 'Contact', contactId));
  return recentNotes(z, bundle, lookbackHours(z, input.lookbackHours));
};
