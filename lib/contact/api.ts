import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { startContactCustomFields, withCustomValues, type PendingCustomFields } from '../custom_field/api';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { outOfTime } from '../poll/state';
import { userNames } from '../user/names';
import { ContactAnswer, contactFromRest, contactFromSearch, isThinItem, type ContactOutput } from './schema';

/**
 * Contact reads shared by triggers, searches, dropdowns and the appointment actions. POST /contacts/search
 * (docs/highlevel-api.md §6.1): one request, newest first by the given date. The answer is `{contacts, total}`.
 */
export const SEARCH_MAX_PAGE_LIMIT = 500;
export const POLL_PAGE_LIMIT = 100;

/**
 * What every contact output gets before it leaves: its custom values under readable keys and the assigned user's name
 * and email, the two lists read in parallel (each shared per connection). `names` is a reader already started beside
 * the main request (lib/user/names.ts), `pending` a custom-field read started the same way. A list that cannot be read
 * leaves its part out (custom values say so in customFieldsUnreadable); the contact is returned all the same.
 */
export const finishContacts = async <T extends ContactOutput>(
  z: ZObject,
  bundle: Bundle,
  contacts: T[],
  options: { pending?: PendingCustomFields; names?: ReturnType<typeof userNames> } = {},
): Promise<T[]> => {
  const names = options.names ?? userNames(z, bundle);
  const [valued, person] = await Promise.all([withCustomValues(z, bundle, contacts, { pending: options.pending }), names(contacts.map((c) => c.assignedTo))]);
  return valued.map((c) => {
    const { name, email } = person(c.assignedTo);
    return { ...c, assignedToName: name, assignedToEmail: email };
  });
};

/**
 * A request whose contacts are finished (finishContacts), with the custom-field read started beside it (one round
 * trip instead of two; none more with the connection's shared copy). The list read is awaited whatever happens, so
 * no request outlives the step.
 */
export const readFinishedContacts = async <T extends ContactOutput>(
  z: ZObject,
  bundle: Bundle,
  read: () => Promise<T[]>,
  options: { names?: ReturnType<typeof userNames> } = {},
): Promise<T[]> => {
  const pending = startContactCustomFields(z, bundle);
  let contacts: T[];
  try {
    contacts = await read();
  } catch (error) {
    await pending;
    throw error;
  }
  const out = await finishContacts(z, bundle, contacts, { pending, names: options.names });
  await pending;
  return out;
};

const SearchAnswer = lazy(() => zod.looseObject({ contacts: zod.array(ContactAnswer).nullish(), total: zod.number().nullish() }));

export interface SearchFilter {
  field: string;
  operator: 'eq' | 'not_eq' | 'contains' | 'not_contains' | 'exists' | 'not_exists' | 'range';
  value?: unknown;
}

export interface SearchGroup {
  group: 'AND' | 'OR';
  filters: SearchFilter[];
}

export interface ContactSearch {
  /** Sorted by this date, newest first. */
  sortBy: 'dateAdded' | 'dateUpdated';
  pageLimit: number;
  /** 1-based page (HighLevel counts from 1). */
  page?: number;
  /** The cursor: the `searchAfter` of the last item of the previous page (§4); never with `page`. */
  searchAfter?: unknown[];
  filters?: (SearchFilter | SearchGroup)[];
}

/** A search item parsed, with its own cursor (§4), read from the raw item: contact outputs leave `searchAfter` out. */
interface SearchHit {
  contact: ContactOutput;
  cursor?: unknown[];
  /** The item has its names only lower-cased (the thin shape, §14.1): what it shows is not the contact in full. */
  thin: boolean;
}

const searchHits = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<SearchHit[]> => {
  const locationId = locationIdOf(z, bundle);
  const answer = await ghl(z, bundle, endpoints.contactSearch, {
    body: {
      locationId,
      pageLimit: search.pageLimit,
      page: search.page,
      searchAfter: search.searchAfter,
      filters: search.filters,
      sort: [{ field: search.sortBy, direction: 'desc' }],
    },
    answer: SearchAnswer,
    unreadable: 'without a list of contacts',
  });
  return (answer.contacts ?? []).map((raw) => {
    const cursor = (raw as { searchAfter?: unknown }).searchAfter;
    return { contact: contactFromSearch(raw, locationId), cursor: Array.isArray(cursor) && cursor.length ? cursor : undefined, thin: isThinItem(raw) };
  });
};

export const searchContacts = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<ContactOutput[]> =>
  (await searchHits(z, bundle, search)).map((hit) => hit.contact);

export interface ContactPages {
  contacts: ContactOutput[];
  requests: number;
  /** The last page was short: nothing further matches. */
  complete: boolean;
  /** The ids of the thin items (§14.1): to be read in full (lib/contact/full_reads.ts) before they are passed on. */
  thin: Set<string>;
}

/**
 * Pages on with `searchAfter` (the last item's cursor, §4) while a page is full and `more(lastItem)` says the
 * next page is still wanted, for at most `maxRequests` requests and POLL_TIME_BUDGET_MS. Each contact once, in
 * HighLevel's order.
 */
export const searchContactPages = async (
  z: ZObject,
  bundle: Bundle,
  search: Omit<ContactSearch, 'page' | 'searchAfter'>,
  { maxRequests, more = () => true }: { maxRequests: number; more?: (last: ContactOutput) => boolean },
): Promise<ContactPages> => {
  const started = Date.now();
  const contacts: ContactOutput[] = [];
  const ids = new Set<string>();
  const thin = new Set<string>();
  let searchAfter: unknown[] | undefined;
  for (let requests = 1; ; requests++) {
    const page = await searchHits(z, bundle, { ...search, searchAfter });
    for (const hit of page) {
      if (ids.has(hit.contact.id)) continue;
      ids.add(hit.contact.id);
      contacts.push(hit.contact);
      if (hit.thin) thin.add(hit.contact.id);
    }
    const last = page[page.length - 1];
    if (page.length < search.pageLimit || !last) return { contacts, requests, complete: true, thin };
    // An item without a cursor ends the paging.
    searchAfter = last.cursor;
    if (!searchAfter || !more(last.contact) || requests >= maxRequests || outOfTime(started)) return { contacts, requests, complete: false, thin };
  }
};

/** GET /contacts/search/duplicate → {contact | null} (§6.1): the location's own matching rules, by email and/or phone. */
export const findDuplicate = async (z: ZObject, bundle: Bundle, query: { email?: string; number?: string }): Promise<ContactOutput | undefined> => {
  const locationId = locationIdOf(z, bundle);
  const contact = await ghl(z, bundle, endpoints.contactDuplicate, { query: { locationId, ...query }, allow404: true, answer: ContactAnswer.nullish() });
  return contact ? contactFromRest(contact, locationId) : undefined;
};

/** "Lena Vogt (lena.vogt@example.com)": what a user recognises in a dropdown; falls back to phone, then the id. */
export const contactLabel = (c: ContactOutput): string => {
  const name = c.name || c.email || c.phone || c.id;
  return c.email && c.email !== name ? `${name} (${c.email})` : name;
};

/** One page: a search step uses the first result, and one request keeps the step well inside the rate limit. */
export const BUSINESS_CONTACTS_LIMIT = 100;

/** GET /contacts/business/{businessId} answers {contacts, count}, paged by limit/skip; a 404 is no contacts. */
const BusinessContacts = lazy(() => zod.looseObject({ contacts: zod.array(ContactAnswer).nullish(), count: zod.number().nullish() }));

export const contactsOfBusiness = async (z: ZObject, bundle: Bundle, businessId: string, query: string | undefined): Promise<ContactOutput[]> => {
  const locationId = locationIdOf(z, bundle);
  const answer = await ghl(z, bundle, endpoints.contactsByBusiness, {
    path: { businessId },
    labels: { businessId: 'Business' },
    query: { locationId, limit: BUSINESS_CONTACTS_LIMIT, skip: 0, query },
    allow404: true,
    answer: BusinessContacts,
    unreadable: 'without a list of contacts',
  });
  return (answer?.contacts ?? []).map((contact) => contactFromRest(contact, locationId));
};

/** GET /contacts/{id} → {contact}; undefined when HighLevel has no such contact (404). */
export const getContact = async (z: ZObject, bundle: Bundle, contactId: string): Promise<ContactOutput | undefined> => {
  const contact = await ghl(z, bundle, endpoints.contactGet, {
    path: { contactId },
    labels: { contactId: 'Contact' },
    allow404: true,
    answer: ContactAnswer,
    unreadable: 'without the contact',
  });
  return contact ? contactFromRest(contact, locationIdOf(z, bundle)) : undefined;
};

/**
 * What a written contact shows of the body that created it, for finding it again after a lost answer
 * (lib/http/replay.ts): email (lower case) and phone when given, else the names (lower case: HighLevel may re-case them).
 */
export const contactShown = (contact: { email?: unknown; phone?: unknown; firstName?: unknown; lastName?: unknown }): Record<string, string> => {
  const value = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
  const email = value(contact.email);
  const phone = value(contact.phone);
  return email || phone ? { email, phone } : { firstName: value(contact.firstName), lastName: value(contact.lastName) };
};

/**
 * Where a contact created at `since` or later would be: the duplicate lookup by its email or phone (answered right after
 * a write, §11.15) and the newest contacts added since then (the search index, which can lag a little behind; a replay
 * comes minutes later). One page of 100 is enough for a replay minutes after its attempt.
 */
export const contactsAddedSince = async (z: ZObject, bundle: Bundle, since: number, query: { email?: string; number?: string }): Promise<ContactOutput[]> => {
  const [duplicate, recent] = await Promise.all([
    query.email || query.number ? findDuplicate(z, bundle, query) : undefined,
    searchContacts(z, bundle, {
      sortBy: 'dateAdded',
      pageLimit: POLL_PAGE_LIMIT,
      filters: [{ field: 'dateAdded', operator: 'range', value: { gte: new Date(since).toISOString() } }],
    }),
  ]);
  return duplicate ? [duplicate, ...recent.filter((c) => c.id !== duplicate.id)] : recent;
};
