import { VARIETY_SEEDS } from '../../sandbox';
import { connect, disconnect, failure, type Connected } from './helpers';

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
});
