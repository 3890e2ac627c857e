import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { withCustomValues } from './custom_fields';
import { endpoints } from './endpoints';
import { ghl, locationIdOf } from './http';
import { toContactOutput, type ContactOutput } from './schemas/contact';

/**
 * POST /contacts/search (REFERENCE.md §6.1), shared by the contact polling triggers and the contact dropdown:
 * one request, newest first by the given date. The answer is `{contacts, total}`; its contacts are lighter than
 * GET contact's, which toContactOutput already handles.
 */
export const SEARCH_MAX_PAGE_LIMIT = 500;
export const POLL_PAGE_LIMIT = 100;

const SearchAnswer = zod.looseObject({ contacts: zod.array(zod.unknown()).nullish(), total: zod.number().nullish() });

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
  const raw = await ghl(z, bundle, endpoints.contactSearch, {
    body: {
      locationId,
      pageLimit: search.pageLimit,
      page: search.page,
      filters: search.filters,
      sort: [{ field: search.sortBy, direction: 'desc' }],
    },
  });
  const answer = SearchAnswer.safeParse(raw);
  if (!answer.success) {
    throw new z.errors.Error('HighLevel answered the contact search without a list of contacts. This is usually temporary: try again in a few minutes.', 'bad_response');
  }
  return (answer.data.contacts ?? []).map((contact) => toContactOutput(contact, locationId));
};

/**
 * A trigger poll: the search, plus custom values under readable keys. The field list comes from the connection's
 * short-lived cache when it can, so a poll stays one request to HighLevel in the common case.
 */
export const pollContacts = async (z: ZObject, bundle: Bundle, search: ContactSearch): Promise<ContactOutput[]> =>
  withCustomValues(z, bundle, await searchContacts(z, bundle, search), { shared: true });
