import { VARIETY_SEEDS } from '../../sandbox';
import { apiWrite, connect, disconnect, failure, type Connected } from './helpers';

/** Location tags against the sandbox: created, offered in the tag dropdown, and a repeat named clearly. */
describe.each(VARIETY_SEEDS)('end to end: tags (seed %i)', (seed) => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ seed });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it('creates a tag that the tag dropdown then offers, and reports a repeated name', async () => {
    const created = await c.runtime.create<{ id: string; name: string }>('tag_create', { name: 'zapier-e2e' });
    expect(created.name).toBe('zapier-e2e');
    const choices = await c.runtime.trigger<{ id: string; name: string }>('tag_list');
    expect(choices.map((t) => t.name)).toContain('zapier-e2e');
    const again = await failure(c.runtime.create('tag_create', { name: 'zapier-e2e' }));
    expect(again.message).toMatch(/HighLevel rejected creating the tag \(400\)/);
  });

  describe('Create or Update Contact adds tags, never silently replaces them (issue 10)', () => {
    const tagsOf = async (id: string): Promise<string[]> => {
      const found = await c.runtime.search<{ tags: string[] }>('contact_find_by_id', { contactId: id });
      return [...found[0].tags].sort();
    };
    const seeded = async (email: string): Promise<string> => {
      const made = (await apiWrite(c, 'POST', '/contacts/', { locationId: c.sandbox.locationId, email, tags: ['newsletter', 'vip'] })) as {
        contact: { id: string };
      };
      return made.contact.id;
    };

    it("keeps a matched contact's other tags and reports them all", async () => {
      const id = await seeded('tags-kept@example.com');
      const result = await c.runtime.create<{ id: string; isNew: boolean; tags: string[] }>('contact_upsert', {
        email: 'tags-kept@example.com',
        firstName: 'Kept',
        tags: 'tc-enrolled',
      });
      expect(result).toMatchObject({ id, isNew: false });
      expect([...result.tags].sort()).toEqual(['newsletter', 'tc-enrolled', 'vip']);
      expect(await tagsOf(id)).toEqual(['newsletter', 'tc-enrolled', 'vip']);
    });

    it('replaces them only with Replace All Tags, and leaves them alone when no tags are given', async () => {
      const id = await seeded('tags-replaced@example.com');
      await c.runtime.create('contact_upsert', { email: 'tags-replaced@example.com', city: 'Köln', replaceTags: true });
      expect(await tagsOf(id)).toEqual(['newsletter', 'vip']);
      const result = await c.runtime.create<{ tags: string[] }>('contact_upsert', {
        email: 'tags-replaced@example.com',
        tags: ['tc-enrolled'],
        replaceTags: true,
      });
      expect(result.tags).toEqual(['tc-enrolled']);
      expect(await tagsOf(id)).toEqual(['tc-enrolled']);
    });

    it('gives a new contact exactly the tags given', async () => {
      const result = await c.runtime.create<{ id: string; isNew: boolean; tags: string[] }>('contact_upsert', {
        email: 'tags-new@example.com',
        tags: 'a-tag, b-tag',
      });
      expect(result.isNew).toBe(true);
      expect(await tagsOf(result.id)).toEqual(['a-tag', 'b-tag']);
    });
  });
});
