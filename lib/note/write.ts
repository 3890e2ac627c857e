import type { Bundle, ZObject } from 'zapier-platform-core';
import { ghl, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { replaySafeCreate } from '../http/replay';
import { NOTE_CREATE_KEY } from '../keys';
import { contactNotes, noteShown } from './api';
import { NoteAnswer, noteFromRest, type NoteOutput } from './schema';

/** The note writes (docs/highlevel-api.md §6.3): no locationId in the bodies (§11.2). */

/**
 * POST /contacts/{contactId}/notes → 201 {note}. Replay-safe: a replay after a lost answer finds the note among the
 * contact's notes (lib/http/replay.ts).
 */
export const createNote = (z: ZObject, bundle: Bundle, contactId: string, body: Record<string, unknown>): Promise<NoteOutput> =>
  replaySafeCreate(z, bundle, {
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

/** PUT /contacts/{contactId}/notes/{noteId} → {note}: every field optional, only the given ones sent. */
export const updateNote = async (z: ZObject, bundle: Bundle, contactId: string, noteId: string, body: Record<string, unknown>): Promise<NoteOutput> => {
  const note = await ghl(z, bundle, endpoints.noteUpdate, { path: { contactId, noteId }, body, answer: NoteAnswer, unreadable: 'without the note it updated' });
  return noteFromRest(note, outputLocation(bundle), contactId);
};
