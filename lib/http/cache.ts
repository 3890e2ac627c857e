import type { Bundle, ZObject } from 'zapier-platform-core';
import type { ZodType } from 'zod';

/**
 * Location lists that many steps need (custom fields): one list per connection for actions, searches and triggers.
 * Fetched at most once per invocation, and shared across the connection's invocations for a few minutes (z.cache), so
 * a poll stays one request and 1,000 creates do not send 1,000 list reads (issue 11). A step that finds the shared
 * copy stale (it names a field the copy lacks, or refuses a value) reads it again with `refreshList`.
 */
const SHARED_TTL_SECONDS = 600;

interface Held {
  value: Promise<unknown>;
  /** When the value was read from HighLevel (ms); a copy from another invocation may be up to SHARED_TTL_SECONDS old. */
  readAt: Promise<number>;
  /** This invocation read it from HighLevel (so it is as HighLevel has it now). */
  fetchedHere: Promise<boolean>;
}

/** What is kept in z.cache: the list and when it was read. */
interface Stored {
  readAt: number;
  value: unknown;
}

// One fetch per invocation and key: the lists are kept on the invocation's bundle object.
const perInvocation = new WeakMap<object, Map<string, Held>>();

const readShared = async <T>(z: ZObject, key: string, schema: ZodType<T>): Promise<{ value: T; readAt: number } | undefined> => {
  try {
    const stored = (await z.cache.get(key)) as Partial<Stored> | null;
    const cached = schema.safeParse(stored?.value);
    return cached.success && typeof stored?.readAt === 'number' ? { value: cached.data, readAt: stored.readAt } : undefined;
  } catch {
    return undefined; // no cache here (e.g. `zapier-platform invoke`): fetch instead
  }
};

export interface CachedList<T> {
  /** Unique per location and kind, e.g. `ghl:contact-custom-fields:<locationId>`. */
  key: string;
  /** What a cached copy must still parse as (an old or foreign value is fetched again). */
  schema: ZodType<T>;
  /** Take a copy another invocation of this connection stored in the last few minutes. */
  shared?: boolean;
  fetch: () => Promise<T>;
}

/** Errors a second try cannot help: the platform refreshes the token (or asks to reconnect) and runs the step again. */
const AUTH_ERRORS = new Set(['RefreshAuthError', 'ExpiredAuthError']);
/** Nor can it help an answer the app cannot read, a refusal, or a missing scope (z.errors.Error codes, lib/http/client.ts). */
const LASTING_CODES = new Set(['bad_response', 'missing_scope', 'invalid_input']);

const lasting = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (AUTH_ERRORS.has(error.name)) return true;
  if (error.name !== 'AppError') return false;
  try {
    const { code, status } = JSON.parse(error.message) as { code?: unknown; status?: unknown };
    return (typeof code === 'string' && LASTING_CODES.has(code)) || (typeof status === 'number' && status >= 400 && status < 500 && status !== 429);
  } catch {
    return false;
  }
};

/** A failed fetch is tried once more (issue 11: a 429 or a dropped connection on the list read lost the readable values). */
const fetchWithRetry = async <T>(fetch: () => Promise<T>): Promise<T> => {
  try {
    return await fetch();
  } catch (error) {
    if (lasting(error)) throw error;
    return fetch();
  }
};

const held = (bundle: Bundle): Map<string, Held> => {
  const lists = perInvocation.get(bundle) ?? new Map<string, Held>();
  perInvocation.set(bundle, lists);
  return lists;
};

/** Fetches (with one retry), stores the list for the connection, and remembers it for this invocation. */
const fetchAndStore = <T>(z: ZObject, bundle: Bundle, key: string, fetch: () => Promise<T>): Promise<T> => {
  const lists = held(bundle);
  const readAt = Date.now();
  const value = (async () => {
    const fetched = await fetchWithRetry(fetch);
    const stored: Stored = { readAt, value: fetched };
    await z.cache.set(key, stored, SHARED_TTL_SECONDS, ['auth']).catch(() => null);
    return fetched;
  })();
  const entry: Held = { value, readAt: Promise.resolve(readAt), fetchedHere: Promise.resolve(true) };
  lists.set(key, entry);
  // A failed fetch must not be remembered (the next call in the same invocation may try again).
  value.catch(() => {
    if (lists.get(key) === entry) lists.delete(key);
  });
  return value;
};

export const cachedList = <T>(z: ZObject, bundle: Bundle, { key, schema, shared, fetch }: CachedList<T>): Promise<T> => {
  const lists = held(bundle);
  const known = lists.get(key);
  if (known) return known.value as Promise<T>;
  if (!shared) return fetchAndStore(z, bundle, key, fetch);
  const copy = readShared(z, key, schema);
  const entry: Held = {
    // No copy: fetched here, and the invocation's entry becomes that fetch.
    value: copy.then((found) => (found ? found.value : fetchAndStore(z, bundle, key, fetch))),
    readAt: copy.then((found) => found?.readAt ?? Date.now()),
    fetchedHere: copy.then((found) => !found),
  };
  lists.set(key, entry);
  entry.value.catch(() => {
    if (lists.get(key) === entry) lists.delete(key);
  });
  return entry.value as Promise<T>;
};

/**
 * The list as HighLevel has it now, or at most `maxAgeMs` old: the invocation's copy when this invocation read it or
 * it is that recent, else a new read (which also replaces the connection's shared copy).
 */
export const refreshList = async <T>(z: ZObject, bundle: Bundle, list: CachedList<T>, maxAgeMs = 0): Promise<T> => {
  const known = held(bundle).get(list.key);
  if (known) {
    const value = (await known.value.catch(() => undefined)) as T | undefined;
    if (value !== undefined && ((await known.fetchedHere) || Date.now() - (await known.readAt) <= maxAgeMs)) return value;
  }
  return fetchAndStore(z, bundle, list.key, list.fetch);
};
