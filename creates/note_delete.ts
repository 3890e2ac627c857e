import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { deleteRecord } from '../lib/http/delete';
import { endpoints } from '../lib/http/endpoints';
import { checkId } from '../lib/input';
import { noteIdField } from '../lib/note/fields';

export const NOTE_DELETE_KEY = 'note_delete';

export interface NoteDeleteOutput {
  id: string;
  noteId: string;
  contactId: string;
  deleted: boolean;
}

/** DELETE /contacts/{contactId}/notes/{noteId} → {succeded: true} (sic, docs/highlevel-api.md §6.3, §11.11). */
export const perform: CreatePerform = async (z, bundle): Promise<NoteDeleteOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const noteId = checkId(z, 'Note', bundle.inputData.noteId);
  await deleteRecord(z, bundle, endpoints.noteDelete, { noun: 'note', id: noteId }, { path: { contactId, noteId } });
  return { id: noteId, noteId, contactId, deleted: true };
};

export default defineCreate({
  key: NOTE_DELETE_KEY,
  noun: 'Note',
  display: {
    label: 'Delete Note',
    description: 'Deletes a note from a contact. This cannot be undone.',
  },
  operation: {
    inputFields: [
      {
        key: 'warning',
        type: 'copy',
        helpText: '**This action deletes the note permanently.** It cannot be undone, and HighLevel keeps no copy to restore.',
      },
      contactIdField(
        'Contact the note belongs to. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      noteIdField("Note to delete. Choose one of the contact's notes, or map a note ID such as `Nt4rW8yB2dF6hJ0kL3mP`."),
    ],
    perform,
    sample: { id: 'Nt4rW8yB2dF6hJ0kL3mP', noteId: 'Nt4rW8yB2dF6hJ0kL3mP', contactId: 'ocQHyuzHvysMo5N5VsXc', deleted: true },
    outputFields: [
      { key: 'id', label: 'ID' },
      { key: 'noteId', label: 'Deleted Note ID' },
      { key: 'contactId', label: 'Contact ID' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' as const },
    ],
  },
});
