import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { triggerNotes } from '../lib/note/api';
import { noteHookFields, noteWatch, watchesNote } from '../lib/note/fields';
import { noteFromDelivery } from '../lib/note/hooks';
import { noteOutputFields, noteSample } from '../lib/note/schema';

export const NOTE_NEW_INSTANT_KEY = 'note_new_instant';
const EVENT = 'note.created';

/** A relayed NoteCreate (docs/highlevel-api.md §9.2), read in full: note events never carry title or author (issue #312). */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const note = await noteFromDelivery(z, bundle, delivery.payload);
  return watchesNote(z, bundle.inputData, note) ? [note] : [];
};

/** "Test trigger": New Note's read (the chosen contact's notes, or those of the recently updated contacts). */
export const performList: WebhookTriggerPerformList = (z, bundle) => triggerNotes(z, bundle);

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'New Note', undefined, (z, bundle) => noteWatch(z, bundle.inputData));

export default defineTrigger({
  key: NOTE_NEW_INSTANT_KEY,
  noun: 'Note',
  display: {
    label: 'New Note (Instant)',
    description:
      "Triggers when a note is added to any contact of the location, or to the chosen contact. Runs through the integration owner's webhook relay; without one, use New Note.",
  },
  operation: {
    type: 'hook',
    inputFields: noteHookFields(),
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
