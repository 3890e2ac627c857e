import type { Db } from '../src/db/db';
import { openPostgres } from '../src/db/db';
import type { Relay } from '../src/relay';
import { checkRelaySignature } from '../src/auth/relay_signature';
import { BACKENDS, createTestDatabase, truncateAll } from './helpers/backends';
import type { TestDatabase } from './helpers/backends';
import { TEST_SECRET, metricValue, postWebhook, relayApi, scalar, startTestRelay, subscribe, waitUntil, webhookBody } from './helpers/relay_fixture';
import type { FakeGhl, Received, Target } from './helpers/servers';
import { startDbProxy, startFakeGhl, startTarget } from './helpers/servers';

vi.setConfig({ testTimeout: 90_000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every HighLevel type → the kinds it must produce (tag kinds need a snapshot first; see the tag tests). */
const CASES: [string, string, Record<string, unknown>][] = [
  ['ContactCreate', 'contact.created', { id: 'c1', email: 'a@example.com', tags: [] }],
  ['ContactUpdate', 'contact.updated', { id: 'c1', firstName: 'A' }],
  ['ContactDelete', 'contact.deleted', { id: 'c1' }],
  ['ContactDndUpdate', 'contact.dnd_updated', { id: 'c1', dnd: true }],
  ['TaskCreate', 'task.created', { id: 't1', title: 'Call' }],
  ['TaskComplete', 'task.completed', { id: 't1', completed: true }],
  ['TaskDelete', 'task.deleted', { id: 't1' }],
  ['NoteCreate', 'note.created', { id: 'n1', body: 'hi' }],
  ['NoteUpdate', 'note.updated', { id: 'n1', body: 'hi!' }],
  ['NoteDelete', 'note.deleted', { id: 'n1' }],
  ['AppointmentCreate', 'appointment.created', { appointment: { id: 'a1', calendarId: 'cal1' } }],
  ['AppointmentUpdate', 'appointment.updated', { appointment: { id: 'a1', calendarId: 'cal1' } }],
  ['AppointmentDelete', 'appointment.deleted', { appointment: { id: 'a1', calendarId: 'cal1' } }],
  ['OpportunityCreate', 'opportunity.created', { id: 'o1', pipelineId: 'p1', pipelineStageId: 's1', status: 'open' }],
  ['OpportunityUpdate', 'opportunity.updated', { id: 'o1', pipelineId: 'p1', pipelineStageId: 's1', status: 'open' }],
  ['OpportunityDelete', 'opportunity.deleted', { id: 'o1' }],
  ['OpportunityStageUpdate', 'opportunity.stage_changed', { id: 'o1', pipelineId: 'p1', pipelineStageId: 's2' }],
  ['OpportunityStatusUpdate', 'opportunity.status_changed', { id: 'o1', pipelineId: 'p1', status: 'won' }],
];

describe.each(BACKENDS)('delivery (%s)', (backend) => {
  let testDb: TestDatabase;
  let db: Db;
  let ghl: FakeGhl;
  let relay: Relay;
  let target: Target;
  const pending = () => scalar(db, `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'pending'`);

  beforeAll(async () => {
    testDb = await createTestDatabase(backend);
    db = await testDb.open();
    ghl = await startFakeGhl();
  });
  beforeEach(async () => {
    target = await startTarget();
  });
  afterEach(async () => {
    await relay?.close();
    await target.close();
    await truncateAll(db);
  });
  afterAll(async () => {
    await db?.close();
    await ghl?.close();
    await testDb?.drop();
  });

  it('delivers every event kind to its subscriptions, with HighLevel’s body as received, signed', async () => {
    relay = await startTestRelay(db, ghl.url);
    const subs = new Map<string, string>();
    for (const [, kind] of CASES) {
      const { id } = await subscribe(relay.url, { locationId: 'L1', event: kind, targetUrl: `${target.url}/${kind}` });
      subs.set(kind, id);
    }
    // another location's subscription must hear nothing
    await subscribe(relay.url, { locationId: 'L2', event: 'contact.created', targetUrl: `${target.url}/other` });
    const bodies = new Map<string, Record<string, unknown>>();
    for (const [type, kind, fields] of CASES) {
      const body = webhookBody(type, { locationId: 'L1', ...fields });
      bodies.set(kind, body);
      expect((await postWebhook(relay.url, body)).status).toBe(200);
    }
    const received = await target.waitFor(CASES.length);
    await sleep(300);
    expect(received).toHaveLength(CASES.length);
    for (const [, kind] of CASES) {
      const got = received.find((r) => r.path === `/${kind}`) as Received;
      expect(got).toBeDefined();
      expect(got.json).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        event: kind,
        locationId: 'L1',
        webhookId: bodies.get(kind)?.webhookId,
        receivedAt: expect.any(String),
        payload: bodies.get(kind),
      });
      expect(got.body).toContain(`"payload":${JSON.stringify(bodies.get(kind))}`);
      expect(got.headers['x-relay-delivery-id']).toBe(got.json.id);
      expect(checkRelaySignature(TEST_SECRET, got.headers, 'POST', got.path, got.body).ok).toBe(true);
    }
    await waitUntil(async () => (await pending()) === 0, 10_000, 'deliveries recorded');
    const shown = await relayApi(relay.url, 'GET', `/subscriptions/${subs.get('task.created')}`);
    expect(shown.json.deliveries).toEqual({ pending: 0, delivered: 1, dead: 0 });
  });

  it('applies filters: tag (case-insensitive), calendar, pipeline, stage, status', async () => {
    relay = await startTestRelay(db, ghl.url);
    const sub = (event: string, filters: Record<string, string>, name: string) =>
      subscribe(relay.url, { locationId: 'L1', event, filters, targetUrl: `${target.url}/${name}` });
    await sub('contact.created', { tag: 'vip' }, 'vip-contacts');
    await sub('appointment.created', { calendarId: 'cal2' }, 'cal2');
    await sub('opportunity.status_changed', { status: 'won', pipelineId: 'p1' }, 'won');
    await sub('opportunity.stage_changed', { stageId: 's9' }, 's9');
    const post = (type: string, fields: Record<string, unknown>) => postWebhook(relay.url, webhookBody(type, { locationId: 'L1', ...fields }));
    await post('ContactCreate', { id: 'c1', tags: ['lead'] });
    await post('ContactCreate', { id: 'c2', tags: ['VIP', 'lead'] });
    await post('AppointmentCreate', { appointment: { id: 'a1', calendarId: 'cal1' } });
    await post('AppointmentCreate', { appointment: { id: 'a2', calendarId: 'cal2' } });
    await post('OpportunityStatusUpdate', { id: 'o1', pipelineId: 'p1', status: 'lost' });
    await post('OpportunityStatusUpdate', { id: 'o2', pipelineId: 'p1', status: 'Won' });
    await post('OpportunityStageUpdate', { id: 'o3', pipelineStageId: 's1' });
    await target.waitFor(3);
    await sleep(400);
    const seen = target.received.map(
      (r) =>
        `${r.path}:${JSON.stringify((r.json.payload as Record<string, unknown>).id ?? (r.json.payload as { appointment: { id: string } }).appointment.id)}`,
    );
    expect(seen.sort()).toEqual(['/cal2:"a2"', '/vip-contacts:"c2"', '/won:"o2"']);
  });

  it('turns tag lists into tag_added / tag_removed against the stored snapshot', async () => {
    relay = await startTestRelay(db, ghl.url);
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.tag_added', targetUrl: `${target.url}/added` });
    await subscribe(relay.url, { locationId: 'L1', event: 'contact.tag_removed', targetUrl: `${target.url}/removed` });
    await subscribe(relay.url, {
      locationId: 'L1',
      event: 'contact.tag_added',
      filters: { tag: 'Customer' },
      targetUrl: `${target.url}/customer`,
    });
    const post = async (type: string, id: string, tags: string[]) => {
      expect((await postWebhook(relay.url, webhookBody(type, { locationId: 'L1', id, tags }))).status).toBe(200);
      await waitUntil(async () => (await scalar(db, 'SELECT count(*)::int AS n FROM relay_events WHERE fanned_out_at IS NULL')) === 0);
    };
    // a contact first seen through a tag update: baseline only, nothing announced
    await post('ContactTagUpdate', 'old', ['a', 'b']);
    // a new contact: its tags are added
    await post('ContactCreate', 'new', ['lead']);
    // later changes are diffed; the case of a tag does not make it new
    await post('ContactTagUpdate', 'old', ['A', 'customer']);
    await post('ContactUpdate', 'new', ['lead', 'customer']);
    // the same list again (e.g. ContactUpdate after ContactTagUpdate): nothing new
    await post('ContactTagUpdate', 'new', ['lead', 'customer']);
    await target.waitFor(5);
    await sleep(400);
    const got = target.received.map((r) => `${r.path} ${(r.json.payload as { id: string }).id} ${JSON.stringify(r.json.tags)}`).sort();
    expect(got).toEqual([
      '/added new {"added":["customer"],"removed":[]}',
      '/added new {"added":["lead"],"removed":[]}',
      '/added old {"added":["customer"],"removed":["b"]}',
      '/customer new {"added":["customer"],"removed":[]}',
      '/customer old {"added":["customer"],"removed":["b"]}',
      '/removed old {"added":["customer"],"removed":["b"]}',
    ]);
    // a deleted contact's snapshot goes with it
    await postWebhook(relay.url, webhookBody('ContactDelete', { locationId: 'L1', id: 'new' }));
    await waitUntil(async () => (await scalar(db, 'SELECT count(*)::int AS n FROM relay_tag_snapshots')) === 1, 10_000, 'snapshot deleted');
  });

  it('removes a subscription whose target answers 410 Gone', async () => {
    target.respond = () => 410;
    relay = await startTestRelay(db, ghl.url);
    const { id } = await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/gone` });
    await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'L1', id: 't1' }));
    await target.waitFor(1);
    await waitUntil(async () => (await relayApi(relay.url, 'GET', `/subscriptions/${id}`)).status === 404, 10_000, 'removal');
    await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'L1', id: 't2' }));
    await sleep(400);
    expect(target.received).toHaveLength(1);
    expect(await metricValue(relay.metricsUrl, 'relay_subscriptions_removed_total', 'reason="gone"')).toBe(1);
  });

  it('retries a target that fails for a while, then delivers once, with the same delivery id', async () => {
    let calls = 0;
    target.respond = () => (++calls <= 3 ? 503 : 200);
    relay = await startTestRelay(db, ghl.url);
    const { id } = await subscribe(relay.url, { locationId: 'L1', event: 'note.created', targetUrl: `${target.url}/flaky` });
    await postWebhook(relay.url, webhookBody('NoteCreate', { locationId: 'L1', id: 'n1' }));
    const got = await target.waitFor(4);
    await sleep(500);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.json.id)).size).toBe(1);
    expect(got.map((r) => r.headers['x-relay-attempt'])).toEqual(['1', '2', '3', '4']);
    const shown = await waitUntil(async () => {
      const s = await relayApi(relay.url, 'GET', `/subscriptions/${id}`);
      return (s.json.deliveries as { delivered: number }).delivered === 1 ? s : undefined;
    });
    expect(shown.json).toMatchObject({ status: 'active', consecutiveFailures: 0, lastFailure: null });
    expect(await metricValue(relay.metricsUrl, 'relay_deliveries_retried_total')).toBe(3);
  });

  it('gives up after the retry period and disables a subscription that kept failing, visibly', async () => {
    target.respond = () => 500;
    relay = await startTestRelay(db, ghl.url, { RELAY_RETRY_PERIOD_SECONDS: '2' });
    const { id } = await subscribe(relay.url, { locationId: 'L1', event: 'task.deleted', targetUrl: `${target.url}/down` });
    await postWebhook(relay.url, webhookBody('TaskDelete', { locationId: 'L1', id: 't1' }));
    const shown = await waitUntil(
      async () => {
        const s = await relayApi(relay.url, 'GET', `/subscriptions/${id}`);
        return s.json.status === 'disabled' ? s : undefined;
      },
      20_000,
      'disabled',
    );
    expect(shown.json).toMatchObject({
      status: 'disabled',
      disabledReason: 'every delivery failed for the whole retry period',
      lastFailure: 'target answered 500',
      deliveries: { pending: 0, delivered: 0, dead: 1 },
    });
    expect(await metricValue(relay.metricsUrl, 'relay_subscriptions', 'status="disabled"')).toBe(1);
    expect(await metricValue(relay.metricsUrl, 'relay_deliveries_dead_total', 'reason="retry_period"')).toBe(1);
    // a disabled subscription gets nothing new
    const before = target.received.length;
    await postWebhook(relay.url, webhookBody('TaskDelete', { locationId: 'L1', id: 't2' }));
    await sleep(500);
    expect(target.received.length).toBe(before);
  });

  it('purges delivered events past the retention period, keeps undelivered ones, and leaves a tombstone that still dedupes replays', async () => {
    target.respond = (r) => (r.path === '/never' ? 500 : 200);
    relay = await startTestRelay(db, ghl.url, { RELAY_RETENTION_SECONDS: '3600', RELAY_TIMESTAMP_TOLERANCE_SECONDS: '3600' });
    await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/ok` });
    await subscribe(relay.url, { locationId: 'L2', event: 'task.created', targetUrl: `${target.url}/never` });
    const t1 = webhookBody('TaskCreate', { locationId: 'L1', id: 't1' });
    const { timestamp: _none, ...undated } = webhookBody('TaskCreate', { locationId: 'L1', id: 't3' });
    await postWebhook(relay.url, t1);
    await postWebhook(relay.url, undated);
    await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'L2', id: 't2' }));
    await waitUntil(async () => (await scalar(db, `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'delivered'`)) === 2);
    expect(await relay.purger.runOnce()).toBe(0); // delivered, but not old yet
    await db.query(`UPDATE relay_events SET received_at = received_at - interval '2 hours'`);
    // past retention: the bodies (contact data) go; undelivered L2 stays
    expect(await relay.purger.runOnce()).toBe(2);
    const left = await db.query<{ location_id: string }>('SELECT location_id FROM relay_events');
    expect(left.rows).toEqual([{ location_id: 'L2' }]);
    // their dedupe keys stay as tombstones: a replay inside the window (and of the undated body, ever) is a duplicate
    expect((await postWebhook(relay.url, t1)).json).toEqual({ status: 'duplicate' });
    expect((await postWebhook(relay.url, undated)).json).toEqual({ status: 'duplicate' });
    await sleep(300);
    expect(target.received.filter((r) => r.path === '/ok')).toHaveLength(2);
    // a dated tombstone goes once its timestamp has left the window; the undated one stays
    await db.query(`UPDATE relay_dedupe_tombstones SET replayable_until = now() - interval '1 second' WHERE replayable_until <> 'infinity'`);
    await relay.purger.runOnce();
    expect(await scalar(db, `SELECT count(*)::int AS n FROM relay_dedupe_tombstones WHERE replayable_until = 'infinity'`)).toBe(1);
    expect(await scalar(db, `SELECT count(*)::int AS n FROM relay_dedupe_tombstones`)).toBe(1);
  });

  it('finishes in-flight deliveries on graceful shutdown', async () => {
    let answer!: (status: number) => void;
    // the target holds the request until shutdown has begun
    target.respond = () => new Promise<number>((resolve) => (answer = resolve));
    relay = await startTestRelay(db, ghl.url);
    await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/slow` });
    await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'L1', id: 't1' }));
    await target.waitFor(1);
    let closed = false;
    const closing = relay.close().then(() => (closed = true));
    await sleep(300);
    expect(closed).toBe(false); // still waiting for the delivery in flight
    answer(200);
    await closing;
    expect(await scalar(db, `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'delivered'`)).toBe(1);
  });

  it('two relay instances on one database deliver each event exactly once between them', async () => {
    const second = backend === 'postgres' ? await testDb.open() : db;
    // "Exactly once when nothing fails": on PGlite both instances, the target and this test share one thread, and on
    // a busy machine the test's 5 s delivery timeout does fail (the target got the request, its answer came late):
    // that is a retry, correctly sent again. Production's timeout (10 s) and lease (60 s), with room to spare.
    const settings = { RELAY_DELIVERY_TIMEOUT_MS: '30000', RELAY_CLAIM_LEASE_MS: '60000' };
    relay = await startTestRelay(db, ghl.url, settings);
    const other = await startTestRelay(second, ghl.url, settings);
    try {
      for (let s = 0; s < 5; s++) {
        await subscribe(relay.url, { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/s${s}` });
      }
      const N = 100;
      const posts: Promise<unknown>[] = [];
      for (let i = 0; i < N; i++) {
        // alternate instances, as a load balancer would
        posts.push(postWebhook(i % 2 ? other.url : relay.url, webhookBody('ContactCreate', { locationId: 'L1', id: `c${i}` })));
      }
      await Promise.all(posts);
      await target.waitFor(N * 5, 60_000);
      await sleep(700);
      expect(target.received).toHaveLength(N * 5);
      const keys = target.received.map((r) => `${r.path}|${(r.json.payload as { id: string }).id}`);
      expect(new Set(keys).size).toBe(N * 5);
      const byInstance = [
        await metricValue(relay.metricsUrl, 'relay_deliveries_delivered_total'),
        await metricValue(other.metricsUrl, 'relay_deliveries_delivered_total'),
      ];
      expect(byInstance[0] + byInstance[1]).toBe(N * 5);
    } finally {
      await other.close();
      if (second !== db) await second.close();
    }
  });

  it('keeps the lease of a delivery whose result is slow to record, so no instance sends it twice', async () => {
    // Recording a success takes longer than a whole lease (a slow or busy database): without renewals the lease
    // would run out and the other instance (or this one's own claim loop) would send the delivery again.
    const slowRecording = (inner: Db): Db => ({
      ...inner,
      async query<R extends object>(text: string, params?: readonly unknown[]) {
        if (text.includes("SET status = 'delivered'")) await sleep(1_500);
        return inner.query<R>(text, params);
      },
    });
    const second = backend === 'postgres' ? await testDb.open() : db;
    const fast = { RELAY_CLAIM_LEASE_MS: '600', RELAY_DELIVERY_TIMEOUT_MS: '500' };
    relay = await startTestRelay(slowRecording(db), ghl.url, fast);
    const other = await startTestRelay(slowRecording(second), ghl.url, fast);
    try {
      await subscribe(relay.url, { locationId: 'L1', event: 'note.created', targetUrl: `${target.url}/slow-db` });
      await postWebhook(relay.url, webhookBody('NoteCreate', { locationId: 'L1', id: 'n1' }));
      await target.waitFor(1);
      await waitUntil(async () => (await scalar(db, `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'delivered'`)) === 1);
      await sleep(700);
      expect(target.received).toHaveLength(1);
      expect(await scalar(db, 'SELECT attempts AS n FROM relay_deliveries')).toBe(1);
    } finally {
      await other.close();
      if (second !== db) await second.close();
    }
  });

  if (backend === 'postgres') {
    it('answers 429 while the database is down and loses nothing once it is back', async () => {
      const proxy = await startDbProxy(testDb.url as string);
      const viaProxy = openPostgres(proxy.url, 4);
      relay = await startTestRelay(viaProxy, ghl.url, { RELAY_INGEST_TIMEOUT_MS: '1500' });
      try {
        await subscribe(relay.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/t` });
        const body = webhookBody('TaskCreate', { locationId: 'L1', id: 't1' });
        await proxy.down();
        const during = await postWebhook(relay.url, body);
        expect(during.status).toBe(429);
        expect(during.headers.get('retry-after')).toBeTruthy();
        expect((await fetch(`${relay.url}/readyz`)).status).toBe(503);
        await proxy.up();
        await waitUntil(async () => (await fetch(`${relay.url}/readyz`)).status === 200, 10_000, 'ready again');
        // HighLevel's retry
        expect((await postWebhook(relay.url, body)).status).toBe(200);
        await target.waitFor(1);
        await sleep(400);
        expect(target.received).toHaveLength(1);
        expect((target.received[0]?.json.payload as { id: string }).id).toBe('t1');
      } finally {
        await relay.close();
        await viaProxy.close();
        await proxy.close();
      }
    });
  }
});
