import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { POLL_BUDGET, floorOf, laterDate, lastEntries, startPoll } from '../poll/state';
import { POLL_PAGE_LIMIT, SEARCH_MAX_PAGE_LIMIT, searchContactPages, searchContacts, type SearchFilter, type SearchGroup, finishContacts } from './api';
import { contactFingerprint, toContactChange, type ContactChangeOutput, type ContactOutput, type TagAddedOutput } from './schema';

/**
 * The three contact triggers (docs/highlevel-api.md §8). Each poll reads POST /contacts/search newest first and pages
 * on with `searchAfter` while a page is full and still newer than what the previous poll saw, within POLL_BUDGET
 * requests. What they remember between polls is in z.cache per Zap (lib/poll/state.ts).
 */

/** New Contact and New or Updated Contact read pages of 100: the common poll is one request of 100 contacts. */
export const CONTACT_POLL_REACH = POLL_BUDGET * POLL_PAGE_LIMIT;
/** Tag Added reads every contact with the tag, in pages of 500. */
export const TAG_SCAN_REACH = POLL_BUDGET * SEARCH_MAX_PAGE_LIMIT;
/** New or Updated Contact remembers what this many contacts looked like (most recently changed first). */
export const REMEMBERED_CONTACTS = 10_000;

const dateOf = (c: ContactOutput, by: 'dateAdded' | 'dateUpdated'): number => {
  const t = Date.parse(c[by] ?? c.dateAdded ?? '');
  return Number.isNaN(t) ? -Infinity : t;
};

const newestDate = (contacts: readonly ContactOutput[], by: 'dateAdded' | 'dateUpdated'): string =>
  contacts.reduce((newest, c) => laterDate(newest, c[by]), '');

const beyondReach = (z: ZObject, what: string): void =>
  z.console.log(`More ${what} than one check reads (${POLL_BUDGET} requests); older ones are not seen by this check.`);

const Mark = lazy(() => zod.object({ mark: zod.string() }));

/**
 * New Contact: newest `dateAdded` first. Zapier dedupes on the contact id, so reading more than is new is harmless;
 * the trigger remembers only the newest `dateAdded` it saw, to know how far back the next poll must page.
 */
export const pollNewContacts = async (z: ZObject, bundle: Bundle): Promise<ContactOutput[]> => {
  const run = await startPoll(z, bundle, 'contact_new', [], Mark);
  let contacts: ContactOutput[];
  if (run.mode === 'seed') {
    // Filling the dedupe table: as many as one request can bring (the next polls page back to the newest of them).
    contacts = await searchContacts(z, bundle, { sortBy: 'dateAdded', pageLimit: SEARCH_MAX_PAGE_LIMIT });
  } else {
    const floor = floorOf(run.state?.mark, run.startedAt);
    const read = await searchContactPages(
      z,
      bundle,
      { sortBy: 'dateAdded', pageLimit: POLL_PAGE_LIMIT },
      { maxRequests: run.mode === 'list' ? 1 : POLL_BUDGET, more: (last) => dateOf(last, 'dateAdded') >= floor },
    );
    if (!read.complete && read.requests >= POLL_BUDGET) beyondReach(z, 'new contacts');
    contacts = read.contacts;
  }
  await run.save({ mark: laterDate(run.state?.mark, newestDate(contacts, 'dateAdded')) });
  return finishContacts(z, bundle, contacts);
};

const Seen = lazy(() => zod.object({ mark: zod.string(), seen: zod.array(zod.tuple([zod.string(), zod.string()])) }));
type Seen = z.infer<typeof Seen>;

/**
 * New or Updated Contact: newest `dateUpdated` first. A contact is reported when what a person sees on it (fields,
 * tags, custom values: `contactFingerprint`) differs from what this Zap saw last, so a write that changes nothing
 * reports nothing and a change back to an earlier value is reported again. The item id is `<contact id>:<dateUpdated>`.
 * A contact the Zap has never seen (new, or beyond the REMEMBERED_CONTACTS it keeps) is reported when it changed
 * since the previous poll.
 */
export const pollChangedContacts = async (z: ZObject, bundle: Bundle): Promise<ContactChangeOutput[]> => {
  const run = await startPoll(z, bundle, 'contact_updated', [], Seen);
  if (run.mode === 'list') {
    const recent = await searchContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: POLL_PAGE_LIMIT });
    return (await finishContacts(z, bundle, recent)).map(toContactChange);
  }
  const seeding = run.mode !== 'poll';
  const floor = floorOf(run.state?.mark, run.startedAt);
  const read = await searchContactPages(
    z,
    bundle,
    // Seeding remembers as many contacts as the budget reads (5,000); later polls page back to the previous mark.
    { sortBy: 'dateUpdated', pageLimit: seeding ? SEARCH_MAX_PAGE_LIMIT : POLL_PAGE_LIMIT },
    { maxRequests: POLL_BUDGET, more: (last) => seeding || dateOf(last, 'dateUpdated') >= floor },
  );
  if (!seeding && !read.complete && read.requests >= POLL_BUDGET) beyondReach(z, 'changed contacts');

  const seen = new Map(run.state?.seen ?? []);
  const changed: ContactOutput[] = [];
  // Oldest first, so the map keeps the most recently changed contacts last (and keeps them when it is trimmed).
  for (const contact of [...read.contacts].reverse()) {
    const print = contactFingerprint(contact);
    const before = seen.get(contact.id);
    if (!seeding && before !== print && (before !== undefined || dateOf(contact, 'dateUpdated') >= floor)) changed.push(contact);
    seen.delete(contact.id);
    seen.set(contact.id, print);
  }
  await run.save({ mark: laterDate(run.state?.mark, newestDate(read.contacts, 'dateUpdated')), seen: lastEntries([...seen], REMEMBERED_CONTACTS) });
  // The first poll's items only fill Zapier's dedupe table; a poll that lost its state reports nothing it cannot compare.
  const items = run.mode === 'seed' ? read.contacts.slice(0, POLL_PAGE_LIMIT) : changed.reverse();
  return (await finishContacts(z, bundle, items)).map(toContactChange);
};

/** HighLevel stores tags trimmed and lower-cased, and the case handling of the tag filter is undocumented (§14.7). */
export const tagKey = (tag: string): string => tag.trim().toLowerCase();

/** `tags eq` the tag as typed OR lower-cased, so neither a case-sensitive nor a lower-casing index misses it (§14.7). */
export const tagFilters = (tag: string): (SearchFilter | SearchGroup)[] => {
  const typed = tag.trim();
  const lower = tagKey(tag);
  return typed === lower
    ? [{ field: 'tags', operator: 'eq', value: lower }]
    : [
        {
          group: 'OR',
          filters: [
            { field: 'tags', operator: 'eq', value: typed },
            { field: 'tags', operator: 'eq', value: lower },
          ],
        },
      ];
};

const Members = lazy(() => zod.object({ members: zod.array(zod.string()) }));

/**
 * Tag Added to Contact. HighLevel has no "tag added" feed or date (§8), so each poll reads every contact that carries
 * the tag (pages of 500 by `dateAdded`, which no edit moves, so a page never skips a contact) and compares with the
 * set this Zap saw last: a contact that joined the set is reported (once each time: removed and added again, it is
 * reported again); an edit that is not a tag change moves nothing. The first poll seeds the set. Beyond
 * TAG_SCAN_REACH contacts with the tag, only the newest TAG_SCAN_REACH are watched, and removals are not seen.
 */
export const pollTagAdded = async (z: ZObject, bundle: Bundle, tag: string): Promise<TagAddedOutput[]> => {
  const wanted = tagKey(tag);
  const run = await startPoll(z, bundle, 'contact_tag_added', [wanted], Members);
  const listing = run.mode === 'list';
  const read = await searchContactPages(
    z,
    bundle,
    { sortBy: listing ? 'dateUpdated' : 'dateAdded', pageLimit: listing ? POLL_PAGE_LIMIT : SEARCH_MAX_PAGE_LIMIT, filters: tagFilters(tag) },
    { maxRequests: listing ? 1 : POLL_BUDGET },
  );
  // The filter is the index's; what counts is the tag on the contact.
  const tagged = read.contacts.filter((c) => c.tags.some((t) => tagKey(t) === wanted));
  if (!listing && !read.complete) z.console.log(`More than ${TAG_SCAN_REACH} contacts carry the tag; only the newest ${TAG_SCAN_REACH} are watched.`);
  const known = new Set(run.state?.members ?? []);
  const joined = run.mode === 'poll' ? tagged.filter((c) => !known.has(c.id)).sort((a, b) => dateOf(b, 'dateUpdated') - dateOf(a, 'dateUpdated')) : [];
  // A complete read is the whole set (a contact missing from it lost the tag); a partial one can only add to it.
  const members = read.complete ? tagged.map((c) => c.id) : lastEntries([...new Set([...known, ...tagged.map((c) => c.id)])], 4 * TAG_SCAN_REACH);
  await run.save({ members });
  const seenAt = new Date(run.startedAt).toISOString();
  const items =
    run.mode === 'poll'
      ? joined.map((c) => ({ ...c, tagAddedId: `${c.id}:${seenAt}` }))
      : run.mode === 'reseed'
        ? []
        : tagged.slice(0, POLL_PAGE_LIMIT).map((c) => ({ ...c, tagAddedId: `${c.id}:${c.dateUpdated || c.dateAdded}` }));
  return finishContacts(z, bundle, items);
};
