import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { CLOCK_SKEW_MS, lastEntries, startPoll } from '../poll/state';
import { triggerNotes } from './api';
import type { NoteOutput } from './schema';

/**
 * New Note's memory (docs/highlevel-api.md §8). Zapier's dedupe alone reports every note id it has not seen, and in
 * location-wide mode a check reads only the notes of the recently updated contacts (§14.5): a contact edited after the
 * Zap was turned on brings its old notes into view, and they would fire as new. So the first check records when the
 * Zap started watching (its mark), and every later check reports only notes HighLevel dated after it (less
 * CLOCK_SKEW_MS, since HighLevel's clock and Zapier's may differ). The notes of that first check that the date cannot
 * tell apart (dated within the skew before the mark, or not dated at all) are remembered by id; Zapier's dedupe does
 * the rest. A Zap whose memory is gone records a new mark and reports nothing that check, as the other triggers do.
 */
const NoteMark = lazy(() => zod.object({ mark: zod.string(), seen: zod.array(zod.string()) }));
type NoteMark = { mark: string; seen: string[] };

/** Ids remembered from the first check: enough for nine contacts' notes many times over. */
export const MAX_SEEN_NOTES = 1000;

const dateOf = (note: NoteOutput): number => (note.dateAdded ? Date.parse(note.dateAdded) : NaN);

/** Notes the mark alone cannot decide: undated, or dated within the skew before the mark. */
const undecided = (notes: NoteOutput[], floor: number): string[] => notes.filter((n) => Number.isNaN(dateOf(n)) || dateOf(n) >= floor).map((n) => n.id);

export const pollNewNotes = async (z: ZObject, bundle: Bundle): Promise<NoteOutput[]> => {
  const input = bundle.inputData as Record<string, unknown>;
  const run = await startPoll<NoteMark>(z, bundle, 'note_new', [input.contactId ?? '', input.lookbackHours ?? ''], NoteMark);
  const notes = await triggerNotes(z, bundle);
  if (run.mode === 'list') return notes;
  if (run.mode !== 'poll' || !run.state) {
    const mark = new Date(run.startedAt).toISOString();
    await run.save({ mark, seen: lastEntries(undecided(notes, run.startedAt - CLOCK_SKEW_MS).reverse(), MAX_SEEN_NOTES) });
    // Turning the Zap on: the notes fill Zapier's dedupe table. Memory lost: nothing is reported this check.
    return run.mode === 'seed' ? notes : [];
  }
  const { mark, seen } = run.state;
  const floor = Date.parse(mark) - CLOCK_SKEW_MS;
  const known = new Set(seen);
  // Written again so the memory lives as long as the Zap polls (lib/poll/state.ts STATE_TTL_SECONDS).
  await run.save(run.state);
  return notes.filter((n) => !known.has(n.id) && !(dateOf(n) < floor));
};
