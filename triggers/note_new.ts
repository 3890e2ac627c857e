import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { RECENT_CONTACTS } from '../lib/note/api';
import { noteTriggerFields } from '../lib/note/fields';
import { pollNewNotes } from '../lib/note/poll';
import { noteOutputFields, noteSample } from '../lib/note/schema';

export const NOTE_NEW_KEY = 'note_new';

/**
 * Notes newest first by dateAdded; Zapier dedupes on the note id, and only notes dated after the Zap was turned on
 * are reported (lib/note/poll.ts; docs/highlevel-api.md §8).
 */
export const perform: PollingTriggerPerform = async (z, bundle) => pollNewNotes(z, bundle);

export default defineTrigger({
  key: NOTE_NEW_KEY,
  noun: 'Note',
  display: {
    label: 'New Note',
    description: `Triggers when a note is added to a contact. Choose a contact to watch its notes; without one, each check reads the notes of the ${RECENT_CONTACTS} most recently updated contacts only (there is no list of all notes, and adding a note does not count as updating the contact), so a note on a quiet contact is not seen: use the instant New Note trigger for the whole location.`,
  },
  operation: {
    type: 'polling',
    inputFields: noteTriggerFields(),
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
