import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId } from '../lib/input';
import { noteBody, noteFields, noteIdField } from '../lib/note/fields';
import { noteOutputFields, noteSample } from '../lib/note/schema';
import { updateNote } from '../lib/note/write';

export const NOTE_UPDATE_KEY = 'note_update';

/** PUT /contacts/{contactId}/notes/{noteId} → {note} (docs/highlevel-api.md §6.3): every field optional, only given ones sent. */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const noteId = checkId(z, 'Note', bundle.inputData.noteId);
  return updateNote(z, bundle, contactId, noteId, noteBody(z, bundle.inputData, 'update'));
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
      contactIdField(
        'Contact the note belongs to. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      noteIdField("Note to change. Choose one of the contact's notes, or map a note ID such as `Nt4rW8yB2dF6hJ0kL3mP`."),
      ...noteFields('update'),
    ],
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
