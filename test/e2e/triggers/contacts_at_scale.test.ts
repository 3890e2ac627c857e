import { apiWrite, connect, disconnect, type Connected } from '../helpers';

type Row = Record<string, unknown> & { id: string };

/**
 * The contact triggers at the sizes of a real location (issue 10), against the sandbox through the Zapier runtime,
 * with the sandbox's contact search lagging writes (docs/highlevel-api.md §14.10).
 */
describe('end to end at scale: New Contact and New or Updated Contact', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ contacts: 400, rateLimit: false });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it('130 contacts created between two polls: every one is passed on (full items: 100 run, 30 held by Zapier; thin items: read in full over the next checks), also those the search shows late', async () => {
    expect(await c.runtime.poll('contact_new')).toEqual([]);
    // The index stays behind the whole import (a minute of lag), then catches up.
    c.sandbox.searchLagMs = 60_000;
    const created: string[] = [];
    for (let i = 0; i < 130; i++) {
      const answer = await apiWrite(c, 'POST', '/contacts', { locationId: c.sandbox.locationId, email: `bulk${i}@example.com`, firstName: `Bulk${i}` });
      created.push(String((answer.contact as Row).id));
    }
    // Right after the import the search index has not caught up: this poll sees none of them.
    const early = await c.runtime.poll<Row>('contact_new');
    expect(early.filter((i) => created.includes(i.id))).toEqual([]);
    c.sandbox.catchUpSearch();
    c.sandbox.searchLagMs = 1000;
    const later = await c.runtime.poll<Row>('contact_new');
    // Newest first, as Zapier wants them.
    const added = later.map((i) => String(i.dateAdded));
    expect(added).toEqual([...added].sort().reverse());
    if (c.sandbox.variety.searchItems === 'full') {
      expect(later.map((i) => i.id).sort()).toEqual([...created].sort());
      expect(c.runtime.held.get('contact_new:{}')).toBe(30);
      return;
    }
    // Thin items are read in full within each check's 10 requests (README "Thin search items are read in full"):
    // the first check (two search pages) passes 8, each next one up to 9 of the held ones, none twice.
    expect(later).toHaveLength(8);
    const passed = later.map((i) => i.id);
    for (let check = 0; check < 20 && passed.length < created.length; check++) {
      const next = await c.runtime.poll<Row>('contact_new');
      expect(next.length).toBeLessThanOrEqual(9);
      passed.push(...next.map((i) => i.id));
    }
    expect([...passed].sort()).toEqual([...created].sort());
    expect(later.every((i) => /^Bulk\d+$/.test(String(i.firstName)))).toBe(true);
  });

  it('New or Updated Contact: a save that changes nothing fires nothing, a change and a change back each fire once', async () => {
    const zap = { zap: 'two-way' };
    expect(await c.runtime.poll('contact_updated', {}, zap)).toEqual([]);
    const target = [...c.sandbox.state.contacts.values()].find((x) => x.email && x.city) ?? [...c.sandbox.state.contacts.values()][0];
    const id = target?.id as string;
    const city = target?.city as string;
    const changes = async () => {
      c.sandbox.catchUpSearch();
      return (await c.runtime.poll<Row>('contact_updated', {}, zap)).filter((i) => i.contactId === id);
    };
    await c.runtime.create('contact_update', { contactId: id, city });
    expect(await changes()).toEqual([]);
    await c.runtime.create('contact_update', { contactId: id, city: 'Wuppertal' });
    expect((await changes()).map((i) => i.city)).toEqual(['Wuppertal']);
    await c.runtime.create('contact_tag_add', { contactId: id, tags: ['Scale-Test'] });
    expect((await changes()).map((i) => i.tags)).toEqual([expect.arrayContaining(['scale-test'])]);
    await c.runtime.create('contact_tag_remove', { contactId: id, tags: ['scale-test'] });
    await c.runtime.create('contact_update', { contactId: id, city });
    const back = await changes();
    expect(back.map((i) => i.city)).toEqual([city]);
    expect(back[0]?.tags).not.toContain('scale-test');
  });
});

describe('end to end at scale: Tag Added to Contact with 601 contacts already tagged', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ contacts: 700, rateLimit: false });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it('seeds all 601, ignores an edit of the oldest, fires on a new tagging, and again after remove + re-add', async () => {
    const contacts = [...c.sandbox.state.contacts.values()].sort((a, b) => a.dateAdded.localeCompare(b.dateAdded));
    const tagged = contacts.slice(0, 601);
    for (const contact of tagged) contact.tags = [...new Set([...contact.tags, 'tc-enrolled'])];
    for (const contact of contacts.slice(601)) contact.tags = contact.tags.filter((t) => t !== 'tc-enrolled');
    // The user picks the tag as it is shown elsewhere, in another case.
    const input = { tag: 'TC-Enrolled' };
    const poll = async () => {
      c.sandbox.catchUpSearch();
      return c.runtime.poll<Row>('contact_tag_added', input);
    };
    c.sandbox.clearRequests();
    expect(await poll()).toEqual([]);
    expect(c.sandbox.requests.filter((r) => r.path === '/contacts/search')).toHaveLength(2);

    const oldest = tagged[0]?.id as string;
    await c.runtime.create('contact_update', { contactId: oldest, city: 'Bonn' });
    expect(await poll()).toEqual([]);

    const newcomer = contacts[650]?.id as string;
    await c.runtime.create('contact_tag_add', { contactId: newcomer, tags: ['tc-enrolled'] });
    expect((await poll()).map((i) => i.id)).toEqual([newcomer]);
    expect(await poll()).toEqual([]);

    await c.runtime.create('contact_tag_remove', { contactId: oldest, tags: ['tc-enrolled'] });
    expect(await poll()).toEqual([]);
    await c.runtime.create('contact_tag_add', { contactId: oldest, tags: ['tc-enrolled'] });
    const again = await poll();
    expect(again.map((i) => i.id)).toEqual([oldest]);
    expect(again[0]?.tagAddedId).toEqual(expect.stringMatching(new RegExp(`^${oldest}:`)));
  });
});
