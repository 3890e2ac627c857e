import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { API, CONTACTS_VERSION } from './app';

/**
 * What Zapier's backend puts in `bundle.meta` for the polls of one Zap: the first poll fills the dedupe table, later
 * ones poll. Each test uses its own Zap id, so the state the app keeps in z.cache never leaks between tests.
 */
let zaps = 0;
export const newZap = (): string => `zap-${process.pid}-${++zaps}`;

export const firstPoll = (zap: string): Bundle['meta'] => ({ isPopulatingDedupe: true, limit: -1, page: 0, zap: { id: zap } }) as unknown as Bundle['meta'];
export const laterPoll = (zap: string): Bundle['meta'] => ({ isPopulatingDedupe: false, limit: 100, page: 0, zap: { id: zap } }) as unknown as Bundle['meta'];

/**
 * A contact search item as HighLevel's search returns it: a full item (the names, lower-cased copies beside them, a
 * `searchAfter` cursor; issue #314, docs/highlevel-api.md §14.1). `thinItem` is the thin shape (lower-cased names only),
 * which the triggers read in full before passing it on.
 */
export const searchItem = (n: number, dates: { added: string; updated?: string }, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  const id = `Ct${String(n).padStart(18, '0')}`;
  const updated = dates.updated ?? dates.added;
  return {
    id,
    locationId: 've9EPM428h8vShlRW1KT',
    firstName: `Person${n}`,
    firstNameLowerCase: `person${n}`,
    email: `person${n}@example.com`,
    tags: [],
    customFields: [],
    dateAdded: dates.added,
    dateUpdated: updated,
    searchAfter: [Date.parse(updated), id],
    ...extra,
  };
};

/** The thin shape of searchItem: no real-case names, only the lower-cased copy. */
export const thinItem = (n: number, dates: { added: string; updated?: string }, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  const { firstName: _real, ...thin } = searchItem(n, dates, extra);
  return thin;
};

/** `count` items `stepMs` apart (default a second), newest first, the newest at `newest`. */
export const newestFirst = (count: number, newest: string, from = 0, by: 'added' | 'updated' = 'added', stepMs = 1000): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.parse(newest) - i * stepMs).toISOString();
    return searchItem(from + i, by === 'added' ? { added: at } : { added: '2026-01-01T00:00:00.000Z', updated: at });
  });

export interface SearchBody {
  pageLimit: number;
  searchAfter?: unknown[];
  sort?: { field: string; direction: string }[];
  filters?: unknown[];
}

/**
 * A nock reply for POST /contacts/search over a fixed list (already in the order asked for): `pageLimit` items after
 * the one whose `searchAfter` is the cursor. Records every body it was sent.
 */
export const pagedSearch = (items: Record<string, unknown>[]) => {
  const bodies: SearchBody[] = [];
  const reply = (_uri: string, body: unknown): [number, Record<string, unknown>] => {
    const b = body as SearchBody;
    bodies.push(b);
    const after = b.searchAfter ? items.findIndex((i) => JSON.stringify(i.searchAfter) === JSON.stringify(b.searchAfter)) + 1 : 0;
    return [200, { contacts: items.slice(after, after + b.pageLimit), total: items.length }];
  };
  return { bodies, reply };
};

export interface TaskSearchBody {
  limit: number;
  skip?: number;
  completed?: boolean;
  contactId?: string[];
  assignedTo?: string[];
}

/** A task search item (`_id` as some answers spell it) for `contactId`. */
export const taskItem = (n: number, completed: boolean, contactId = 'ocQHyuzHvysMo5N5VsXc', extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `Tk${String(n).padStart(18, '0')}`,
  title: `Task ${n}`,
  dueDate: '2026-07-01T15:00:00.000Z',
  completed,
  contactId,
  ...extra,
});

/**
 * A nock reply for POST /locations/{id}/tasks/search over a fixed list, in that (arbitrary) order: filters by
 * `completed`, then `limit`/`skip`, at most `cap` items per page (a silent cap when below the limit asked for).
 */
export const pagedTaskSearch = (tasks: () => Record<string, unknown>[], cap = Infinity) => {
  const bodies: TaskSearchBody[] = [];
  const reply = (_uri: string, body: unknown): [number, Record<string, unknown>] => {
    const b = body as TaskSearchBody;
    bodies.push(b);
    const matching = tasks().filter((t) => b.completed === undefined || t.completed === b.completed);
    const skip = b.skip ?? 0;
    return [200, { tasks: matching.slice(skip, skip + Math.min(b.limit, cap)) }];
  };
  return { bodies, reply };
};

/**
 * GET /contacts/{id} for a thin search item (lib/contact/poll.ts reads those in full): the contact with its names in
 * real case (the fixture's thin item is Jonas Becker) and a website the item lacked.
 */
export const expectFullRead = (
  item: Record<string, unknown>,
  full: Record<string, unknown> = { firstName: 'Jonas', lastName: 'Becker', website: 'https://becker.example.com' },
) =>
  nock(API, CONTACTS_VERSION)
    .get(`/contacts/${String(item.id)}`)
    .reply(200, { contact: { ...item, searchAfter: undefined, ...full } });

/**
 * GET /contacts/{id} for every contact of `items` (persisting until nock.cleanAll): the item in full, its names in
 * real case (`Person<n>`, as searchItem has them) and a website; ids in `gone` answer 404 (deleted since). Records
 * the ids read.
 */
export const fullReads = (items: Record<string, unknown>[], gone: string[] = []) => {
  const byId = new Map(items.map((i) => [String(i.id), i]));
  return contactReads(/^\/contacts\/Ct\d+$/, (id) => {
    const item = byId.get(id);
    if (!item || gone.includes(id)) return [404, { statusCode: 404, message: 'Contact not found' }];
    const { searchAfter: _cursor, ...rest } = item;
    return [200, { contact: { ...rest, firstName: `Person${id.slice(2).replace(/^0+/, '') || '0'}`, website: `https://${id}.example.com` } }];
  });
};

/**
 * GET /contacts/{id} for every path matching `path` (persisting until nock.cleanAll), answered by `answer(id)`;
 * records the ids read, in order.
 */
export const contactReads = (path: RegExp, answer: (id: string) => [number, Record<string, unknown>]) => {
  const ids: string[] = [];
  nock(API, CONTACTS_VERSION)
    .persist()
    .get(path)
    .reply((uri) => {
      const id = uri.split('/').pop() ?? '';
      ids.push(id);
      return answer(id);
    });
  return { ids };
};

/** newestFirst in the thin shape (lower-cased names only). */
export const thinNewestFirst = (count: number, newest: string, from = 0, by: 'added' | 'updated' = 'added', stepMs = 1000): Record<string, unknown>[] =>
  newestFirst(count, newest, from, by, stepMs).map(({ firstName: _real, ...thin }) => thin);
