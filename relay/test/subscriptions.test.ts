import type { Db } from '../src/db/db';
import type { Relay } from '../src/relay';
import { BACKENDS, createTestDatabase, truncateAll } from './helpers/backends';
import type { TestDatabase } from './helpers/backends';
import { TEST_SECRET, postWebhook, relayApi, scalar, startTestRelay, subscribe, waitUntil, webhookBody } from './helpers/relay_fixture';
import type { FakeGhl } from './helpers/servers';
import { startFakeGhl, tokenFor } from './helpers/servers';

vi.setConfig({ testTimeout: 60_000 });

describe.each(BACKENDS)('subscription API (%s)', (backend) => {
  let testDb: TestDatabase;
  let db: Db;
  let ghl: FakeGhl;
  let relay: Relay;
  const target = 'http://127.0.0.1:9/hook';
  const input = { locationId: 'locA', event: 'contact.created', targetUrl: target };

  beforeAll(async () => {
    testDb = await createTestDatabase(backend);
    db = await testDb.open();
    ghl = await startFakeGhl();
    relay = await startTestRelay(db, ghl.url);
  });
  afterEach(async () => {
    ghl.calls.length = 0;
    await truncateAll(db);
  });
  afterAll(async () => {
    await relay?.close();
    await db?.close();
    await ghl?.close();
    await testDb?.drop();
  });

  it('creates a subscription after HighLevel confirms the token for the location', async () => {
    const res = await relayApi(relay.url, 'POST', '/subscriptions', { ...input, filters: { tag: 'VIP' } }, { token: tokenFor('locA') });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      locationId: 'locA',
      event: 'contact.created',
      filters: { tag: 'VIP' },
      targetUrl: target,
      createdAt: expect.any(String),
    });
    expect(ghl.calls).toEqual([{ path: '/locations/locA', authorization: `Bearer ${tokenFor('locA')}`, version: '2021-07-28' }]);
    // the token is used once and kept nowhere
    const dump = await db.query<{ t: string }>(`SELECT row_to_json(s)::text AS t FROM relay_subscriptions s`);
    expect(dump.rows).toHaveLength(1);
    expect(dump.rows[0]?.t).not.toContain(tokenFor('locA'));
    expect(dump.rows[0]?.t).toContain('company-of-locA');
  });

  it('answers a repeated subscribe with the same subscription (200), not a second one', async () => {
    const first = await subscribe(relay.url, input);
    const again = await relayApi(relay.url, 'POST', '/subscriptions', input, { token: tokenFor('locA') });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.id);
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_subscriptions')).toBe(1);
  });

  it('refuses a token HighLevel does not confirm for that location (403) and a missing one (401)', async () => {
    const wrong = await relayApi(relay.url, 'POST', '/subscriptions', input, { token: tokenFor('locB') });
    expect(wrong.status).toBe(403);
    expect(JSON.stringify(wrong.json)).toMatch(/did not confirm this connection for location locA \(GET \/locations answered 401\)/);
    expect(JSON.stringify(wrong.json)).not.toContain(tokenFor('locB'));
    const missing = await relayApi(relay.url, 'POST', '/subscriptions', input, { token: null });
    expect(missing.status).toBe(401);
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_subscriptions')).toBe(0);
  });

  it("answers 429 with HighLevel's wait when HighLevel is busy confirming the token (not 403: the connection is fine)", async () => {
    const busy = await relayApi(relay.url, 'POST', '/subscriptions', input, { token: 'busy' });
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('7');
    expect(JSON.stringify(busy.json)).toMatch(/busy confirming this connection for location locA \(GET \/locations answered 429\); try again/);
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_subscriptions')).toBe(0);
  });

  it.each([
    ['no signature', { unsigned: true }],
    ['a wrong secret', { secret: 'another-secret-0123456789abcdef0123456789' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
    ['a tampered body', { signedBody: JSON.stringify({ ...input, locationId: 'locZ' }) }],
  ])('refuses %s with 401', async (_what, options) => {
    const res = await relayApi(relay.url, 'POST', '/subscriptions', input, { token: tokenFor('locA'), ...options });
    expect(res.status).toBe(401);
    expect(ghl.calls).toHaveLength(0);
  });

  it.each([
    ['an http target', { targetUrl: 'http://hooks.zapier.com/hooks/1' }, /must be https/],
    ['a target on another host', { targetUrl: 'https://example.com/hooks/1' }, /host must be one of: hooks.zapier.com/],
    ['an unknown event', { event: 'contact.exploded' }, /event: must be one of/],
    ['a filter that does not apply', { event: 'task.created', filters: { tag: 'x' } }, /applies only to contact/],
    ['an unknown filter', { filters: { colour: 'red' } }, /filters/],
    ['an unknown field', { extra: true }, /body/],
  ])('refuses %s with 422', async (_what, change, message) => {
    const res = await relayApi(relay.url, 'POST', '/subscriptions', { ...input, ...change }, { token: tokenFor('locA') });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json)).toMatch(message);
  });

  it('authenticates before reading anything from the path: a malformed escape is 401 unsigned, 404 signed', async () => {
    const unsigned = await relayApi(relay.url, 'GET', '/subscriptions/%E0%A4%A', undefined, { unsigned: true });
    expect(unsigned.status).toBe(401);
    expect((await relayApi(relay.url, 'DELETE', '/subscriptions/%E0%A4%A', undefined, { unsigned: true })).status).toBe(401);
    expect((await relayApi(relay.url, 'GET', '/subscriptions/%E0%A4%A')).status).toBe(404);
    expect((await relayApi(relay.url, 'DELETE', '/subscriptions/%E0%A4%A')).status).toBe(404);
    expect((await relayApi(relay.url, 'GET', '/admin/dead-letters', undefined, { unsigned: true })).status).toBe(401);
  });

  it('refuses a signed call replayed within its window (the nonce is kept), and one without a nonce', async () => {
    const { id } = await subscribe(relay.url, input);
    const nonce = 'replayed-nonce-0123456789';
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await relayApi(relay.url, 'GET', `/subscriptions/${id}`, undefined, { nonce, timestamp })).status).toBe(200);
    const replay = await relayApi(relay.url, 'GET', `/subscriptions/${id}`, undefined, { nonce, timestamp });
    expect(replay.status).toBe(401);
    expect(JSON.stringify(replay.json)).toMatch(/already used/);
    // a replayed subscribe does not reach HighLevel or store anything either
    const body = { ...input, targetUrl: 'http://127.0.0.1:9/other' };
    expect((await relayApi(relay.url, 'POST', '/subscriptions', body, { token: tokenFor('locA'), nonce: 'subscribe-nonce-0123456789' })).status).toBe(201);
    ghl.calls.length = 0;
    expect((await relayApi(relay.url, 'POST', '/subscriptions', body, { token: tokenFor('locA'), nonce: 'subscribe-nonce-0123456789' })).status).toBe(401);
    expect(ghl.calls).toHaveLength(0);
    const bare = await relayApi(relay.url, 'GET', `/subscriptions/${id}`, undefined, { noNonce: true });
    expect(bare.status).toBe(401);
    expect(JSON.stringify(bare.json)).toMatch(/X-Relay-Nonce/);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await relayApi(relay.url, 'POST', '/subscriptions', '{"locationId":', { token: tokenFor('locA') });
    expect(res.status).toBe(400);
  });

  it('shows and deletes a subscription; unknown ids are 404', async () => {
    const { id } = await subscribe(relay.url, input);
    const shown = await relayApi(relay.url, 'GET', `/subscriptions/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ id, status: 'active', consecutiveFailures: 0, deliveries: { pending: 0, delivered: 0, dead: 0 } });
    expect((await relayApi(relay.url, 'DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await relayApi(relay.url, 'DELETE', `/subscriptions/${id}`)).status).toBe(404);
    expect((await relayApi(relay.url, 'GET', `/subscriptions/${id}`)).status).toBe(404);
    expect((await relayApi(relay.url, 'GET', '/subscriptions/not-a-uuid')).status).toBe(404);
    expect((await relayApi(relay.url, 'DELETE', `/subscriptions/${id}`, undefined, { secret: TEST_SECRET.replace('a', 'b') })).status).toBe(401);
  });

  it('UNINSTALL removes the location’s subscriptions and tag snapshots, and an agency UNINSTALL its company’s', async () => {
    await subscribe(relay.url, input);
    await subscribe(relay.url, { ...input, event: 'contact.tag_added' });
    await subscribe(relay.url, { ...input, locationId: 'locB' });
    await subscribe(relay.url, { ...input, locationId: 'locC' });
    await postWebhook(relay.url, webhookBody('ContactUpdate', { locationId: 'locA', id: 'c1', tags: ['x'] }));
    await waitUntil(async () => (await scalar(db, 'SELECT count(*)::int AS n FROM relay_tag_snapshots')) === 1, 10_000, 'snapshot');
    await postWebhook(relay.url, webhookBody('UNINSTALL', { appId: 'app', locationId: 'locA' }));
    await waitUntil(async () => (await scalar(db, `SELECT count(*)::int AS n FROM relay_subscriptions WHERE location_id = 'locA'`)) === 0, 10_000, 'uninstall');
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_tag_snapshots')).toBe(0);
    await postWebhook(relay.url, webhookBody('UNINSTALL', { appId: 'app', companyId: 'company-of-locB' }));
    await waitUntil(
      async () => (await scalar(db, `SELECT count(*)::int AS n FROM relay_subscriptions WHERE location_id = 'locB'`)) === 0,
      10_000,
      'agency uninstall',
    );
    expect(await scalar(db, `SELECT count(*)::int AS n FROM relay_subscriptions WHERE location_id = 'locC'`)).toBe(1);
  });
});
