import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { noteBody, noteFields, noteIdField } from '../lib/fields/note';
import { contactIdField, outputLocation } from '../lib/fields/task';
import { checkId, ghl } from '../lib/http';
import { noteOutputFields, noteSample, toNoteOutput } from '../lib/schemas/note';

export const NOTE_UPDATE_KEY = 'note_update';

/** PUT /contacts/{contactId}/notes/{noteId} → {note} (REFERENCE.md §6.3): every field optional, only given ones sent. */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const noteId = checkId(z, 'Note', bundle.inputData.noteId);
  const body = noteBody(z, bundle.inputData, 'update');
  const note = await ghl(z, bundle, endpoints.noteUpdate, { path: { contactId, noteId }, body });
  return toNoteOutput(note, outputLocation(bundle), contactId);
};

export default defineCreate({
  key: NOTE_UPDATE_KEY,
  noun: 'Note',
  display: {
    label: 'Update Note',
    description: 'Updates an existing note on a contact. Only the fields you fill in are changed.',
  },
  operation: {
    inputFields: [
      contactIdField(true, 'Contact the note belongs to. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.', true),
      noteIdField('Note to change. Choose one of the contact\'s notes, or map a note ID such as `Nt4rW8yB2dF6hJ0kL3mP`.'),
      ...noteFields('update'),
    ],
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
