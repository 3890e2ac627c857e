import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { contactUrl } from '../contact/schema';
import { isoDate } from '../schema/values';
import { fingerprint } from '../schema/fingerprint';
import { asRecord, defineObject, field, type OutputOf } from '../schema/define';

/**
 * The HighLevel contact note (docs/highlevel-api.md §6.3, §7): `dateAdded` but no `dateUpdated`, and only per
 * contact (there is no location-wide notes list in v2). Webhook bodies (NoteCreate, NoteUpdate, NoteDelete, §9.2)
 * carry only `id`, `body`, `contactId`, `dateAdded` (issue #312).
 */
export const noteDef = defineObject({
  id: field.id('ID'),
  noteId: field.id('Note ID'),
  body: field.text('Note Text'),
  title: field.text('Title'),
  userId: field.text('Author User ID'),
  contactId: field.text('Contact ID'),
  pinned: field.flag('Pinned'),
  color: field.text('Color (hex)'),
  dateAdded: field.datetime('Date Added'),
  contactUrl: field.text('Contact URL'),
});

export type NoteOutput = OutputOf<typeof noteDef.fields>;

/** What an answer must carry to be read as a note: its id. */
export const NoteAnswer = lazy(() => zod.looseObject({ id: zod.string() }));
export type NoteAnswer = z.infer<typeof NoteAnswer>;

const fromRecord = (raw: Record<string, unknown>, locationId: string, contactIdOfPath: string): NoteOutput => {
  const n = noteDef.read(raw);
  const contactId = n.contactId || contactIdOfPath;
  return {
    ...raw,
    ...n,
    noteId: n.id,
    contactId,
    dateAdded: isoDate(raw.dateAdded),
    contactUrl: locationId && contactId ? contactUrl(locationId, contactId) : '',
  };
};

/** `contactIdOfPath` fills in for answers that leave it out (the note is always read through its contact's path). */
export const noteFromRest = (raw: unknown, locationId = '', contactIdOfPath = ''): NoteOutput => fromRecord(asRecord(raw), locationId, contactIdOfPath);

/** A NoteCreate / NoteUpdate / NoteDelete body. */
export const noteFromWebhook = (payload: unknown): NoteOutput => {
  const { type: _type, webhookId: _w, timestamp: _t, ...raw } = asRecord(payload);
  const locationId = typeof raw.locationId === 'string' ? raw.locationId : '';
  return fromRecord({ ...raw, id: typeof raw.id === 'string' ? raw.id : '' }, locationId, '');
};

/** Newest first by dateAdded; notes without a date keep their order after dated ones. */
export const newestNotesFirst = <T extends { dateAdded: string | null }>(notes: T[]): T[] =>
  notes
    .map((note, index) => ({ note, index }))
    .sort((a, b) => (b.note.dateAdded || '').localeCompare(a.note.dateAdded || '') || a.index - b.index)
    .map(({ note }) => note);

/** Fingerprint of what a user can change on a note (notes have no "updated" date, see "Note Updated"). */
export const noteHash = (note: Pick<NoteOutput, 'body' | 'title' | 'pinned' | 'userId'>): string =>
  fingerprint([note.body, note.title, note.pinned, note.userId]);

export const noteSample = {
  id: 'Nt4rW8yB2dF6hJ0kL3mP',
  noteId: 'Nt4rW8yB2dF6hJ0kL3mP',
  body: 'Session notes: wants the Q3 workshop offer; prefers evening classes.',
  title: 'Call with Lena',
  userId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  pinned: false,
  color: '',
  dateAdded: '2026-06-12T08:41:02.193Z',
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies NoteOutput;

export const noteOutputFields = noteDef.outputFields;

const preview = (value: string, length = 60): string => {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

/** "Call with Lena (2026-06-12)": what a user recognises in the note dropdown. */
export const noteLabel = (note: NoteOutput): string =>
  `${preview(note.title || note.body || '(empty note)')}${note.dateAdded ? ` (${note.dateAdded.slice(0, 10)})` : ''}`;
