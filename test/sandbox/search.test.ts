import type { Contact } from '../../sandbox';
import { useSandbox } from './helpers';

type Hit = Record<string, unknown> & { id: string; dateAdded: string; dateUpdated: string; tags: string[]; searchAfter: unknown[] };
type Result = { contacts: Hit[]; total: number; traceId: string };

/**
 * `POST /contacts/search` (docs/highlevel-api.md §6.1, §4). Expectations are computed from `sandbox.state` as the
 * oracle.
 */
describe('sandbox contact search', () => {
  const ctx = useSandbox({ contacts: 120 });

  const search = (body: Record<string, unknown>) => ctx.api.post<Result>('/contacts/search', { locationId: ctx.sb.locationId, pageLimit: 500, ...body });
  const all = (): Contact[] => [...ctx.sb.state.contacts.values()];
  const ids = (r: Result): string[] => r.contacts.map((c) => c.id);

  test('response {contacts, total, traceId}; results are lighter than GET contact and carry searchAfter', async () => {
    const res = await search({ pageLimit: 5 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(120);
    expect(res.body.contacts).toHaveLength(5);
    expect(res.body.traceId).toEqual(expect.any(String));
    const hit = res.body.contacts[0] as Hit;
    expect(hit.firstNameLowerCase).toEqual(expect.any(String));
    expect(hit.firstName).toBeUndefined();
    expect(hit.dndSettings).toBeUndefined();
    expect(hit.searchAfter).toEqual([Date.parse(hit.dateAdded), hit.id]);
  });

  test('default order is dateAdded desc; sort by dateUpdated asc', async () => {
    const byAdded = (await search({})).body.contacts.map((c) => c.dateAdded);
    expect(byAdded).toEqual([...byAdded].sort().reverse());
    const res = await search({ sort: [{ field: 'dateUpdated', direction: 'asc' }] });
    const updated = res.body.contacts.map((c) => c.dateUpdated);
    expect(updated).toEqual([...updated].sort());
  });

  test('page + pageLimit', async () => {
    const full = ids((await search({ sort: [{ field: 'dateAdded', direction: 'asc' }] })).body);
    const p2 = await search({ page: 2, pageLimit: 25, sort: [{ field: 'dateAdded', direction: 'asc' }] });
    expect(ids(p2.body)).toEqual(full.slice(25, 50));
    expect(p2.body.total).toBe(120);
    const past = await search({ page: 6, pageLimit: 25 });
    expect(past.body.contacts).toHaveLength(0);
  });

  test('searchAfter cursor walks every contact once, in order', async () => {
    const sort = [{ field: 'dateUpdated', direction: 'desc' }];
    const full = ids((await search({ sort })).body);
    const seen: string[] = [];
    let cursor: unknown[] | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const res = await search({ pageLimit: 17, sort, ...(cursor ? { searchAfter: cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...ids(res.body));
      if (res.body.contacts.length < 17) break;
      cursor = res.body.contacts[res.body.contacts.length - 1]?.searchAfter;
    }
    expect(seen).toEqual(full);
  });

  test('eq / not_eq on tags, contains on email, exists / not_exists on phone', async () => {
    const vip = await search({ filters: [{ field: 'tags', operator: 'eq', value: 'vip' }] });
    const expected = all().filter((c) => c.tags.includes('vip'));
    expect(vip.body.total).toBe(expected.length);
    expect(vip.body.contacts.every((c) => c.tags.includes('vip'))).toBe(true);

    const notVip = await search({ filters: [{ field: 'tags', operator: 'not_eq', value: 'vip' }] });
    expect(notVip.body.total).toBe(120 - expected.length);

    const gmail = await search({ filters: [{ field: 'email', operator: 'contains', value: 'GMAIL.com' }] });
    expect(gmail.body.total).toBe(all().filter((c) => c.emailLowerCase?.includes('gmail.com')).length);

    const withPhone = await search({ filters: [{ field: 'phone', operator: 'exists' }] });
    const noPhone = await search({ filters: [{ field: 'phone', operator: 'not_exists' }] });
    expect(withPhone.body.total).toBe(all().filter((c) => c.phone).length);
    expect(withPhone.body.total + noPhone.body.total).toBe(120);
  });

  test('range on dateAdded with ISO strings and epoch-ms numbers', async () => {
    const sorted = all()
      .map((c) => Date.parse(c.dateAdded))
      .sort((a, b) => a - b);
    const mid = sorted[60] as number;
    const iso = await search({
      filters: [{ field: 'dateAdded', operator: 'range', value: { gte: new Date(mid).toISOString() } }],
    });
    expect(iso.body.total).toBe(sorted.filter((t) => t >= mid).length);
    const ms = await search({ filters: [{ field: 'dateAdded', operator: 'range', value: { gt: sorted[10], lte: mid } }] });
    expect(ms.body.total).toBe(sorted.filter((t) => t > (sorted[10] as number) && t <= mid).length);
  });

  test('nested AND/OR groups', async () => {
    const res = await search({
      filters: [
        {
          group: 'OR',
          filters: [
            { field: 'tags', operator: 'eq', value: 'vip' },
            {
              group: 'AND',
              filters: [
                { field: 'tags', operator: 'eq', value: 'member' },
                { field: 'type', operator: 'eq', value: 'customer' },
              ],
            },
          ],
        },
        { field: 'email', operator: 'exists' },
      ],
    });
    const expected = all().filter((c) => (c.tags.includes('vip') || (c.tags.includes('member') && c.type === 'customer')) && c.email);
    expect(res.body.total).toBe(expected.length);
    expect(new Set(ids(res.body))).toEqual(new Set(expected.map((c) => c.id)));
  });

  test('free-text query matches names and emails', async () => {
    const target = all()[5] as Contact;
    const res = await search({ query: target.emailLowerCase ?? target.fullNameLowerCase });
    expect(ids(res.body)).toContain(target.id);
  });

  test('a write reaches search only after the lag; then by dateUpdated', async () => {
    const c = all()[0] as Contact;
    await ctx.api.post(`/contacts/${c.id}/tags`, { tags: ['just-tagged'] });
    const newest = async () => (await search({ pageLimit: 1, sort: [{ field: 'dateUpdated', direction: 'desc' }] })).body.contacts[0];
    expect((await newest())?.tags ?? []).not.toContain('just-tagged');
    ctx.sb.catchUpSearch();
    expect((await newest())?.id).toBe(c.id);
    expect((await newest())?.tags).toContain('just-tagged');
  });

  test('422: locationId and pageLimit required, pageLimit ≤ 500, page XOR searchAfter, known operators', async () => {
    const missing = await ctx.api.post('/contacts/search', {});
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual([
      'locationId should not be empty',
      'locationId must be a string',
      'pageLimit must be a number conforming to the specified constraints',
    ]);
    const big = await search({ pageLimit: 501 });
    expect(big.status).toBe(422);
    expect(big.body).toMatchObject({ message: ['pageLimit must not be greater than 500'], error: 'Unprocessable Entity' });
    const both = await search({ page: 1, searchAfter: [1, 'x'] });
    expect(both.status).toBe(422);
    const op = await search({ filters: [{ field: 'email', operator: 'like', value: 'x' }] });
    expect(op.status).toBe(422);
    const unknown = await search({ limit: 10 });
    expect(unknown.body).toMatchObject({ statusCode: 422, message: ['property limit should not exist'] });
    const window = await search({ page: 21, pageLimit: 500 });
    expect(window.status).toBe(422);
  });
});
