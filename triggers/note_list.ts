import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { checkId, ghl, isEmpty } from '../lib/http';
import { newestNotesFirst, toNoteOutput } from '../lib/schemas/note';

export const NOTE_LIST_KEY = 'note_list';

// Imports nothing from lib/fields: lib/fields/dropdowns.ts imports this file, and lib/fields imports dropdowns.

const preview = (value: string, length = 60): string => {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

/** Notes of the contact already chosen on the action, for the "Note ID" dropdowns; empty until a contact is chosen. */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const contactId: unknown = bundle.inputData.contactId;
  if (isEmpty(contactId)) return [];
  const answer = await ghl(z, bundle, endpoints.noteList, { path: { contactId: checkId(z, 'Contact', contactId) } });
  const notes = newestNotesFirst((zod.array(zod.unknown()).nullish().parse(answer) ?? []).map((raw) => toNoteOutput(raw)));
  return notes.map((note) => ({
    id: note.noteId,
    label: `${preview(note.title || note.body || '(empty note)')}${note.dateAdded ? ` (${note.dateAdded.slice(0, 10)})` : ''}`,
  }));
};

export default defineTrigger({
  key: NOTE_LIST_KEY,
  noun: 'Note',
  display: { label: 'List Notes', description: 'Triggers when a note is added to the chosen contact (lists notes for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'Nt4rW8yB2dF6hJ0kL3mP', label: 'Call with Lena (2026-06-12)' },
    outputFields: [
      { key: 'id', label: 'Note ID' },
      { key: 'label', label: 'Note' },
    ],
  },
});
