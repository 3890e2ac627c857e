import { isRecord } from '../../http';
import type { SandboxState } from '../../state';
import type { Contact } from '../../types';
import type { Getter } from './fields';
import { DATE_ADDED, getterFor, SORT_FIELDS } from './fields';

/** Sorting and paging: sort keys, the `searchAfter` cursor (sort values + id), and page windows. */

export const MAX_PAGE_LIMIT = 500;
export const MAX_WINDOW = 10_000;

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
  get: Getter;
}

export type Key = string | number | boolean | null;

/** `sort: [{field, direction}]`; none given → `dateAdded desc` (docs/highlevel-api.md is silent; our choice). */
export function parseSort(raw: unknown, errors: string[]): SortSpec[] {
  const sorts: SortSpec[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((item, i) => {
      if (!isRecord(item) || typeof item.field !== 'string' || !SORT_FIELDS.has(item.field)) {
        errors.push(`sort.${i}.field must be one of the following values: ${[...SORT_FIELDS].join(', ')}`);
        return;
      }
      const direction = item.direction ?? 'desc';
      if (direction !== 'asc' && direction !== 'desc') {
        errors.push(`sort.${i}.direction must be one of the following values: asc, desc`);
        return;
      }
      const get = getterFor(item.field);
      if (get) sorts.push({ field: item.field, direction, get });
    });
  }
  if (sorts.length === 0) sorts.push({ field: 'dateAdded', direction: 'desc', get: DATE_ADDED });
  return sorts;
}

/** Checks page / searchAfter / window rules; returns the cursor when one was given. */
export function parsePaging(body: Record<string, unknown>, sorts: readonly SortSpec[], errors: string[]): { pageLimit: number; page?: number; cursor?: Key[] } {
  const pageLimit = body.pageLimit as number;
  const page = typeof body.page === 'number' ? body.page : undefined;
  const cursor = Array.isArray(body.searchAfter) ? body.searchAfter : undefined;
  if (page !== undefined && cursor !== undefined) errors.push('page and searchAfter cannot be used together');
  if (cursor !== undefined) {
    const valid =
      cursor.length === sorts.length + 1 && cursor.every((k) => k === null || typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean');
    if (!valid) errors.push('searchAfter must be the searchAfter value of a contact returned with the same sort');
  }
  if (page !== undefined && page * pageLimit > MAX_WINDOW) {
    errors.push(`page * pageLimit must not exceed ${MAX_WINDOW}; use searchAfter to page deeper`);
  }
  return { pageLimit, page, cursor: cursor as Key[] | undefined };
}

export function sortKey(c: Contact, s: SandboxState, sorts: readonly SortSpec[]): Key[] {
  const keys: Key[] = sorts.map((spec) => {
    const v = spec.get(c, s);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  });
  keys.push(c.id);
  return keys;
}

/** Missing values sort last in both directions; the id breaks ties ascending. */
export function compareKeys(a: readonly Key[], b: readonly Key[], sorts: readonly SortSpec[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const dir = i < sorts.length && sorts[i]?.direction === 'desc' ? -1 : 1;
    return (x < y ? -1 : 1) * dir;
  }
  return 0;
}

/** Index of the first row of the page: after the cursor, or `(page - 1) * pageLimit`, or 0. */
export function pageStart(
  rows: readonly { key: readonly Key[] }[],
  sorts: readonly SortSpec[],
  paging: { pageLimit: number; page?: number; cursor?: Key[] },
): number {
  if (paging.cursor !== undefined) {
    const after = paging.cursor;
    const start = rows.findIndex((r) => compareKeys(r.key, after, sorts) > 0);
    return start < 0 ? rows.length : start;
  }
  return paging.page !== undefined ? (paging.page - 1) * paging.pageLimit : 0;
}
