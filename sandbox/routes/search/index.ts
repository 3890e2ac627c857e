import { renderSearchContact } from '../../contact_model/render';
import type { RouteResult } from '../../http';
import { unprocessable } from '../../http';
import type { AuthedContext, ResourceRoute } from '../../router';
import { assertLocation } from '../../router';
import type { Contact } from '../../types';
import { VERSION_2021_07_28 } from '../../types';
import { validateBody } from '../../validate';
import { evaluate, matchesQuery } from './evaluate';
import { parseFilters } from './filters';
import type { Key } from './order';
import { compareKeys, MAX_PAGE_LIMIT, pageStart, parsePaging, parseSort, sortKey } from './order';

/**
 * `POST /contacts/search` (docs/highlevel-api.md §6.1, §4). The spec (contacts.json `search-contacts-advanced`)
 * leaves the body empty; this follows docs/highlevel-api.md §6.1: filters with eq / not_eq / contains /
 * not_contains / exists / not_exists / range (+ plain gt/gte/lt/lte), nested AND/OR groups, sort, page + pageLimit
 * (≤ 500, window ≤ 10,000) or the searchAfter cursor carried by every returned contact.
 */

const SEARCH_SHAPE = {
  locationId: { type: 'string', required: true },
  pageLimit: { type: 'number', required: true, min: 1, max: MAX_PAGE_LIMIT },
  page: { type: 'number', min: 1 },
  searchAfter: { type: 'array' },
  query: { type: 'string', maxLength: 75 },
  filters: { type: 'array' },
  sort: { type: 'array' },
} as const;

/** Everything checked before a single contact is looked at; any problem answers one 422 listing them all. */
function parseSearch(ctx: AuthedContext) {
  const body = validateBody(ctx.body, SEARCH_SHAPE);
  assertLocation(ctx, body.locationId);
  const errors: string[] = [];
  const filters = body.filters === undefined ? [] : parseFilters(body.filters, 'filters', errors, ctx.state);
  const sorts = parseSort(body.sort, errors);
  const paging = parsePaging(body, sorts, errors);
  if (errors.length > 0) throw unprocessable(errors);
  const needle = typeof body.query === 'string' && body.query.trim() !== '' ? body.query.trim().toLowerCase() : undefined;
  return { filters, sorts, paging, needle };
}

function search(ctx: AuthedContext): RouteResult {
  const { filters, sorts, paging, needle } = parseSearch(ctx);
  const state = ctx.state;
  const rows: { c: Contact; key: Key[] }[] = [];
  for (const c of state.searchableContacts()) {
    if (c.locationId !== ctx.token.locationId) continue;
    if (!filters.every((f) => evaluate(f, c, state)) || !matchesQuery(c, needle)) continue;
    rows.push({ c, key: sortKey(c, state, sorts) });
  }
  rows.sort((a, b) => compareKeys(a.key, b.key, sorts));
  const start = pageStart(rows, sorts, paging);
  const contacts = rows.slice(start, start + paging.pageLimit).map((r) => renderSearchContact(state, r.c, r.key));
  return { body: { contacts, total: rows.length } };
}

export const searchRoutes: ResourceRoute[] = [
  { method: 'POST', path: '/contacts/search', version: VERSION_2021_07_28, scope: 'contacts.readonly', handler: search },
];
