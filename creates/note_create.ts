import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { noteBody, noteFields } from '../lib/fields/note';
import { contactIdField, outputLocation } from '../lib/fields/task';
import { checkId, ghl } from '../lib/http';
import { noteOutputFields, noteSample, toNoteOutput } from '../lib/schemas/note';

export const NOTE_CREATE_KEY = 'note_create';

/** POST /contacts/{contactId}/notes → 201 {note} (REFERENCE.md §6.3); no locationId in the body (§11.2). */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const body = noteBody(z, bundle.inputData, 'create');
  const note = await ghl(z, bundle, endpoints.noteCreate, { path: { contactId }, body });
  return toNoteOutput(note, outputLocation(bundle), contactId);
};

export default defineCreate({
  key: NOTE_CREATE_KEY,
  noun: 'Note',
  display: {
    label: 'Create Note',
    description: 'Creates a new note on a contact, such as session notes or a call summary.',
  },
  operation: {
    inputFields: [contactIdField(true, 'Contact the note is about. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.', true), ...noteFields('create')],
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
