import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId } from '../lib/input';
import { NOTE_CREATE_KEY } from '../lib/keys';
import { noteBody, noteFields } from '../lib/note/fields';
import { noteOutputFields, noteSample } from '../lib/note/schema';
import { createNote } from '../lib/note/write';

export { NOTE_CREATE_KEY };

/**
 * POST /contacts/{contactId}/notes → 201 {note} (docs/highlevel-api.md §6.3); no locationId in the body (§11.2).
 * Replay-safe: a replay after a lost answer finds the note among the contact's notes (lib/note/write.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  return createNote(z, bundle, contactId, noteBody(z, bundle.inputData, 'create'));
};

export default defineCreate({
  key: NOTE_CREATE_KEY,
  noun: 'Note',
  display: {
    label: 'Create Note',
    description: 'Creates a new note on a contact, such as session notes or a call summary.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact the note is about. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      ...noteFields('create'),
    ],
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
