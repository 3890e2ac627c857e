import type { Bundle, ZObject } from 'zapier-platform-core';
import { POLL_BUDGET, inWaves } from '../poll/state';
import { finishContacts, getContact, searchContactPages, type ContactSearch } from './api';
import type { ContactOutput } from './schema';

/**
 * The polling contact triggers pass on a contact as GET /contacts/{id} shows it, the same record the instant twins
 * pass on (README "Instant triggers"): a thin search item (§14.1: names only lower-cased, no website, no DND
 * settings) is read in full first. The reads share the poll's request budget (POLL_BUDGET, with the searches); what
 * the budget cannot read now is held, by id, and read first by the next check. A contact deleted meanwhile (404) is
 * dropped: there is nothing to pass on.
 */

/** Full reads in flight at once: the same wave as the other per-record lookups of a poll. */
const READS_PER_WAVE = 10;

export interface FullRead<T> {
  /** In the order given: items that were full, thin ones read in full; deleted ones left out. */
  contacts: T[];
  /** Ids of thin items the budget could not read now, in the order given. */
  held: string[];
}

/** `item` as GET /contacts/{id} shows it, keeping what the trigger added to it (its own ids). */
const inFull = <T extends ContactOutput>(item: T, full: ContactOutput): T => ({ ...item, ...full });

/**
 * Reads the thin ones of `items` (ids in `thin`) in full, at most `budget` of them (the first ones), in parallel
 * waves; the others are held. Items that are not thin pass as they are.
 */
export const readThinInFull = async <T extends ContactOutput>(
  z: ZObject,
  bundle: Bundle,
  items: T[],
  thin: ReadonlySet<string>,
  budget: number,
): Promise<FullRead<T>> => {
  const wanted = items.filter((item) => thin.has(item.id));
  const now = wanted.slice(0, Math.max(0, budget));
  const read = new Map<string, ContactOutput | undefined>(
    (await inWaves(now, READS_PER_WAVE, (item) => getContact(z, bundle, item.id))).map((full, i) => [now[i]?.id ?? '', full]),
  );
  const held = wanted.slice(now.length).map((item) => item.id);
  const contacts: T[] = [];
  for (const item of items) {
    if (!thin.has(item.id)) contacts.push(item);
    else if (read.has(item.id)) {
      const full = read.get(item.id);
      if (full) contacts.push(inFull(item, full));
    }
  }
  return { contacts, held };
};

/**
 * Reads contacts held by an earlier check, at most `budget` of them; returns those read (deleted ones dropped), the
 * ids still held and how many requests that took (what is left of the budget is the caller's).
 */
export const readHeld = async (
  z: ZObject,
  bundle: Bundle,
  ids: readonly string[],
  budget: number,
): Promise<{ contacts: ContactOutput[]; held: string[]; reads: number }> => {
  const now = ids.slice(0, Math.max(0, budget));
  const read = await inWaves(now, READS_PER_WAVE, (id) => getContact(z, bundle, id));
  return { contacts: read.filter((c): c is ContactOutput => c !== undefined), held: ids.slice(now.length), reads: now.length };
};

/**
 * "Test trigger" of the instant contact triggers: one search page (the polling twin's read), its thin items read in
 * full within the poll's budget, custom values under readable keys (lib/contact/api.ts finishContacts).
 */
export const recentContacts = async (z: ZObject, bundle: Bundle, search: Omit<ContactSearch, 'page' | 'searchAfter'>): Promise<ContactOutput[]> => {
  const read = await searchContactPages(z, bundle, search, { maxRequests: 1 });
  return finishContacts(z, bundle, (await readThinInFull(z, bundle, read.contacts, read.thin, POLL_BUDGET - read.requests)).contacts);
};
