import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { RECENT_CONTACTS, triggerNotes } from '../lib/note/api';
import { noteTriggerFields } from '../lib/note/fields';
import { noteHash, noteOutputFields, noteSample } from '../lib/note/schema';

export const NOTE_UPDATED_KEY = 'note_updated';

/**
 * Notes have no "updated" date (docs/highlevel-api.md §7), so a change is detected from the content: the item id is
 * `${noteId}:${hash of text, title, pinned, author}`, new after every edit; the real id stays in `noteId`.
 */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await triggerNotes(z, bundle)).map((note) => ({ ...note, id: `${note.noteId}:${noteHash(note)}` }));

export default defineTrigger({
  key: NOTE_UPDATED_KEY,
  noun: 'Note',
  display: {
    label: 'Note Updated',
    description: `Triggers when a note's text, title, author or pinned state changes. Notes carry no "last changed" date, so Zapier compares what it sees with earlier checks: new notes trigger too. Without a chosen contact, only the notes of the ${RECENT_CONTACTS} most recently updated contacts are read each check; for the whole location use the instant trigger.`,
  },
  operation: {
    type: 'polling',
    inputFields: noteTriggerFields(),
    perform,
    sample: { ...noteSample, id: `${noteSample.noteId}:9b41c07e3d2a` },
    outputFields: noteOutputFields,
  },
});
