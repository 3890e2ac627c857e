import type { Bundle, ZObject } from 'zapier-platform-core';
import { ghl, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { NoteAnswer, noteFromRest, noteFromWebhook, type NoteOutput } from './schema';

/**
 * The note of a relayed NoteCreate / NoteUpdate event (docs/highlevel-api.md §9.2), as the polling note triggers
 * output it. HighLevel builds note events from a fixed allow-list (id, body, contactId, dateAdded; issue #312), so
 * title, author, pinned and color are never in them: the note is read in full (GET /contacts/{contactId}/notes/{id},
 * one request). When HighLevel no longer has it, the body is all there is.
 */
export const noteFromDelivery = async (z: ZObject, bundle: Bundle, payload: Record<string, unknown>): Promise<NoteOutput> => {
  const sent = noteFromWebhook(payload);
  if (!sent.id || !sent.contactId) return sent;
  const note = await ghl(z, bundle, endpoints.noteGet, {
    path: { contactId: sent.contactId, noteId: sent.id },
    labels: { contactId: 'Contact', noteId: 'Note' },
    allow404: true,
    answer: NoteAnswer,
    unreadable: 'without the note',
  });
  return note ? noteFromRest(note, outputLocation(bundle), sent.contactId) : sent;
};
