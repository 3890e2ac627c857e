import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { withCustomValues } from '../custom_field/api';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { ContactAnswer, contactFromRest, contactFromSearch, type ContactOutput } from './schema';

/**
 * Contact reads shared by triggers, searches, dropdowns and the appointment actions. POST /contacts/search
 * (docs/highlevel-api.md §6.1): one request, newest first by the given date. The answer is `{contacts, total}`.
 */
export const SEARCH_MAX_PAGE_LIMIT = 500;
export const POLL_PAGE_LIMIT = 100;

const SearchAnswer = zod.looseObject({ contacts: zod.array(ContactAnswer).nullish(), total: zod.number().nullish() });

export interface SearchFilter {
  field: string;
  operator: 'eq' | 'not_eq' | 'contains' | 'not_contains' | 'exists' | 'not_exists' | 'range';
  value?: unknown;
}

export interface ContactSearch {
  /** Sorted by this date, newest first. */
  sortBy: 'dateAdded' | 'dateUpdated';
  pageLimit: number;
  /** 1-based page (HighLevel counts from 1). */
  page?: number;
  filters?: SearchFilter[];
}

/** The first poll of a Zap fills Zapier's dedupe table, so it takes as much as one request can (500); later polls 100. */
export const pollPageLimit = (bundle: Bundle): number => (bundle.meta?.isPopulatingDedupe ? SEARCH_MAX_PAGE_LIMIT : POLL_PAGE_LIMIT);

export const searchContacts = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<ContactOutput[]> => {
  const locationId = locationIdOf(z, bundle);
  const answer = await ghl(z, bundle, endpoints.contactSearch, {
    body: {
      locationId,
      pageLimit: search.pageLimit,
      page: search.page,
      filters: search.filters,
      sort: [{ field: search.sortBy, direction: 'desc' }],
    },
    answer: SearchAnswer,
    unreadable: 'without a list of contacts',
  });
  return (answer.contacts ?? []).map((contact) => contactFromSearch(contact, locationId));
};

/**
 * A trigger poll: the search, plus custom values under readable keys. The field list comes from the connection's
 * short-lived cache when it can, so a poll stays one request to HighLevel in the common case.
 */
export const pollContacts = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<ContactOutput[]> =>
  withCustomValues(z, bundle, await searchContacts(z, bundle, search), { shared: true });

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
