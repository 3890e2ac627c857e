import type { Bundle, ZObject } from 'zapier-platform-core';
import type { ZodType } from 'zod';

/**
 * Location lists that many steps need (custom fields, pipelines): fetched at most once per invocation, and, for polls,
 * reused across invocations of one connection for a few minutes (z.cache), so a poll stays one request to HighLevel.
 * Writes never take the shared copy: they check input against the list as it is now.
 */
const SHARED_TTL_SECONDS = 600;

// One fetch per invocation and key: the lists are kept on the invocation's bundle object.
const perInvocation = new WeakMap<object, Map<string, Promise<unknown>>>();

const readShared = async <T>(z: ZObject, key: string, schema: ZodType<T>): Promise<T | undefined> => {
  try {
    const cached = schema.safeParse(await z.cache.get(key));
    return cached.success ? cached.data : undefined;
  } catch {
    return undefined; // no cache here (e.g. `zapier-platform invoke`): fetch instead
  }
};

export interface CachedList<T> {
  /** Unique per location and kind, e.g. `ghl:pipelines:<locationId>`. */
  key: string;
  /** What a cached copy must still parse as (an old or foreign value is fetched again). */
  schema: ZodType<T>;
  /** Take a copy another invocation of this connection stored in the last few minutes (polls only). */
  shared?: boolean;
  fetch: () => Promise<T>;
}

export const cachedList = <T>(z: ZObject, bundle: Bundle, { key, schema, shared, fetch }: CachedList<T>): Promise<T> => {
  const lists = perInvocation.get(bundle) ?? new Map<string, Promise<unknown>>();
  perInvocation.set(bundle, lists);
  let pending = lists.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = (async () => {
      const cached = shared ? await readShared(z, key, schema) : undefined;
      if (cached !== undefined) return cached;
      const value = await fetch();
      await z.cache.set(key, value, SHARED_TTL_SECONDS, ['auth']).catch(() => null);
      return value;
    })();
    lists.set(key, pending);
    // A failed fetch must not be remembered (the next call in the same invocation may retry).
    pending.catch(() => lists.delete(key));
  }
  return pending;
};
