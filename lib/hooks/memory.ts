import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';

/**
 * "A write that changes nothing fires nothing", for instant triggers. HighLevel sends ContactUpdate, NoteUpdate,
 * AppointmentUpdate and TaskComplete on every write, also when the values were already there (sandbox/README.md,
 * "No-op writes send events"), so a two-way Zap would echo its own writes for ever. Each "updated" trigger keeps,
 * per Zap and record, the fingerprint of what a person sees on the record (the object home computes it); a delivery
 * whose fingerprint equals the last one this Zap saw yields nothing. The polling triggers follow the same rule.
 */

/** As long as the polling triggers keep their state: a month after the last change seen. */
export const MEMORY_TTL_SECONDS = 30 * 24 * 3600;

interface HookMeta {
  zap?: { id?: unknown };
}

/** The Zap (else the relay subscription) this run belongs to; undefined when there is neither (no memory then). */
export const hookOwnerOf = (bundle: Bundle): string | undefined => {
  const zapId = ((bundle.meta ?? {}) as HookMeta).zap?.id;
  if (typeof zapId === 'string' || typeof zapId === 'number') return `zap:${String(zapId)}`;
  const subscriptionId = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  return typeof subscriptionId === 'string' && subscriptionId ? `sub:${subscriptionId}` : undefined;
};

/** Record ids never appear in clear in a cache key. */
const keyOf = (trigger: string, owner: string, recordId: string): string =>
  `ghl:hook:${trigger}:${createHash('sha256').update(`${owner}\n${recordId}`).digest('hex').slice(0, 32)}`;

/**
 * True when `print` differs from what this Zap last saw for the record (or nothing was seen), and remembers it.
 * Without a Zap or a working cache it says true: a change is never lost for want of memory.
 */
export const changedSinceSeen = async (z: ZObject, bundle: Bundle, trigger: string, recordId: string, print: string): Promise<boolean> => {
  const owner = hookOwnerOf(bundle);
  if (!owner || !recordId) return true;
  const key = keyOf(trigger, owner, recordId);
  let before: unknown;
  try {
    before = await z.cache.get(key);
  } catch {
    return true;
  }
  if (before === print) return false;
  try {
    await z.cache.set(key, print, MEMORY_TTL_SECONDS, ['auth']);
  } catch (error) {
    z.console.log(`The trigger could not remember what it saw (${error instanceof Error ? error.name : 'error'}).`);
  }
  return true;
};
