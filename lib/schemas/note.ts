import { z } from 'zod';
import { fingerprint } from './fingerprint';
import { lenient } from './lenient';
import { contactUrl, isoDate } from './contact';

/**
 * The HighLevel contact note (REFERENCE.md §6.3, §7): `dateAdded` but no `dateUpdated`, and only per contact (there is
 * no location-wide notes list in v2).
 */
export const Note = z.looseObject({
  id: z.string(),
  body: lenient(z.string()),
  title: lenient(z.string()),
  userId: lenient(z.string()),
  contactId: lenient(z.string()),
  color: lenient(z.string()),
  pinned: lenient(z.boolean()),
  dateAdded: lenient(z.string()),
});
export type Note = z.infer<typeof Note>;

export interface NoteOutput {
  id: string;
  noteId: string;
  body: string;
  title: string;
  userId: string;
  contactId: string;
  pinned: boolean;
  color: string;
  dateAdded: string;
  contactUrl: string;
  [extra: string]: unknown;
}

/** `contactId` fills in for answers that leave it out (the note is always read through its contact's path). */
export const toNoteOutput = (raw: unknown, locationId = '', contactIdOfPath = ''): NoteOutput => {
  const n = Note.parse(raw);
  const contactId = n.contactId || contactIdOfPath;
  return {
    ...n,
    id: n.id,
    noteId: n.id,
    body: n.body ?? '',
    title: n.title ?? '',
    userId: n.userId ?? '',
    contactId,
    pinned: n.pinned ?? false,
    color: n.color ?? '',
    dateAdded: isoDate(n.dateAdded),
    contactUrl: locationId && contactId ? contactUrl(locationId, contactId) : '',
  };
};

/** Newest first by dateAdded; notes without a date keep their order after dated ones. */
export const newestNotesFirst = <T extends { dateAdded: string }>(notes: T[]): T[] =>
  notes
    .map((note, index) => ({ note, index }))
    .sort((a, b) => (b.note.dateAdded || '').localeCompare(a.note.dateAdded || '') || a.index - b.index)
    .map(({ note }) => note);

/** Fingerprint of what a user can change on a note (notes have no "updated" date, see "Note Updated"). */
export const noteHash = (note: Pick<NoteOutput, 'body' | 'title' | 'pinned' | 'userId'>): string =>
  fingerprint([note.body, note.title, note.pinned, note.userId]);

export const noteSample: NoteOutput = {
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
};

export const noteOutputFields = [
  { key: 'id', label: 'ID' },
  { key: 'noteId', label: 'Note ID' },
  { key: 'body', label: 'Note Text' },
  { key: 'title', label: 'Title' },
  { key: 'userId', label: 'Author User ID' },
  { key: 'contactId', label: 'Contact ID' },
  { key: 'pinned', label: 'Pinned', type: 'boolean' as const },
  { key: 'color', label: 'Color (hex)' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' as const },
  { key: 'contactUrl', label: 'Contact URL' },
];
