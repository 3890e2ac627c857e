import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { changedSinceSeen } from '../lib/hooks/memory';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { triggerNotes } from '../lib/note/api';
import { noteHookFields, noteWatch, watchesNote } from '../lib/note/fields';
import { noteFromDelivery } from '../lib/note/hooks';
import { noteHash, noteOutputFields, noteSample, type NoteOutput } from '../lib/note/schema';

export const NOTE_UPDATED_INSTANT_KEY = 'note_updated_instant';
const EVENT = 'note.updated';

/** Note Updated's item: the id `${noteId}:${fingerprint}`, the real id in noteId. */
const changeItem = (note: NoteOutput): NoteOutput => ({ ...note, id: `${note.noteId}:${noteHash(note)}` });

/**
 * A relayed NoteUpdate (docs/highlevel-api.md §9.2), read in full. HighLevel sends one for every save: the note is
 * reported only when its text, title, pinned state or author differ from what this Zap saw last.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const note = await noteFromDelivery(z, bundle, delivery.payload);
  if (!watchesNote(z, bundle.inputData, note)) return [];
  return (await changedSinceSeen(z, bundle, NOTE_UPDATED_INSTANT_KEY, note.noteId, noteHash(note))) ? [changeItem(note)] : [];
};

/** "Test trigger": Note Updated's read. */
export const performList: WebhookTriggerPerformList = async (z, bundle) => (await triggerNotes(z, bundle)).map(changeItem);

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'Note Updated', undefined, (z, bundle) => noteWatch(z, bundle.inputData));

export default defineTrigger({
  key: NOTE_UPDATED_INSTANT_KEY,
  noun: 'Note',
  display: {
    label: 'Note Updated (Instant)',
    description:
      "Triggers when a note's text, title, author or pinned state changes, on any contact or the chosen one. A save that changes nothing does not trigger. Runs through the integration owner's webhook relay; without one, use Note Updated.",
  },
  operation: {
    type: 'hook',
    inputFields: noteHookFields(),
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: { ...noteSample, id: `${noteSample.noteId}:9b41c07e3d2a` },
    outputFields: noteOutputFields,
  },
});
