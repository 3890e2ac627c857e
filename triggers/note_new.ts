import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { RECENT_CONTACTS, triggerNotes } from '../lib/note/api';
import { noteTriggerFields } from '../lib/note/fields';
import { noteOutputFields, noteSample } from '../lib/note/schema';

export const NOTE_NEW_KEY = 'note_new';

/** Notes newest first by dateAdded; Zapier dedupes on the note id (docs/highlevel-api.md §8). */
export const perform: PollingTriggerPerform = async (z, bundle) => triggerNotes(z, bundle);

export default defineTrigger({
  key: NOTE_NEW_KEY,
  noun: 'Note',
  display: {
    label: 'New Note',
    description: `Triggers when a note is added to a contact. Choose a contact to watch its notes; without one, only notes on the ${RECENT_CONTACTS} most recently updated contacts of the location are seen.`,
  },
  operation: {
    type: 'polling',
    inputFields: noteTriggerFields(),
    perform,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
