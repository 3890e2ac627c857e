import type { Db } from '../src/db/db';
import { claimForFanout } from '../src/db/events_table';
import type { Relay } from '../src/relay';
import { BACKENDS, createTestDatabase, truncateAll } from './helpers/backends';
import type { TestDatabase } from './helpers/backends';
import { metricValue, postWebhook, relayApi, startTestRelay, subscribe, waitUntil, webhookBody } from './helpers/relay_fixture';
import type { FakeGhl, Target } from './helpers/servers';
import { startFakeGhl, startTarget } from './helpers/servers';

vi.setConfig({ testTimeout: 60_000 });

/**
 * One subscription's trouble is not another's: a target that never answers holds its share of the delivery slots
 * and is then paused by the breaker; a 429 pauses that target only, for its Retry-After; deliveries to one hook are
 * paced; a location's burst does not hold back another location's events. Latency bounds are generous (the machine
 * is shared with the other suites); what they guard against is seconds, not milliseconds.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Sends `n` webhooks from `make` at `rate` per second; returns when each was sent (by payload id). */
async function stream(relayUrl: string, n: number, rate: number, make: (i: number) => Record<string, unknown>): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const started = Date.now();
  const posts: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    await sleep(Math.max(0, started + (i * 1000) / rate - Date.now()));
    const body = make(i);
    sent.set(String(body.id), Date.now());
    posts.push(postWebhook(relayUrl, body).then((r) => expect(r.status).toBe(200)));
  }
  await Promise.all(posts);
  return sent;
}

describe.each(BACKENDS)('isolation (%s)', (backend) => {
  let testDb: TestDatabase;
  let db: Db;
  let ghl: FakeGhl;
  let target: Target;
  let relay: Relay | undefined;
  const idOf = (r: { json: Record<string, unknown> }) => String((r.json.payload as { id?: unknown }).id);

  beforeAll(async () => {
    testDb = await createTestDatabase(backend);
    db = await testDb.open();
    ghl = await startFakeGhl();
  });
  beforeEach(async () => {
    target = await startTarget();
  });
  afterEach(async () => {
    await target.close(); // first: hung requests end, so the relay's shutdown does not wait for them
    await relay?.close();
    relay = undefined;
    await truncateAll(db);
  });
  afterAll(async () => {
    await db?.close();
    await ghl?.close();
    await testDb?.drop();
  });

  it('keeps a healthy subscriber’s p99 under 1 s beside a target that never answers, at 20 events/s', async () => {
    target.respond = (r) => (r.path === '/dead' ? 'hang' : 200);
    // Eight slots in all: without per-target limits the dead target (20/s, each held 1.5 s) would take every one.
    relay = await startTestRelay(db, ghl.url, {
      RELAY_DELIVERY_CONCURRENCY: '8',
      RELAY_TARGET_CONCURRENCY: '3',
      RELAY_SUBSCRIPTION_CONCURRENCY: '3',
      RELAY_DELIVERY_TIMEOUT_MS: '1500',
      RELAY_CLAIM_LEASE_MS: '5000',
      RELAY_BREAKER_FAILURES: '3',
      RELAY_BREAKER_BASE_MS: '1000',
      RELAY_RETRY_BASE_DELAY_MS: '500',
      RELAY_RETRY_MAX_DELAY_MS: '2000',
    });
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/dead` });
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/healthy` });
    const sent = await stream(relay.url, 80, 20, (i) => webhookBody('ContactCreate', { locationId: 'L1', id: `c${i}` }));
    await waitUntil(() => new Set(target.received.filter((r) => r.path === '/healthy').map(idOf)).size === 80, 15_000, 'healthy deliveries');
    const healthy = target.received.filter((r) => r.path === '/healthy');
    const latencies = healthy.map((r) => r.at - (sent.get(idOf(r)) ?? r.at));
    expect(percentile(latencies, 99)).toBeLessThan(1_000);
    // never more than the target's 3 slots held at once: each hung request is held until the 1.5 s timeout (the
    // window is shorter, so a request that reached the target late under load is not counted with its successor)
    const dead = target.received.filter((r) => r.path === '/dead').map((r) => r.at);
    for (const t of dead) expect(dead.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(3);
    expect(await metricValue(relay.metricsUrl, 'relay_breaker_opened_total')).toBeGreaterThanOrEqual(1);
    // the breaker keeps the dead target to a trickle: far fewer tries than events
    expect(target.received.filter((r) => r.path === '/dead').length).toBeLessThan(40);
  });

  it('holds a subscription to its own limit of slots and a target to its own, each where the other does not bind', async () => {
    target.respond = () => 'hang';
    relay = await startTestRelay(db, ghl.url, {
      RELAY_DELIVERY_CONCURRENCY: '20',
      RELAY_SUBSCRIPTION_CONCURRENCY: '2',
      RELAY_TARGET_CONCURRENCY: '3',
      RELAY_BREAKER_FAILURES: '100',
    });
    // Alone on its target: the subscription's limit (2) binds, not the target's (3).
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/alone` });
    // Two subscriptions on one target: the target's limit (3) binds before theirs (2 + 2).
    await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/shared` });
    await subscribe(relay.url, { locationId: 'L1', event: 'note.created', targetUrl: `${target.url}/shared` });
    const bodies = Array.from({ length: 6 }, (_, i) => [
      webhookBody('ContactCreate', { locationId: 'L1', id: `c${i}` }),
      webhookBody('TaskCreate', { locationId: 'L1', id: `t${i}` }),
      webhookBody('NoteCreate', { locationId: 'L1', id: `n${i}` }),
    ]).flat();
    for (const r of await Promise.all(bodies.map((b) => postWebhook(relay!.url, b)))) expect(r.status).toBe(200);
    const at = (path: string) => target.received.filter((r) => r.path === path).map((r) => r.at);
    await waitUntil(() => at('/alone').length >= 2 && at('/shared').length >= 3, 10_000, 'the slots filled');
    await sleep(400); // room for one more to arrive, were a limit not held (nothing answers; the timeout is 5 s)
    // what is in flight at once: every request hangs until the 5 s delivery timeout
    const inFlight = (times: number[]) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 4_500).length));
    expect(inFlight(at('/alone'))).toBe(2);
    expect(inFlight(at('/shared'))).toBe(3);
  });

  it('opens a breaker on a target that keeps failing: one probe at a time after each pause, each pause longer, closed by a success', async () => {
    let succeedFrom = Infinity;
    target.respond = () => (target.received.length > succeedFrom ? 200 : 500);
    // Pacing out of the way (1,000/s), so the deliveries due after a pause come due together.
    relay = await startTestRelay(db, ghl.url, {
      RELAY_BREAKER_FAILURES: '3',
      RELAY_BREAKER_BASE_MS: '100',
      RELAY_BREAKER_MAX_MS: '5000',
      RELAY_HOOK_RATE_PER_SECOND: '1000',
    });
    const { id } = await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/flaky` });
    const posts = Array.from({ length: 6 }, (_, i) => postWebhook(relay!.url, webhookBody('TaskCreate', { locationId: 'L1', id: `t${i}` })));
    for (const r of await Promise.all(posts)) expect(r.status).toBe(200);
    // Opened, and opened again after a failed probe: from here on, only probes reach the target (the first tries
    // are long answered). Two more fail, the third succeeds.
    const opens = async () => Number((await db.query<{ n: number }>('SELECT breaker_opens AS n FROM relay_subscriptions WHERE id = $1', [id])).rows[0]?.n ?? 0);
    await waitUntil(async () => (await opens()) >= 2, 10_000, 'the breaker opened twice');
    const mark = target.received.length;
    succeedFrom = mark + 2;
    await waitUntil(() => new Set(target.received.slice(mark + 2).map(idOf)).size === 6, 15_000, 'all six delivered');
    const [p0, p1, p2] = target.received.slice(mark, mark + 3).map((r) => r.at) as [number, number, number];
    // One probe after each pause, and each failed probe doubles the pause (≥ 400 ms, then ≥ 800 ms): without the
    // breaker nothing pauses; with every due delivery sent after a pause, p0 and p1 come together; with a fixed
    // pause, both gaps are about 100 ms.
    expect(p1 - p0).toBeGreaterThanOrEqual(350);
    expect(p2 - p1).toBeGreaterThanOrEqual(700);
    expect(await metricValue(relay.metricsUrl, 'relay_breaker_opened_total')).toBeGreaterThanOrEqual(4);
    // each event delivered once, and the success closed the breaker
    expect(
      target.received
        .slice(mark + 2)
        .map(idOf)
        .sort(),
    ).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    const shown = await waitUntil(
      async () => {
        const s = await relayApi(relay!.url, 'GET', `/subscriptions/${id}`);
        return s.json.consecutiveFailures === 0 ? s : undefined;
      },
      5_000,
      'the streak reset',
    );
    expect(shown.json).toMatchObject({ status: 'active', pausedUntil: null, pauseReason: null });
  });

  it('paces deliveries to one hook (RELAY_HOOK_RATE_PER_SECOND) while another hook gets its own at once', async () => {
    relay = await startTestRelay(db, ghl.url, { RELAY_HOOK_RATE_PER_SECOND: '10' });
    await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/paced` });
    await subscribe(relay.url, { locationId: 'L2', event: 'task.created', targetUrl: `${target.url}/other` });
    const posts = Array.from({ length: 20 }, (_, i) => postWebhook(relay!.url, webhookBody('TaskCreate', { locationId: 'L1', id: `t${i}` })));
    for (const r of await Promise.all(posts)) expect(r.status).toBe(200);
    const other = Date.now();
    expect((await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'L2', id: 'o1' }))).status).toBe(200);
    await target.waitFor(21, 20_000);
    const paced = target.received.filter((r) => r.path === '/paced').map((r) => r.at);
    expect(paced).toHaveLength(20);
    // 20 at 10/s: about 1.9 s from first to last, and never more than 10 (+1 at the window's edge) in one second
    expect((paced[19] ?? 0) - (paced[0] ?? 0)).toBeGreaterThanOrEqual(1_700);
    for (const start of paced) expect(paced.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(11);
    const o = target.received.find((r) => r.path === '/other');
    expect((o?.at ?? Infinity) - other).toBeLessThan(1_000);
  });

  it('honours a target’s 429 Retry-After: nothing more to that target until then, while other targets go on', async () => {
    let first = 0;
    target.respond = (r) => {
      if (r.path !== '/slowdown' || first) return 200;
      first = Date.now();
      return { status: 429, headers: { 'retry-after': '2' } };
    };
    relay = await startTestRelay(db, ghl.url);
    await subscribe(relay.url, { locationId: 'L1', event: 'note.created', targetUrl: `${target.url}/slowdown` });
    await subscribe(relay.url, { locationId: 'L1', event: 'note.created', targetUrl: `${target.url}/other` });
    expect((await postWebhook(relay.url, webhookBody('NoteCreate', { locationId: 'L1', id: 'n0' }))).status).toBe(200);
    await target.waitFor(2);
    for (let i = 1; i <= 5; i++) {
      expect((await postWebhook(relay.url, webhookBody('NoteCreate', { locationId: 'L1', id: `n${i}` }))).status).toBe(200);
      await sleep(150);
    }
    await target.waitFor(2 + 5 + 6, 15_000);
    const slow = target.received.filter((r) => r.path === '/slowdown');
    const other = target.received.filter((r) => r.path === '/other');
    expect(other).toHaveLength(6);
    expect(new Set(slow.map(idOf)).size).toBe(6);
    // everything to /slowdown after the 429 came at least 2 s later; /other got its five meanwhile
    for (const r of slow.slice(1)) expect(r.at - first).toBeGreaterThanOrEqual(1_900);
    expect(other.filter((r) => r.at - first < 1_900).length).toBeGreaterThanOrEqual(5);
    expect(await metricValue(relay.metricsUrl, 'relay_deliveries_throttled_total')).toBe(1);
  });

  it('fans out fairly across locations: a thousand events of one location waiting do not push another’s out of the batch', async () => {
    const insert = (location: string, n: number, ageMs: number) =>
      db.query(
        `INSERT INTO relay_events (id, dedupe_key, type, location_id, body, event_time, received_at)
         SELECT gen_random_uuid(), $1 || '-' || i, 'ContactCreate', $1, '{}', now(), now() - make_interval(secs => ($2 - i) / 1000.0)
           FROM generate_series(1, $3::int) AS i`,
        [location, ageMs, n],
      );
    await insert('BIG', 1_000, 60_000); // arrived first, over the last minute
    await insert('SMALL', 3, 100);
    const claimed = await db.transaction((tx) => claimForFanout(tx, 200, 100));
    // each location's oldest 100 at most, first of each, then second of each...; arrival order within a location
    expect(claimed.map((e) => e.location_id).slice(0, 7)).toEqual(['BIG', 'SMALL', 'BIG', 'SMALL', 'BIG', 'SMALL', 'BIG']);
    expect(claimed.filter((e) => e.location_id === 'SMALL')).toHaveLength(3);
    const big = claimed.filter((e) => e.location_id === 'BIG');
    expect(big).toHaveLength(100);
    const order = big.map((e) => e.received_at.getTime());
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('does not hold back another location’s events behind one location’s burst', async () => {
    relay = await startTestRelay(db, ghl.url, { RELAY_HOOK_RATE_PER_SECOND: '25' });
    await subscribe(relay.url, { locationId: 'BIG', event: 'contact.created', targetUrl: `${target.url}/big` });
    await subscribe(relay.url, { locationId: 'SMALL', event: 'contact.created', targetUrl: `${target.url}/small` });
    // 300 of one location at once (12 s of deliveries at 25/s), then the other's events while they drain
    const burst = Promise.all(Array.from({ length: 300 }, (_, i) => postWebhook(relay!.url, webhookBody('ContactCreate', { locationId: 'BIG', id: `b${i}` }))));
    await sleep(200);
    const sent = await stream(relay.url, 10, 5, (i) => webhookBody('ContactCreate', { locationId: 'SMALL', id: `s${i}` }));
    await burst;
    await waitUntil(() => target.received.filter((r) => r.path === '/small').length === 10, 10_000, 'the small location’s events');
    const small = target.received.filter((r) => r.path === '/small');
    expect(small).toHaveLength(10);
    const latencies = small.map((r) => r.at - (sent.get(idOf(r)) ?? r.at));
    expect(Math.max(...latencies)).toBeLessThan(1_500);
    // and the burst is still draining at its hook's pace, not sent all at once
    expect(target.received.filter((r) => r.path === '/big').length).toBeLessThan(150);
  });
});
