import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { withCustomValues } from '../custom_field/api';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { outOfTime } from '../poll/state';
import { userNames } from '../user/names';
import { ContactAnswer, contactFromRest, contactFromSearch, type ContactOutput } from './schema';

/**
 * Contact reads shared by triggers, searches, dropdowns and the appointment actions. POST /contacts/search
 * (docs/highlevel-api.md §6.1): one request, newest first by the given date. The answer is `{contacts, total}`.
 */
export const SEARCH_MAX_PAGE_LIMIT = 500;
export const POLL_PAGE_LIMIT = 100;

/**
 * What every contact output gets before it leaves: its custom values under readable keys and the assigned user's name
 * and email, the two lists read in parallel (each shared per connection; `shared` for the custom fields is for polls).
 * `names` is a reader already started beside the main request (lib/user/names.ts). A list that cannot be read leaves
 * its part out; the contact is returned all the same.
 */
export const finishContacts = async <T extends ContactOutput>(
  z: ZObject,
  bundle: Bundle,
  contacts: T[],
  options: { shared?: boolean; names?: ReturnType<typeof userNames> } = {},
): Promise<T[]> => {
  const names = options.names ?? userNames(z, bundle);
  const [valued, person] = await Promise.all([withCustomValues(z, bundle, contacts, { shared: options.shared }), names(contacts.map((c) => c.assignedTo))]);
  return valued.map((c) => {
    const { name, email } = person(c.assignedTo);
    return { ...c, assignedToName: name, assignedToEmail: email };
  });
};

const SearchAnswer = zod.looseObject({ contacts: zod.array(ContactAnswer).nullish(), total: zod.number().nullish() });

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
    return { contact: contactFromSearch(raw, locationId), cursor: Array.isArray(cursor) && cursor.length ? cursor : undefined };
  });
};

export const searchContacts = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<ContactOutput[]> =>
  (await searchHits(z, bundle, search)).map((hit) => hit.contact);

export interface ContactPages {
  contacts: ContactOutput[];
  requests: number;
  /** The last page was short: nothing further matches. */
  complete: boolean;
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
  let searchAfter: unknown[] | undefined;
  for (let requests = 1; ; requests++) {
    const page = await searchHits(z, bundle, { ...search, searchAfter });
    for (const { contact } of page) {
      if (ids.has(contact.id)) continue;
      ids.add(contact.id);
      contacts.push(contact);
    }
    const last = page[page.length - 1];
    if (page.length < search.pageLimit || !last) return { contacts, requests, complete: true };
    // An item without a cursor ends the paging.
    searchAfter = last.cursor;
    if (!searchAfter || !more(last.contact) || requests >= maxRequests || outOfTime(started)) return { contacts, requests, complete: false };
  }
};

/**
 * A trigger poll: the search, plus custom values under readable keys. The field list comes from the connection's
 * short-lived cache when it can, so a poll stays one request to HighLevel in the common case.
 */
export const pollContacts = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<ContactOutput[]> =>
  finishContacts(z, bundle, await searchContacts(z, bundle, search), { shared: true });

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
const BusinessContacts = zod.looseObject({ contacts: zod.array(ContactAnswer).nullish(), count: zod.number().nullish() });

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
