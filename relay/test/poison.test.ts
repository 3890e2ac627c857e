import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../src/db/db';
import type { NewEvent } from '../src/db/events_table';
import { IngestBatcher, IngestRefused } from '../src/ingest/ingest_batcher';
import type { Relay } from '../src/relay';
import { BACKENDS, createTestDatabase, truncateAll } from './helpers/backends';
import type { TestDatabase } from './helpers/backends';
import { signEd25519 } from './helpers/keys';
import { metricValue, postWebhook, relayApi, scalar, startTestRelay, subscribe, waitUntil, webhookBody } from './helpers/relay_fixture';
import type { FakeGhl, Target } from './helpers/servers';
import { startFakeGhl, startTarget } from './helpers/servers';

vi.setConfig({ testTimeout: 60_000 });

/**
 * Poison never spreads: what PostgreSQL can never store is refused on its own with a 4xx (never 429, never with
 * the genuine webhooks of its batch), text JSON allows and jsonb refuses inside a payload is stored and delivered
 * byte for byte, and a stored event whose fan-out fails is set aside after a bounded number of tries while the
 * events behind it are delivered.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function postRaw(relayUrl: string, raw: Buffer): Promise<number> {
  const res = await fetch(`${relayUrl}/webhooks/highlevel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ghl-signature': signEd25519(raw) },
    body: raw,
  });
  await res.arrayBuffer();
  return res.status;
}

describe.each(BACKENDS)('poison (%s)', (backend) => {
  let testDb: TestDatabase;
  let db: Db;
  let ghl: FakeGhl;
  let target: Target;
  let relay: Relay;
  const payloadIds = () => target.received.map((r) => String((r.json.payload as { id?: unknown }).id));

  beforeAll(async () => {
    testDb = await createTestDatabase(backend);
    db = await testDb.open();
    ghl = await startFakeGhl();
    target = await startTarget();
    relay = await startTestRelay(db, ghl.url, { RELAY_FANOUT_MAX_ATTEMPTS: '3' });
  });
  afterEach(async () => {
    target.received.length = 0;
    await truncateAll(db);
  });
  afterAll(async () => {
    await relay?.close();
    await db?.close();
    await target?.close();
    await ghl?.close();
    await testDb?.drop();
  });

  it('refuses what can never be stored with a 4xx at once, named in a metric, and stores the genuine webhooks sent with it', async () => {
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/created` });
    const genuine = Array.from({ length: 20 }, (_, i) => webhookBody('ContactCreate', { locationId: 'L1', id: `good${i}` }));
    const poison: [string, Record<string, unknown> | Buffer, number, string][] = [
      ['NUL in webhookId', webhookBody('ContactCreate', { locationId: 'L1', id: 'p1', webhookId: 'wh\u0000-1' }), 422, 'id_unstorable'],
      ['NUL in locationId', webhookBody('ContactCreate', { locationId: 'L1\u0000', id: 'p2' }), 422, 'id_unstorable'],
      ['a lone surrogate in webhookId', webhookBody('ContactCreate', { locationId: 'L1', id: 'p3', webhookId: 'wh-\ud83d' }), 422, 'id_unstorable'],
      ['NUL in the contact id', webhookBody('ContactUpdate', { locationId: 'L1', id: 'c\u0000x' }), 422, 'id_unstorable'],
      // random, so compression cannot bring it under the btree limit
      ['a 9 KB webhookId', webhookBody('ContactCreate', { locationId: 'L1', id: 'p4', webhookId: randomBytes(6_750).toString('base64') }), 422, 'id_too_long'],
      [
        'timestamp "99999999999999999999"',
        webhookBody('ContactCreate', { locationId: 'L1', id: 'p5', timestamp: '99999999999999999999' }),
        400,
        'bad_timestamp',
      ],
      ['timestamp 1e20', webhookBody('ContactCreate', { locationId: 'L1', id: 'p6', timestamp: 1e20 }), 400, 'bad_timestamp'],
      [
        'a body that is not UTF-8',
        Buffer.concat([Buffer.from('{"type":"ContactCreate","locationId":"L1","id":"p7","x":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
        400,
        'bad_encoding',
      ],
    ];
    const before = new Map<string, number>();
    for (const [, , , reason] of poison) before.set(reason, await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', `reason="${reason}"`));
    // All at once, so the good and the bad share the ingest's group commit.
    const [good, bad] = await Promise.all([
      Promise.all(genuine.map((b) => postWebhook(relay.url, b))),
      Promise.all(poison.map(([, body]) => (Buffer.isBuffer(body) ? postRaw(relay.url, body) : postWebhook(relay.url, body).then((r) => r.status)))),
    ]);
    expect(good.map((r) => r.status)).toEqual(genuine.map(() => 200));
    expect(bad).toEqual(poison.map(([, , status]) => status));
    const counts = new Map<string, number>();
    for (const [, , , reason] of poison) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    for (const [reason, n] of counts) {
      expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', `reason="${reason}"`)).toBe((before.get(reason) ?? 0) + n);
    }
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_unavailable_total', 'reason="database"')).toBe(0);
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_events')).toBe(20);
    await target.waitFor(20);
    expect(payloadIds().sort()).toEqual(genuine.map((b) => String(b.id)).sort());
  });

  it('stores and delivers byte for byte a payload whose strings hold what jsonb refuses, and diffs its tags in a storable form', async () => {
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/created` });
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.tag_added', targetUrl: `${target.url}/tags` });
    // As a genuine HighLevel body would carry them: escapes in the JSON text (a NUL, half an emoji).
    const odd = webhookBody('ContactCreate', { locationId: 'L1', id: 'odd', firstName: 'Ann\u0000', tags: ['vip\u0000', 'star\ud83d', 'plain'] });
    const raw = JSON.stringify(odd);
    expect(raw).toContain('\\u0000');
    expect(raw).toContain('\\ud83d');
    expect((await postWebhook(relay.url, raw)).status).toBe(200);
    const after = webhookBody('ContactCreate', { locationId: 'L1', id: 'after', tags: [] });
    expect((await postWebhook(relay.url, after)).status).toBe(200);
    await target.waitFor(3);
    const created = target.received.find((r) => r.path === '/created' && r.body.includes('"id":"odd"'));
    expect(created?.body).toContain(`"payload":${raw}`);
    const tags = target.received.find((r) => r.path === '/tags');
    expect(tags?.json.tags).toEqual({ added: ['vip\ufffd', 'star\ufffd', 'plain'], removed: [] });
    expect(target.received.some((r) => r.path === '/created' && r.body.includes('"id":"after"'))).toBe(true);
  });

  it('never fails a group-commit batch for one row the database refuses: the rest are stored, that one is refused', async () => {
    // Straight to the batcher, past the ingest's checks, as a value they did not foresee would arrive.
    const batcher = new IngestBatcher(db, { timeoutMs: 10_000, maxPending: 100, onStored: () => undefined });
    batcher.open();
    const row = (over: Partial<NewEvent> = {}): NewEvent => ({
      id: randomUUID(),
      dedupeKey: randomUUID(),
      webhookId: null,
      type: 'ContactCreate',
      locationId: 'L1',
      body: '{}',
      eventTime: new Date().toISOString(),
      replayableUntil: 'infinity',
      ...over,
    });
    const rows = [...Array.from({ length: 10 }, () => row()), row({ dedupeKey: randomBytes(3_000).toString('base64') }), row({ locationId: 'L\u0000' })];
    const outcomes = await Promise.all(
      rows.map((r) => batcher.submit(r).then(String, (e: unknown) => (e instanceof IngestRefused ? `refused ${e.label}` : 'unavailable'))),
    );
    await batcher.close();
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('stored'));
    expect(outcomes.slice(10)).toEqual([expect.stringMatching(/^refused /), expect.stringMatching(/^refused /)]);
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_events')).toBe(10);
  });

  it('sets aside a stored event whose fan-out keeps failing, after a bounded number of tries, and delivers the events behind it', async () => {
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/created` });
    // Stored by a relay from before the ingest checks, as the issue saw it: a contact id holding U+0000 (a JSON
    // escape in the stored text), on which every fan-out statement's jsonb parameter fails.
    const legacyId = randomUUID();
    await db.query(`INSERT INTO relay_events (id, dedupe_key, webhook_id, type, location_id, body, event_time) VALUES ($1, $2, $2, $3, $4, $5, now())`, [
      legacyId,
      `legacy-${legacyId}`,
      'ContactCreate',
      'L1',
      JSON.stringify({ type: 'ContactCreate', locationId: 'L1', id: 'bad\u0000id', webhookId: `legacy-${legacyId}` }),
    ]);
    const behind = Array.from({ length: 5 }, (_, i) => webhookBody('ContactCreate', { locationId: 'L1', id: `behind${i}` }));
    for (const b of behind) expect((await postWebhook(relay.url, b)).status).toBe(200);
    await target.waitFor(5);
    const dead = await waitUntil(
      async () => {
        const list = await relayApi(relay.url, 'GET', '/admin/dead-letters');
        const letters = list.json.deadLetters as { id: string; attempts: number; reason: string }[];
        return letters.length === 1 ? letters[0] : undefined;
      },
      15_000,
      'dead-lettered',
    );
    expect(dead).toMatchObject({ id: legacyId, attempts: 3, reason: expect.stringMatching(/^untranslatable_character: /) });
    expect(payloadIds().sort()).toEqual(behind.map((b) => String(b.id)).sort());
    expect(await metricValue(relay.metricsUrl, 'relay_events_dead_lettered_total', 'reason="untranslatable_character"')).toBe(1);
    await waitUntil(async () => (await metricValue(relay.metricsUrl, 'relay_events_dead_letter')) === 1, 5_000, 'gauge');
    expect(await metricValue(relay.metricsUrl, 'relay_events_awaiting_fanout')).toBe(0);

    // An operator retries it (it fails again and is set aside again), then drops it.
    const retried = await relayApi(relay.url, 'POST', `/admin/dead-letters/${legacyId}/retry`);
    expect(retried.status).toBe(200);
    await waitUntil(
      async () => (await metricValue(relay.metricsUrl, 'relay_events_dead_lettered_total', 'reason="untranslatable_character"')) === 2,
      15_000,
      'set aside again',
    );
    expect((await relayApi(relay.url, 'DELETE', `/admin/dead-letters/${legacyId}`)).status).toBe(204);
    expect((await relayApi(relay.url, 'DELETE', `/admin/dead-letters/${legacyId}`)).status).toBe(404);
    expect(await scalar(db, 'SELECT count(*)::int AS n FROM relay_events WHERE id = $1', [legacyId])).toBe(0);
    await sleep(100);
    expect(target.received).toHaveLength(5);
  });
});
