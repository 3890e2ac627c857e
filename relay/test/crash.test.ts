import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BACKENDS, createTestDatabase } from './helpers/backends';
import type { TestDatabase } from './helpers/backends';
import { postWebhook, relayApi, subscribe, testEnv, waitUntil, webhookBody } from './helpers/relay_fixture';
import type { RelayProcess } from './helpers/relay_process';
import { spawnRelay } from './helpers/relay_process';
import type { FakeGhl, Target } from './helpers/servers';
import { startFakeGhl, startTarget } from './helpers/servers';

vi.setConfig({ testTimeout: 120_000 });

describe.each(BACKENDS)('relay killed mid-delivery (%s)', (backend) => {
  let testDb: TestDatabase;
  let ghl: FakeGhl;
  let target: Target;
  let dataDir: string;
  let running: RelayProcess | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(backend);
    ghl = await startFakeGhl();
    target = await startTarget();
    dataDir = mkdtempSync(path.join(tmpdir(), 'relay-crash-'));
  });
  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await target?.close();
    await ghl?.close();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends the delivery again after a restart, and shuts down cleanly on SIGTERM', async () => {
    const env = testEnv(ghl.url, {
      ...(testDb.url ? { DATABASE_URL: testDb.url } : { RELAY_PGLITE_DIR: path.join(dataDir, 'pglite') }),
      // The lease decides how soon the restarted process resends; the timeout must be well clear of a busy
      // machine's slowest answer, or a late 200 would count as a failure and be sent a third time.
      RELAY_DELIVERY_TIMEOUT_MS: '5000',
      RELAY_CLAIM_LEASE_MS: '6000',
    });
    const first = await spawnRelay(env);
    running = first;
    const { id } = await subscribe(first.url, { locationId: 'L1', event: 'task.created', targetUrl: `${target.url}/t` });
    // The first delivery attempt: the process dies while the target holds the request.
    target.respond = () => {
      first.child.kill('SIGKILL');
      return 'hang';
    };
    expect((await postWebhook(first.url, webhookBody('TaskCreate', { locationId: 'L1', id: 't1' }))).status).toBe(200);
    await target.waitFor(1);
    expect(await first.exited).toBeNull(); // killed by a signal, no exit code
    target.respond = () => 200;

    const second = await spawnRelay(env);
    running = second;
    const got = await target.waitFor(2, 30_000);
    expect(got[1]?.json.id).toBe(got[0]?.json.id);
    expect((got[1]?.json.payload as { id: string }).id).toBe('t1');
    expect(got[1]?.headers['x-relay-attempt']).toBe('2');
    await waitUntil(
      async () => {
        const shown = await relayApi(second.url, 'GET', `/subscriptions/${id}`);
        return (shown.json.deliveries as { delivered: number } | undefined)?.delivered === 1;
      },
      15_000,
      'delivery recorded',
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    running = undefined;
    expect(target.received).toHaveLength(2);
  });

  if (backend === 'postgres') {
    // Scale-out as deployed: separate processes over one server (embedded PGlite is one process's database).
    it('two relay processes on one database deliver each event exactly once between them', async () => {
      const env = testEnv(ghl.url, { DATABASE_URL: testDb.url as string, RELAY_DELIVERY_TIMEOUT_MS: '30000', RELAY_CLAIM_LEASE_MS: '60000' });
      const [a, b] = await Promise.all([spawnRelay(env), spawnRelay(env)]);
      try {
        target.received.length = 0;
        target.respond = () => 200;
        for (let s = 0; s < 3; s++) {
          await subscribe(a.url, { locationId: 'L9', event: 'contact.created', targetUrl: `${target.url}/p${s}` });
        }
        const N = 60;
        await Promise.all(
          Array.from({ length: N }, (_, i) => postWebhook(i % 2 ? b.url : a.url, webhookBody('ContactCreate', { locationId: 'L9', id: `c${i}` }))),
        );
        await target.waitFor(N * 3, 60_000);
        await new Promise((r) => setTimeout(r, 700));
        expect(target.received).toHaveLength(N * 3);
        const keys = target.received.map((r) => `${r.path}|${(r.json.payload as { id: string }).id}`);
        expect(new Set(keys).size).toBe(N * 3);
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        expect(await a.exited).toBe(0);
        expect(await b.exited).toBe(0);
      }
    });
  }
});
