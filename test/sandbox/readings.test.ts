import type { Contact } from '../../sandbox';
import { first, useSandbox } from './helpers';

/**
 * Where HighLevel is silent the sandbox takes the least convenient reading for a poller (sandbox/README.md): search
 * lags writes, tag filters match the stored lower-case name only, the task search is never newest first, and a note
 * does not touch its contact.
 */
type Hit = { id: string; tags: string[]; city?: string; dateUpdated: string };
type Result = { contacts: Hit[]; total: number };

describe('sandbox: contact search lags API writes (docs/highlevel-api.md §14.10)', () => {
  let clock = Date.parse('2026-06-20T10:00:00.000Z');
  const ctx = useSandbox({ contacts: 20, searchLagMs: 5000, now: () => new Date(clock) });
  const search = (body: Record<string, unknown> = {}) => ctx.api.post<Result>('/contacts/search', { locationId: ctx.sb.locationId, pageLimit: 100, ...body });
  const found = async (id: string) => (await search()).body.contacts.find((c) => c.id === id);

  test('a new contact is invisible, a changed one shows its old version, a deleted one stays, until the lag has passed', async () => {
    const created = await ctx.api.post<{ contact: { id: string } }>('/contacts', { locationId: ctx.sb.locationId, email: 'lag@example.com' });
    const changed = first(ctx.sb.state.contacts) as Contact;
    const oldCity = changed.city;
    await ctx.api.put(`/contacts/${changed.id}`, { city: 'Lagstadt' });
    const gone = [...ctx.sb.state.contacts.values()][1] as Contact;
    await ctx.api.delete(`/contacts/${gone.id}`);

    clock += 4999;
    expect(await found(created.body.contact.id)).toBeUndefined();
    expect((await found(changed.id))?.city).toBe(oldCity);
    expect(await found(gone.id)).toBeDefined();
    // Reads by id are the read-after-write path.
    expect((await ctx.api.get<{ contact: { city: string } }>(`/contacts/${changed.id}`)).body.contact.city).toBe('Lagstadt');

    clock += 1;
    expect(await found(created.body.contact.id)).toBeDefined();
    expect((await found(changed.id))?.city).toBe('Lagstadt');
    expect(await found(gone.id)).toBeUndefined();
  });

  test('two writes in a row: search moves from version to version', async () => {
    const c = first(ctx.sb.state.contacts) as Contact;
    await ctx.api.put(`/contacts/${c.id}`, { city: 'Eins' });
    clock += 3000;
    await ctx.api.put(`/contacts/${c.id}`, { city: 'Zwei' });
    clock += 2000;
    expect((await found(c.id))?.city).toBe('Eins');
    clock += 3000;
    expect((await found(c.id))?.city).toBe('Zwei');
  });

  test('a write that changes nothing still gets a new dateUpdated', async () => {
    const c = first(ctx.sb.state.contacts) as Contact;
    const before = c.dateUpdated;
    clock += 1000;
    await ctx.api.put(`/contacts/${c.id}`, { city: c.city ?? 'Berlin' });
    expect(c.dateUpdated > before).toBe(true);
  });
});

describe('sandbox: tag filters match the stored lower-case name only (docs/highlevel-api.md §14.7)', () => {
  const ctx = useSandbox({ contacts: 30, searchLagMs: 0 });

  test('eq "vip" finds the tagged contacts, eq "VIP" none; contains is exact too', async () => {
    const c = first(ctx.sb.state.contacts) as Contact;
    await ctx.api.post(`/contacts/${c.id}/tags`, { tags: ['VIP-Gold'] });
    expect(c.tags).toContain('vip-gold');
    const total = async (value: string, operator = 'eq') =>
      (await ctx.api.post<Result>('/contacts/search', { locationId: ctx.sb.locationId, pageLimit: 100, filters: [{ field: 'tags', operator, value }] })).body
        .total;
    expect(await total('vip-gold')).toBeGreaterThanOrEqual(1);
    expect(await total('VIP-Gold')).toBe(0);
    expect(await total('vip-g', 'contains')).toBeGreaterThanOrEqual(1);
    expect(await total('VIP-G', 'contains')).toBe(0);
  });
});

describe('sandbox: the location task search is never newest first (docs/highlevel-api.md §14.4)', () => {
  const path = (sb: { locationId: string }) => `/locations/${sb.locationId}/tasks/search`;

  describe('even seed: oldest first', () => {
    const ctx = useSandbox({ contacts: 20, seed: 20240522 });
    test('tasks come back in creation order, so the newest are on the last page', async () => {
      const contactId = (first(ctx.sb.state.contacts) as Contact).id;
      for (const title of ['one', 'two', 'three']) {
        await ctx.api.post(`/contacts/${contactId}/tasks`, { title, dueDate: '2026-07-01T17:00:00Z', completed: false });
      }
      const res = await ctx.api.post<{ tasks: { title: string; dateAdded: string }[] }>(path(ctx.sb), { limit: 100 });
      const dates = res.body.tasks.map((t) => t.dateAdded);
      expect(dates).toEqual([...dates].sort());
      expect(res.body.tasks.slice(-3).map((t) => t.title)).toEqual(['one', 'two', 'three']);
    });
  });

  describe('odd seed (the default): a fixed shuffle', () => {
    const ctx = useSandbox({ contacts: 20 });
    test('the same order on every request, neither oldest nor newest first', async () => {
      const contactId = (first(ctx.sb.state.contacts) as Contact).id;
      for (let i = 0; i < 12; i++) await ctx.api.post(`/contacts/${contactId}/tasks`, { title: `t${i}`, dueDate: '2026-07-01T17:00:00Z', completed: false });
      const order = async () => (await ctx.api.post<{ tasks: { id: string; dateAdded: string }[] }>(path(ctx.sb), { limit: 100 })).body.tasks;
      const a = await order();
      expect((await order()).map((t) => t.id)).toEqual(a.map((t) => t.id));
      const dates = a.map((t) => t.dateAdded);
      expect(dates).not.toEqual([...dates].sort());
      expect(dates).not.toEqual([...dates].sort().reverse());
    });
  });
});

describe('sandbox: a note does not touch its contact (docs/highlevel-api.md §14.5)', () => {
  const ctx = useSandbox({ contacts: 10 });
  test('creating and editing a note leaves dateUpdated as it was', async () => {
    const c = first(ctx.sb.state.contacts) as Contact;
    const before = c.dateUpdated;
    const note = await ctx.api.post<{ note: { id: string } }>(`/contacts/${c.id}/notes`, { body: 'quiet note' });
    await ctx.api.put(`/contacts/${c.id}/notes/${note.body.note.id}`, { body: 'still quiet' });
    expect(c.dateUpdated).toBe(before);
  });
});
