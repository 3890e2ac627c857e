import { findDuplicate } from '../contact_model/lookup';
import { renderContact, renderSearchContact } from '../contact_model/render';
import type { RouteResult } from '../http';
import { notFound, unprocessable } from '../http';
import type { AuthedContext } from '../router';
import { assertLocation } from '../router';
import type { Contact } from '../types';
import { validateQuery } from '../validate';

/** The contact look-ups besides search: duplicate check, contacts of a business, the deprecated list. */

function matchesNeedle(c: Contact, needle: string | undefined): boolean {
  return !needle || [c.fullNameLowerCase, c.emailLowerCase, c.phone].some((v) => v?.includes(needle));
}

/** docs/highlevel-api.md §6.1 duplicate lookup: `number` (not `phone`) and/or `email`; email has priority. */
export function duplicate(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    number: { type: 'string' },
    email: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  if (!q.number && !q.email) throw unprocessable(['either number or email is required']);
  const match = findDuplicate(ctx.state, q.email, q.number);
  return { body: { contact: match ? renderContact(ctx.state, match.contact) : null } };
}

export function byBusiness(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    limit: { type: 'numeric' },
    skip: { type: 'numeric' },
    query: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  const business = ctx.state.businesses.get(ctx.params.businessId ?? '');
  if (!business || business.locationId !== ctx.token.locationId) throw notFound('Business not found');
  const needle = q.query?.toLowerCase();
  const matches = ctx.state
    .contactsOfLocation()
    .filter((c) => c.businessId === business.id && matchesNeedle(c, needle))
    .sort((a, b) => (a.dateAdded < b.dateAdded ? 1 : a.dateAdded > b.dateAdded ? -1 : 0));
  const skip = Number(q.skip ?? 0);
  const limit = Number(q.limit ?? 25);
  const page = matches.slice(skip, skip + limit).map((c) => renderSearchContact(ctx.state, c));
  return { body: { contacts: page, count: matches.length } };
}

/** The deprecated list's `meta`: cursor of the next page (when there is one) and page numbers. */
function listMeta(locationId: string, total: number, start: number, limit: number, last: Contact | undefined) {
  const hasMore = start + limit < total;
  const currentPage = Math.floor(start / limit) + 1;
  const after = last ? Date.parse(last.dateAdded) : 0;
  return {
    total,
    ...(hasMore && last
      ? {
          startAfterId: last.id,
          startAfter: after,
          nextPageUrl: `/contacts/?locationId=${locationId}&limit=${limit}&startAfter=${after}&startAfterId=${last.id}`,
        }
      : {}),
    currentPage,
    nextPage: hasMore ? currentPage + 1 : null,
    prevPage: currentPage > 1 ? currentPage - 1 : null,
  };
}

/**
 * Deprecated `GET /contacts/` (docs/highlevel-api.md §6.1, §4): cursor by `startAfter` (ms) + `startAfterId`, oldest
 * first.
 */
export function list(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    limit: { type: 'numeric', max: 100 },
    startAfterId: { type: 'string' },
    startAfter: { type: 'numeric' },
    query: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  const limit = Number(q.limit ?? 20);
  const needle = q.query?.toLowerCase();
  const all = ctx.state
    .contactsOfLocation()
    .filter((c) => matchesNeedle(c, needle))
    .sort((a, b) => Date.parse(a.dateAdded) - Date.parse(b.dateAdded) || (a.id < b.id ? -1 : 1));
  let start = 0;
  if (q.startAfter !== undefined) {
    const after = Number(q.startAfter);
    start = all.findIndex((c) => {
      const t = Date.parse(c.dateAdded);
      return t > after || (t === after && q.startAfterId !== undefined && c.id > q.startAfterId);
    });
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + limit);
  return {
    body: {
      contacts: page.map((c) => renderSearchContact(ctx.state, c)),
      meta: listMeta(ctx.token.locationId, all.length, start, limit, page[page.length - 1]),
    },
  };
}
