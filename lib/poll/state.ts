import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { ZodType } from 'zod';

/**
 * What a polling trigger remembers between the polls of one Zap (docs/highlevel-api.md §8). Zapier dedupes polled
 * items on their id and keeps no other memory; where a trigger must compare with what it saw before (a tag that was
 * not there, a contact whose visible fields changed, a task that was open), it keeps that here, in `z.cache` under
 * the Zap's id (`bundle.meta.zap.id`), the trigger key and its inputs, scoped to the connection.
 */

/** Requests one poll may make to HighLevel (100 per 10 s per location are allowed, docs/highlevel-api.md §3). */
export const POLL_BUDGET = 10;

/**
 * Zapier gives a poll 30 s, the first one (turning the Zap on) included: a pager starts no further page once this
 * much of it has passed, whatever requests remain.
 */
export const POLL_TIME_BUDGET_MS = 15_000;

/** True once `since` (ms) is POLL_TIME_BUDGET_MS ago. */
export const outOfTime = (since: number): boolean => Date.now() - since >= POLL_TIME_BUDGET_MS;

/** Kept a month after the last poll that wrote it; every poll writes it again. */
export const STATE_TTL_SECONDS = 30 * 24 * 3600;

/**
 * How late HighLevel's search may show a write and the trigger still sees it: pages are read back to this long
 * before the newest item of the previous poll (the search index lag is unstated, docs/highlevel-api.md §14.10).
 */
export const SEARCH_LAG_GRACE_MS = 10 * 60_000;

/** Without a remembered mark (first poll of a state, or no Zap), "recent" means the last hour. */
export const FALLBACK_WINDOW_MS = 3600_000;

/**
 * - `list`: no Zap behind this run (editor sample, dropdown, `zapier-platform invoke`): a plain listing, no state.
 * - `seed`: the Zap is being turned on (`isPopulatingDedupe`): remember what exists; the items only fill Zapier's dedupe table.
 * - `reseed`: a live Zap whose state is gone (expired, evicted, a new app version): remember what exists, report nothing.
 * - `poll`: compare with the remembered state and report what changed.
 */
export type PollMode = 'list' | 'seed' | 'reseed' | 'poll';

export interface PollRun<S> {
  mode: PollMode;
  /** The remembered state (in `poll` mode). */
  state?: S;
  /** When this poll started (ms): a stable "detected at" for the ids of events that have no date of their own. */
  startedAt: number;
  /** Remembers `state` for the next poll of this Zap (nothing in `list` mode). */
  save(state: S): Promise<void>;
}

interface PollMeta {
  isLoadingSample?: boolean;
  isFillingDynamicDropdown?: boolean;
  isPopulatingDedupe?: boolean;
  zap?: { id?: unknown };
}

/** The Zap this poll belongs to, if any. */
export const zapIdOf = (bundle: Bundle): string | undefined => {
  const meta = (bundle.meta ?? {}) as PollMeta;
  if (meta.isLoadingSample || meta.isFillingDynamicDropdown) return undefined;
  const id = meta.zap?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

/** Short and safe for a cache key whatever the inputs hold (tags, ids); the inputs never appear in clear. */
const inputsHash = (inputs: readonly unknown[]): string => createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);

export const stateKey = (trigger: string, zapId: string, inputs: readonly unknown[]): string => `ghl:poll:${trigger}:${zapId}:${inputsHash(inputs)}`;

/** A cache key for what a connection learns about its location (not per Zap), e.g. `ghl:x:<hash of parts>`. */
export const learnedKey = (what: string, parts: readonly unknown[]): string => `ghl:${what}:${inputsHash(parts)}`;

/**
 * Starts a poll of `trigger` with the inputs that shape what it watches (a changed input is a new state). A cache
 * that cannot be read counts as no state; one that cannot be written is logged (the next poll then starts over).
 */
export const startPoll = async <S>(z: ZObject, bundle: Bundle, trigger: string, inputs: readonly unknown[], schema: ZodType<S>): Promise<PollRun<S>> => {
  const startedAt = Date.now();
  const zapId = zapIdOf(bundle);
  if (!zapId) return { mode: 'list', startedAt, save: async () => undefined };
  const key = stateKey(trigger, zapId, inputs);
  const save = async (state: S) => {
    try {
      await z.cache.set(key, state, STATE_TTL_SECONDS, ['auth']);
    } catch (error) {
      z.console.log(`The trigger could not remember what it saw (${error instanceof Error ? error.name : 'error'}); the next check starts over.`);
    }
  };
  if ((bundle.meta as PollMeta | undefined)?.isPopulatingDedupe) return { mode: 'seed', startedAt, save };
  let stored: unknown;
  try {
    stored = await z.cache.get(key);
  } catch {
    stored = null;
  }
  const parsed = stored === null ? undefined : schema.safeParse(stored);
  if (!parsed?.success) return { mode: 'reseed', startedAt, save };
  return { mode: 'poll', state: parsed.data, startedAt, save };
};

/** The later of two ISO dates (either may be empty). */
export const laterDate = (a: string | null | undefined, b: string | null | undefined): string => {
  const ta = a ? Date.parse(a) : NaN;
  const tb = b ? Date.parse(b) : NaN;
  if (Number.isNaN(ta)) return Number.isNaN(tb) ? '' : (b ?? '');
  if (Number.isNaN(tb)) return a ?? '';
  return tb > ta ? (b ?? '') : (a ?? '');
};

/** A remembered date later than this past the poll's own clock is not trusted (clock skew, an imported date). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Items older than this (ms) were seen by an earlier poll: the remembered mark (never later than the poll's own
 * clock plus CLOCK_SKEW_MS) minus the search lag grace.
 */
export const floorOf = (mark: string | undefined, now: number): number => {
  const t = mark ? Date.parse(mark) : NaN;
  return (Number.isNaN(t) ? now - FALLBACK_WINDOW_MS : Math.min(t, now + CLOCK_SKEW_MS)) - SEARCH_LAG_GRACE_MS;
};

/** Keeps at most `max` entries, dropping the oldest (entries are kept oldest first). */
export const lastEntries = <T>(entries: T[], max: number): T[] => (entries.length > max ? entries.slice(entries.length - max) : entries);

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export const inWaves = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return out;
};
