import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { POLL_BUDGET, SEARCH_LAG_GRACE_MS, floorOf, laterDate, lastEntries, startPoll } from '../poll/state';
import { POLL_PAGE_LIMIT, SEARCH_MAX_PAGE_LIMIT, searchContactPages, type SearchFilter, type SearchGroup, finishContacts } from './api';
import { readHeld, readThinInFull, recentContacts } from './full_reads';
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

const Mark = lazy(() =>
  zod.object({ mark: zod.string(), recent: zod.array(zod.tuple([zod.string(), zod.string()])).optional(), held: zod.array(zod.string()).optional() }),
);

/**
 * New Contact: newest `dateAdded` first. Zapier dedupes on the contact id, so reading more than is new is harmless;
 * the trigger remembers the newest `dateAdded` it saw, to know how far back the next poll must page. Thin items
 * (§14.1) are read in full within the budget (lib/contact/full_reads.ts); so that none is read twice, the trigger also
 * remembers the ids it passed on within the search-lag grace of its mark (`recent`) and the ones it holds (`held`).
 */
export const pollNewContacts = async (z: ZObject, bundle: Bundle): Promise<ContactOutput[]> => {
  const run = await startPoll(z, bundle, 'contact_new', [], Mark);
  if (run.mode === 'seed') {
    // Filling the dedupe table: as many as one request can bring (the next polls page back to the newest of them).
    const read = await searchContactPages(z, bundle, { sortBy: 'dateAdded', pageLimit: SEARCH_MAX_PAGE_LIMIT }, { maxRequests: 1 });
    const mark = newestDate(read.contacts, 'dateAdded');
    await run.save({
      mark,
      recent: withinGrace(
        read.contacts.map((c) => [c.id, c.dateAdded ?? '']),
        mark,
      ),
      held: [],
    });
    return finishContacts(z, bundle, read.contacts);
  }
  const floor = floorOf(run.state?.mark, run.startedAt);
  const read = await searchContactPages(
    z,
    bundle,
    { sortBy: 'dateAdded', pageLimit: POLL_PAGE_LIMIT },
    { maxRequests: run.mode === 'list' ? 1 : POLL_BUDGET, more: (last) => dateOf(last, 'dateAdded') >= floor },
  );
  if (!read.complete && read.requests >= POLL_BUDGET) beyondReach(z, 'new contacts');
  const recent = new Set((run.state?.recent ?? []).map(([id]) => id));
  const before = run.state?.held ?? [];
  const held = await readHeld(z, bundle, before, POLL_BUDGET - read.requests);
  // A thin item already passed on (or older than the floor, so seen by an earlier check) is not read again.
  const listing = run.mode === 'list';
  const fresh = read.contacts.filter(
    (c) => listing || !read.thin.has(c.id) || (!recent.has(c.id) && !before.includes(c.id) && dateOf(c, 'dateAdded') >= floor),
  );
  const full = await readThinInFull(z, bundle, fresh, read.thin, POLL_BUDGET - read.requests - held.reads);
  const contacts = [...full.contacts, ...held.contacts].sort((a, b) => dateOf(b, 'dateAdded') - dateOf(a, 'dateAdded'));
  const mark = laterDate(run.state?.mark, newestDate(read.contacts, 'dateAdded'));
  // Every item of this search counts as seen (read in full, passed on as it was, or gone), except the ones held.
  const stillHeld = [...held.held, ...full.held];
  const seen = read.contacts.filter((c) => !stillHeld.includes(c.id)).map((c): [string, string] => [c.id, c.dateAdded ?? '']);
  await run.save({ mark, recent: withinGrace([...new Map([...(run.state?.recent ?? []), ...seen])], mark), held: stillHeld });
  return finishContacts(z, bundle, contacts);
};

/** The [id, dateAdded] of contacts added within the search-lag grace before `mark`: the ones a later poll's search brings again. */
const withinGrace = (contacts: readonly [string, string][], mark: string): [string, string][] => {
  const since = Date.parse(mark) - SEARCH_LAG_GRACE_MS;
  return lastEntries(
    contacts.filter(([, added]) => Date.parse(added) >= since),
    REMEMBERED_CONTACTS,
  );
};

const Seen = lazy(() => zod.object({ mark: zod.string(), seen: zod.array(zod.tuple([zod.string(), zod.string()])), held: zod.array(zod.string()).optional() }));
type Seen = z.infer<typeof Seen>;

/**
 * New or Updated Contact: newest `dateUpdated` first. A contact is reported when what a person sees on it (fields,
 * tags, custom values: `contactFingerprint`) differs from what this Zap saw last, so a write that changes nothing
 * reports nothing and a change back to an earlier value is reported again. The item id is `<contact id>:<dateUpdated>`.
 * A contact the Zap has never seen (new, or beyond the REMEMBERED_CONTACTS it keeps) is reported when it changed
 * since the previous poll. The comparison is on the search items; a changed thin item is read in full before it is
 * passed on, within the budget, the rest held for the next check (lib/contact/full_reads.ts).
 */
export const pollChangedContacts = async (z: ZObject, bundle: Bundle): Promise<ContactChangeOutput[]> => {
  const run = await startPoll(z, bundle, 'contact_updated', [], Seen);
  if (run.mode === 'list') {
    return (await recentContacts(z, bundle, { sortBy: 'dateUpdated', pageLimit: POLL_PAGE_LIMIT })).map(toContactChange);
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
  const mark = laterDate(run.state?.mark, newestDate(read.contacts, 'dateUpdated'));
  if (run.mode === 'seed') {
    // The first poll's items only fill Zapier's dedupe table.
    await run.save({ mark, seen: lastEntries([...seen], REMEMBERED_CONTACTS), held: [] });
    return (await finishContacts(z, bundle, read.contacts.slice(0, POLL_PAGE_LIMIT))).map(toContactChange);
  }
  // A poll that lost its state reports nothing it cannot compare (changed is empty).
  const news = changed.reverse();
  const earlier = (run.state?.held ?? []).filter((id) => !news.some((c) => c.id === id));
  const held = await readHeld(z, bundle, earlier, POLL_BUDGET - read.requests);
  const full = await readThinInFull(z, bundle, news, read.thin, POLL_BUDGET - read.requests - held.reads);
  await run.save({ mark, seen: lastEntries([...seen], REMEMBERED_CONTACTS), held: [...held.held, ...full.held] });
  return (await finishContacts(z, bundle, [...full.contacts, ...held.contacts])).map(toContactChange);
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

const Members = lazy(() => zod.object({ members: zod.array(zod.string()), held: zod.array(zod.tuple([zod.string(), zod.string()])).optional() }));

/**
 * Tag Added to Contact. HighLevel has no "tag added" feed or date (§8), so each poll reads every contact that carries
 * the tag (pages of 500 by `dateAdded`, which no edit moves, so a page never skips a contact) and compares with the
 * set this Zap saw last: a contact that joined the set is reported (once each time: removed and added again, it is
 * reported again); an edit that is not a tag change moves nothing. The first poll seeds the set. Beyond
 * TAG_SCAN_REACH contacts with the tag, only the newest TAG_SCAN_REACH are watched, and removals are not seen. A thin
 * item is read in full before it is passed on, within the budget; one held for the next check keeps the id of the
 * check that saw it join (lib/contact/full_reads.ts).
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
  const seenAt = new Date(run.startedAt).toISOString();
  if (run.mode !== 'poll') {
    await run.save({ members, held: [] });
    const sample = run.mode === 'reseed' ? [] : tagged.slice(0, POLL_PAGE_LIMIT).map((c) => ({ ...c, tagAddedId: `${c.id}:${c.dateUpdated || c.dateAdded}` }));
    // "Test trigger" shows contacts in full; the seed's items only fill Zapier's dedupe table.
    const shown = listing ? (await readThinInFull(z, bundle, sample, read.thin, POLL_BUDGET - read.requests)).contacts : sample;
    return finishContacts(z, bundle, shown);
  }
  const earlier = new Map(run.state?.held ?? []);
  const held = await readHeld(z, bundle, [...earlier.keys()], POLL_BUDGET - read.requests);
  const items = joined.map((c) => ({ ...c, tagAddedId: `${c.id}:${seenAt}` }));
  const full = await readThinInFull(z, bundle, items, read.thin, POLL_BUDGET - read.requests - held.reads);
  const stillHeld: [string, string][] = [
    ...held.held.map((id): [string, string] => [id, earlier.get(id) ?? seenAt]),
    ...full.held.map((id): [string, string] => [id, seenAt]),
  ];
  await run.save({ members, held: stillHeld });
  const late = held.contacts.map((c) => ({ ...c, tagAddedId: `${c.id}:${earlier.get(c.id) ?? seenAt}` }));
  return finishContacts(z, bundle, [...full.contacts, ...late]);
};
