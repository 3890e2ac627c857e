import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { searchContacts } from '../contact_search';
import { endpoints } from '../endpoints';
import { checkId, ghl } from '../http';
import { InvalidInput, text, yesNo, validated } from '../validate';
import { newestNotesFirst, toNoteOutput, type NoteOutput } from '../schemas/note';
import { NOTE_DROPDOWN, USER_DROPDOWN } from './dropdowns';
import { contactIdField, listOf, outputLocation } from './task';

/** Note input fields and reads, shared by the note triggers, actions and searches. */

export const noteIdField = (helpText: string): PlainInputField => ({ ...NOTE_DROPDOWN, key: 'noteId', label: 'Note', required: true, helpText });

export const noteFields = (variant: 'create' | 'update'): PlainInputField[] => [
  {
    key: 'body',
    label: 'Note Text',
    type: 'text',
    required: variant === 'create',
    helpText: variant === 'create' ? 'What the note says, e.g. `Session notes: wants the Q3 workshop offer.`' : 'New text of the note; replaces the old text. Leave empty to keep it.',
  },
  { key: 'title', label: 'Title', helpText: 'Short heading shown above the note, e.g. `Call with Lena`.' },
  { ...USER_DROPDOWN, key: 'userId', label: 'Author', helpText: 'HighLevel user shown as the note\'s author. Choose one, or map a user ID such as `Yh3pQ5Wmg4rVd8xNt2Ke`.' },
  { key: 'pinned', label: 'Pinned', type: 'boolean', helpText: 'Yes keeps the note at the top of the contact\'s notes.' },
];

export const noteBody = (z: ZObject, input: Record<string, unknown>, variant: 'create' | 'update'): Record<string, unknown> =>
  validated(z, () => {
    const body: Record<string, unknown> = {};
    const noteText = text(input.body);
    if (noteText) body.body = noteText;
    const title = text(input.title);
    if (title) body.title = title;
    const userId = text(input.userId);
    if (userId) body.userId = checkId(z, 'Author', userId);
    const pinned = yesNo('Pinned', input.pinned);
    if (pinned !== undefined) body.pinned = pinned;
    if (variant === 'create' && !body.body) throw new InvalidInput('Note Text is required: HighLevel does not create an empty note.');
    if (variant === 'update' && !Object.keys(body).length) {
      throw new InvalidInput('Fill in at least one of Note Text, Title, Author or Pinned: there is nothing to change.');
    }
    return body;
  });

/** GET /contacts/{id}/notes: every note of the contact (no paging, §4), newest first. */
export const contactNotes = async (z: ZObject, bundle: Bundle, contactId: string, allow404 = false): Promise<NoteOutput[]> => {
  const answer = await ghl(z, bundle, endpoints.noteList, { path: { contactId }, allow404 });
  const locationId = outputLocation(bundle);
  return newestNotesFirst(listOf(z, answer, 'listing the notes of the contact').map((raw) => toNoteOutput(raw, locationId, contactId)));
};

/**
 * Location-wide mode of the note triggers. HighLevel v2 has no location-wide notes list (§6.3), so one poll reads the
 * contacts updated in the last hours (newest first, at most RECENT_CONTACTS) and then their notes in parallel:
 * 1 + 20 requests, about two requests' wall time, well inside the 30 s limit and the 100 requests / 10 s budget.
 */
export const RECENT_CONTACTS = 20;
export const DEFAULT_LOOKBACK_HOURS = 24;
export const MAX_LOOKBACK_HOURS = 720;

export const lookbackHours = (z: ZObject, value: unknown): number =>
  validated(z, () => {
    const raw = text(value);
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

/** Inputs of the note triggers: one contact, or (left empty) the recently updated contacts of the location. */
export const noteTriggerFields = (): PlainInputField[] => [
  contactIdField(
    false,
    `Watch the notes of this contact, e.g. \`ocQHyuzHvysMo5N5VsXc\`. Leave empty to watch the whole location: then only notes on the ${RECENT_CONTACTS} most recently updated contacts (changed within **Hours to Look Back**) are seen.`,
  ),
  {
    key: 'lookbackHours',
    label: 'Hours to Look Back',
    type: 'integer',
    default: String(DEFAULT_LOOKBACK_HOURS),
    helpText: `Only used when no contact is chosen: contacts updated within this many hours (1 to ${MAX_LOOKBACK_HOURS}) are checked for notes, e.g. \`24\`.`,
  },
];

/** The notes a note trigger looks at: the chosen contact's, or those of the recently updated contacts. */
export const triggerNotes = async (z: ZObject, bundle: Bundle): Promise<NoteOutput[]> => {
  const input = bundle.inputData as Record<string, unknown>;
  const contactId = text(input.contactId);
  if (contactId) return contactNotes(z, bundle, checkId(z, 'Contact', contactId));
  return recentNotes(z, bundle, lookbackHours(z, input.lookbackHours));
};
