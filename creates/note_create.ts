import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { ghl, outputLocation } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { replaySafeCreate } from '../lib/http/replay';
import { checkId } from '../lib/input';
import { contactNotes, noteShown } from '../lib/note/api';
import { noteBody, noteFields } from '../lib/note/fields';
import { NoteAnswer, noteFromRest, noteOutputFields, noteSample } from '../lib/note/schema';

export const NOTE_CREATE_KEY = 'note_create';

/**
 * POST /contacts/{contactId}/notes → 201 {note} (docs/highlevel-api.md §6.3); no locationId in the body (§11.2).
 * Replay-safe: a replay after a lost answer finds the note among the contact's notes (lib/http/replay.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const body = noteBody(z, bundle.inputData, 'create');
  return replaySafeCreate(z, bundle, {
    operation: NOTE_CREATE_KEY,
    input: bundle.inputData,
    sent: noteShown(body),
    candidates: () => contactNotes(z, bundle, contactId, true),
    show: (note) => ({ fields: noteShown(note), dateAdded: note.dateAdded }),
    write: async (replay) =>
      noteFromRest(
        await ghl(z, bundle, endpoints.noteCreate, { path: { contactId }, body, answer: NoteAnswer, unreadable: 'without the note it created', replay }),
        outputLocation(bundle),
        contactId,
      ),
  });
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
