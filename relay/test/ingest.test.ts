import type { Db } from '../src/db/db';
import type { Relay } from '../src/relay';
import { BACKENDS, createTestDatabase, truncateAll } from './helpers/backends';
import type { TestDatabase } from './helpers/backends';
import { strangerEd25519 } from './helpers/keys';
import { metricValue, postWebhook, scalar, startTestRelay, webhookBody } from './helpers/relay_fixture';
import type { FakeGhl } from './helpers/servers';
import { startFakeGhl } from './helpers/servers';

vi.setConfig({ testTimeout: 60_000 });

/** Holds the database busy (a lock the relay's insert must wait for) until release() — the "overloaded" case. */
async function holdDatabase(db: Db): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = db.transaction(async (tx) => {
    await tx.query('LOCK TABLE relay_events IN ACCESS EXCLUSIVE MODE');
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

describe.each(BACKENDS)('webhook ingest (%s)', (backend) => {
  let testDb: TestDatabase;
  let db: Db;
  let ghl: FakeGhl;
  let relay: Relay;
  const stored = () => scalar(db, 'SELECT count(*)::int AS n FROM relay_events');

  beforeAll(async () => {
    testDb = await createTestDatabase(backend);
    db = await testDb.open();
    ghl = await startFakeGhl();
    // Workers off: these tests look at what is stored, not at delivery.
    relay = await startTestRelay(db, ghl.url, { RELAY_MAX_BODY_BYTES: '4096', RELAY_INGEST_TIMEOUT_MS: '300' }, false);
  });
  afterEach(() => truncateAll(db));
  afterAll(async () => {
    await relay?.close();
    await db?.close();
    await ghl?.close();
    await testDb?.drop();
  });

  it('stores a signed event and answers 200', async () => {
    const body = webhookBody('ContactCreate', { locationId: 'loc1', id: 'c1', tags: ['a'] });
    const res = await postWebhook(relay.url, body);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'stored' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const rows = await db.query<{ body: string; type: string; location_id: string; webhook_id: string }>(
      'SELECT body, type, location_id, webhook_id FROM relay_events',
    );
    expect(rows.rows).toEqual([{ body: JSON.stringify(body), type: 'ContactCreate', location_id: 'loc1', webhook_id: body.webhookId }]);
  });

  it('accepts the legacy RSA signature', async () => {
    const res = await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'loc1', id: 't1' }), 'rsa');
    expect(res.status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it('acknowledges a repeated webhookId without storing it twice', async () => {
    const body = webhookBody('NoteCreate', { locationId: 'loc1', id: 'n1' });
    expect((await postWebhook(relay.url, body)).json).toEqual({ status: 'stored' });
    const again = await postWebhook(relay.url, body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ status: 'duplicate' });
    // the same event sent twice at once is stored once as well
    const twin = webhookBody('NoteCreate', { locationId: 'loc1', id: 'n2' });
    const both = await Promise.all([postWebhook(relay.url, twin), postWebhook(relay.url, twin)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await stored()).toBe(2);
  });

  it.each([
    ['no signature', 'none' as const, 401, 'signature_missing'],
    ['a forged signature', { header: 'x-ghl-signature', value: Buffer.alloc(64, 7).toString('base64') }, 401, 'signature_invalid'],
    ['a signature by another key', { ed25519: strangerEd25519() }, 401, 'signature_invalid'],
    ['a forged legacy signature', { header: 'x-wh-signature', value: Buffer.alloc(512, 1).toString('base64') }, 401, 'signature_invalid'],
    ['garbage in the signature header', { header: 'x-ghl-signature', value: '%%%' }, 401, 'signature_invalid'],
  ])('refuses %s with %i', async (_what, signing, status, reason) => {
    const before = await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', `reason="${reason}"`);
    const res = await postWebhook(relay.url, webhookBody('ContactCreate', { locationId: 'loc1', id: 'c1' }), signing);
    expect(res.status).toBe(status);
    expect(await stored()).toBe(0);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', `reason="${reason}"`)).toBe(before + 1);
  });

  it('refuses a body changed after signing', async () => {
    const raw = JSON.stringify(webhookBody('ContactCreate', { locationId: 'loc1', id: 'c1' }));
    const { signEd25519 } = await import('./helpers/keys');
    const res = await postWebhook(relay.url, raw.replace('c1', 'c2'), { header: 'x-ghl-signature', value: signEd25519(raw) });
    expect(res.status).toBe(401);
    expect(await stored()).toBe(0);
  });

  it("stores HighLevel's late retry (the original body, ~70 minutes old) once, and dedupes its replays", async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    // the sixth retry of an event first answered 429: identical body, webhookId and timestamp, 70 minutes on
    const retry = webhookBody('ContactCreate', { locationId: 'loc1', id: 'c70', timestamp: minutesAgo(70) });
    expect((await postWebhook(relay.url, retry)).json).toEqual({ status: 'stored' });
    // a replay of it inside the window is recognised by its webhookId, not by the clock
    const replay = await postWebhook(relay.url, retry);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ status: 'duplicate' });
    expect(await stored()).toBe(1);
    // past the window (2 h by default) it is refused; so is a timestamp from the future beyond clock skew
    const before = await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', 'reason="stale_timestamp"');
    const stale = webhookBody('ContactCreate', { locationId: 'loc1', timestamp: minutesAgo(121) });
    expect((await postWebhook(relay.url, stale)).status).toBe(401);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', 'reason="stale_timestamp"')).toBe(before + 1);
    const future = webhookBody('ContactCreate', { locationId: 'loc1', timestamp: minutesAgo(-6) });
    expect((await postWebhook(relay.url, future)).status).toBe(401);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', 'reason="future_timestamp"')).toBeGreaterThanOrEqual(1);
    expect(await stored()).toBe(1);
  });

  it('refuses a bad timestamp and malformed JSON (400), an oversized body (413)', async () => {
    expect((await postWebhook(relay.url, webhookBody('ContactCreate', { timestamp: 'soon' }))).status).toBe(400);
    expect((await postWebhook(relay.url, '{"type":"ContactCreate",')).status).toBe(400);
    expect((await postWebhook(relay.url, '"just a string"')).status).toBe(400);
    const big = webhookBody('ContactCreate', { locationId: 'loc1', padding: 'x'.repeat(5000) });
    const res = await postWebhook(relay.url, big);
    expect(res.status).toBe(413);
    expect(await stored()).toBe(0);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', 'reason="bad_json"')).toBeGreaterThanOrEqual(2);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', 'reason="too_large"')).toBeGreaterThanOrEqual(1);
  });

  it('acknowledges types no subscription can ask for without storing them', async () => {
    const res = await postWebhook(relay.url, webhookBody('LocationUpdate', { id: 'loc1' }));
    expect(res.json).toEqual({ status: 'ignored' });
    expect(await stored()).toBe(0);
  });

  it('answers 429 with Retry-After while the database is overloaded, and stores the retry once it is free', async () => {
    const body = webhookBody('ContactCreate', { locationId: 'loc1', id: 'c9' });
    const release = await holdDatabase(db);
    let res;
    try {
      res = await postWebhook(relay.url, body);
    } finally {
      await release();
    }
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    // HighLevel's retry of the same event: stored exactly once, whether or not the first insert went through later
    const retry = await postWebhook(relay.url, body);
    expect(retry.status).toBe(200);
    expect(await stored()).toBe(1);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_unavailable_total', 'reason="timeout"')).toBeGreaterThanOrEqual(1);
  });

  it('serves /healthz and /readyz, and /metrics only on its own listener', async () => {
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${relay.url}/metrics`)).status).toBe(404);
    expect(relay.metricsUrl).not.toBe(relay.url);
    const text = await (await fetch(`${relay.metricsUrl}/metrics`)).text();
    for (const name of [
      'relay_webhooks_received_total',
      'relay_webhooks_rejected_total',
      'relay_events_stored_total',
      'relay_deliveries_delivered_total',
      'relay_deliveries_retried_total',
      'relay_deliveries_dead_total',
      'relay_queue_depth',
      'relay_oldest_undelivered_event_age_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});
