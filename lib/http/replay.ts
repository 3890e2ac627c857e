import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { outcomeOf, type ReplayMode } from './outcome';

/**
 * Replay-safe creates (issue 11). Zapier replays a failed step with the same input (autoreplay, or the user's
 * "Replay"). A create whose answer was lost may already have written; writing again would leave a duplicate. So every
 * create records its attempt in z.cache before it writes — keyed by the connection's location, the Zap, the operation
 * and a hash of what it sends — and clears it once the answer is in. A later run that meets a recorded attempt first
 * looks for what that attempt wrote (`find`) and returns it instead of writing again.
 *
 * - A run that succeeded leaves no record, so the next run with the same input (a new event) writes anew.
 * - `find` gets the earliest time the earlier attempt can have written (its start, minus CLOCK_SKEW_MS) and looks
 *   only at reads HighLevel answers right after a write (by contact or by id, not the search index where it can be
 *   avoided: docs/highlevel-api.md §11.15).
 * - Without z.cache (`zapier-platform invoke`, or Zapier's cache failing) nothing is recorded: the step writes as
 *   before, and its failure message says to check HighLevel before replaying (mode `check`), because a replay could
 *   then not tell.
 */

/**
 * How long an attempt is remembered. Autoreplay tries 5 more times over about 10 h 35 min (5 min, 30 min, 1 h, 3 h,
 * 6 h: zapier.com/help/autoreplay); a user's manual replay can come later, so a week.
 */
export const ATTEMPT_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Zapier's clock and HighLevel's may differ; a record HighLevel dated up to this much before the attempt started still
 * counts as the attempt's. Two minutes: far more than NTP-synced servers drift, far less than Zapier's first replay (5 min).
 */
export const CLOCK_SKEW_MS = 120_000;

const Attempt = lazy(() => zod.object({ at: zod.number(), sent: zod.string() }));

const sha = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(stable(value)))
    .digest('base64url');

/** No location, Zap or input value in the key's clear text: a hash of them (the input can carry contact data). */
export const attemptKey = (bundle: Bundle, operation: string, input: unknown): string => {
  const meta = bundle.meta as { zap?: { id?: unknown } } | undefined;
  const zap = meta?.zap?.id;
  const location = bundle.authData?.locationId;
  return `ghl:attempt:${sha([typeof location === 'string' ? location : '', zap === undefined || zap === null ? '' : String(zap), operation, input])}`;
};

/** JSON with sorted keys and no undefined values, so the same input always hashes the same. */
const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
};

const UNAVAILABLE = Symbol('cache unavailable');
type Recorded = z.infer<typeof Attempt>;

const readAttempt = async (z: ZObject, key: string): Promise<Recorded | undefined | typeof UNAVAILABLE> => {
  try {
    const parsed = Attempt.safeParse(await z.cache.get(key));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return UNAVAILABLE;
  }
};

const saveAttempt = async (z: ZObject, key: string, attempt: Recorded): Promise<boolean> => {
  try {
    await z.cache.set(key, attempt, ATTEMPT_TTL_SECONDS, ['auth']);
    return true;
  } catch {
    return false;
  }
};

const forget = async (z: ZObject, key: string): Promise<void> => {
  try {
    await z.cache.delete(key);
  } catch {
    // Left to expire: the next run with the same input looks once for a record it will not find, then writes.
  }
};

/** How a record shows what was written: the written fields in a comparable form, and when HighLevel dated it. */
export interface Shown {
  fields: unknown;
  /** Undefined when HighLevel's answer carries no date (task REST answers: TaskSchema has none). */
  dateAdded?: string | null;
}

export interface ReplaySafeCreate<T> {
  /** The operation key (part of the attempt's key). */
  operation: string;
  /** The step's input as Zapier gives it (a replay gives the same): identifies the attempt. */
  input: unknown;
  /**
   * What this attempt writes, in the form `show` gives a record's fields. Only its hash is kept. Taken from the sent
   * body, so a relative due date ("tomorrow") is compared as the earlier attempt resolved it.
   */
  sent: unknown;
  /**
   * The records where a written one would be, preferring reads HighLevel answers right after a write (by contact, by
   * id, the duplicate lookup); `since` is the earliest time HighLevel can have dated it.
   */
  candidates: (since: number) => Promise<T[]>;
  show: (record: T) => Shown;
  /** Does the write; `replay` is what its failure message may promise about a replay. */
  write: (replay: ReplayMode) => Promise<T>;
}

const dated = (value: string | null | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/** The record the earlier attempt wrote: the same fields, dated no earlier than the attempt (less the skew); the earliest such. */
const written = <T>(records: T[], show: (record: T) => Shown, attempt: Recorded, since: number): T | undefined => {
  const matches = records
    .map((record) => ({ record, shown: show(record) }))
    .filter(({ shown }) => sha(shown.fields) === attempt.sent)
    .map(({ record, shown }) => ({ record, at: dated(shown.dateAdded) }))
    // A record without a date cannot be told from an identical older one; it counts (see the README's choices).
    .filter(({ at }) => at === undefined || at >= since)
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  return matches[0]?.record;
};

export const replaySafeCreate = async <T>(z: ZObject, bundle: Bundle, create: ReplaySafeCreate<T>): Promise<T> => {
  const key = attemptKey(bundle, create.operation, create.input);
  const earlier = await readAttempt(z, key);
  if (earlier !== UNAVAILABLE && earlier) {
    const since = earlier.at - CLOCK_SKEW_MS;
    const found = written(await create.candidates(since), create.show, earlier, since);
    if (found !== undefined) {
      await forget(z, key);
      return found;
    }
  }
  // The earlier attempt wrote nothing that can be found: this one is recorded (keeping the earlier start, so the
  // window only widens) with what it sends now.
  const attempt: Recorded = { at: earlier && earlier !== UNAVAILABLE ? earlier.at : Date.now(), sent: sha(create.sent) };
  const saved = earlier !== UNAVAILABLE && (await saveAttempt(z, key, attempt));
  try {
    const result = await create.write(saved ? 'finds' : 'check');
    await forget(z, key);
    return result;
  } catch (error) {
    // Nothing was written by this attempt, and there was no earlier one: no record needed.
    if (saved && !earlier && outcomeOf(error) === 'unsent') await forget(z, key);
    throw error;
  }
};
