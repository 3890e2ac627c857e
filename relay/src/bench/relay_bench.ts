import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import type { Db } from '../db/db';
import { insertSubscription } from '../db/subscriptions_table';
import { startRelay } from '../relay';
import { loadSettings } from '../settings';

/**
 * `npm run bench:relay` (not a test). Two processes, one core each: this one runs the relay; a driver child signs
 * and sends the webhooks and plays the Zapier hooks. Figures:
 *  1. events/s verified and stored: 5,000 pre-signed webhooks, 64 at a time, workers off (ingest alone);
 *  2. write-to-delivery latency p50/p99 at 100 events/s for 20 s, 1,000 subscriptions over 100 locations
 *     (per location 5 contact.created, 3 contact.updated, 2 task.created; events 40/40/20 of those types, so
 *     3.6 deliveries per event), measured by the driver from just before it sends to the hook receiving it.
 * On embedded PGlite (a data directory on disk), and on a real server when BENCH_DATABASE_URL is set
 * (relay/scripts/bench.sh starts one).
 */
const LOCATIONS = 100;
const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 5_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

type Msg = Record<string, unknown>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function makeBody(i: number, sentAtField: boolean): Record<string, unknown> {
  const location = `loc${i % LOCATIONS}`;
  const r = i % 5;
  const type = r < 2 ? 'ContactCreate' : r < 4 ? 'ContactUpdate' : 'TaskCreate';
  const base = { type, locationId: location, webhookId: randomUUID(), timestamp: new Date().toISOString() };
  const fields =
    type === 'TaskCreate'
      ? { id: `t${i}`, title: 'Call back', contactId: `c${i % 1000}` }
      : { id: `c${i % 1000}`, email: `c${i % 1000}@example.com`, tags: i % 3 ? ['lead'] : ['lead', 'vip'] };
  return { ...base, ...fields, ...(sentAtField ? { benchSentAt: 0 } : {}) };
}

// ---------------------------------------------------------------- driver (child process)

async function driver(): Promise<void> {
  const key = createPrivateKey(process.env.BENCH_PRIVATE_KEY ?? '');
  const relayUrl = process.env.BENCH_RELAY_URL ?? '';
  const latencies: number[] = [];
  /** [second of the paced run it was sent in, latency]: BENCH_DETAIL=1 prints p99 per second, to see where a tail is. */
  const timeline: [number, number, number][] = [];
  let pacedStart = 0;
  let received = 0;
  const hooks = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received++;
      try {
        const delivery = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { receivedAt?: string; payload?: { benchSentAt?: number } };
        const sentAt = delivery.payload?.benchSentAt;
        if (sentAt) {
          latencies.push(Date.now() - sentAt);
          // The part before the relay's insert began (received_at is the transaction's now()).
          const toStore = Date.parse(delivery.receivedAt ?? '') - sentAt;
          timeline.push([Math.floor((sentAt - pacedStart) / 1000), Date.now() - sentAt, toStore]);
        }
      } catch {
        // counted, not timed
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  hooks.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const send = (m: Msg) => process.stdout.write(`${JSON.stringify(m)}\n`);
  send({ hooks: (hooks.address() as AddressInfo).port });

  // A failed request (refused, timed out) counts as not stored; the figures say how many.
  const post = async (raw: string, sig: string): Promise<number> => {
    try {
      const res = await fetch(`${relayUrl}/webhooks/highlevel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ghl-signature': sig },
        body: raw,
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  };

  for await (const line of createInterface({ input: process.stdin })) {
    const cmd = JSON.parse(line) as Msg;
    if (cmd.cmd === 'ingest') {
      const n = Number(cmd.n);
      const bodies = Array.from({ length: n }, (_, i) => {
        const raw = JSON.stringify(makeBody(i, false));
        return { raw, sig: sign(null, Buffer.from(raw), key).toString('base64') };
      });
      let next = 0;
      let ok = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: Number(cmd.concurrency) }, async () => {
          while (next < n) {
            const b = bodies[next++];
            if (b && (await post(b.raw, b.sig)) === 200) ok++;
          }
        }),
      );
      send({ ingested: ok, seconds: (performance.now() - started) / 1000 });
    } else if (cmd.cmd === 'paced') {
      const rate = Number(cmd.rate);
      const total = rate * Number(cmd.seconds);
      const started = performance.now();
      pacedStart = Date.now();
      const inFlight: Promise<number>[] = [];
      let ok = 0;
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const body = makeBody(INGEST_EVENTS + i, true);
        body.benchSentAt = Date.now();
        const raw = JSON.stringify(body);
        inFlight.push(post(raw, sign(null, Buffer.from(raw), key).toString('base64')).then((s) => (s === 200 ? ok++ : ok)));
      }
      await Promise.all(inFlight);
      send({ paced: ok, seconds: (performance.now() - started) / 1000 });
    } else if (cmd.cmd === 'report') {
      const sorted = [...latencies].sort((a, b) => a - b);
      if (process.env.BENCH_DETAIL) {
        const bySecond = new Map<number, [number[], number[]]>();
        for (const [second, ms, toStore] of timeline) {
          const [all, stored] = bySecond.get(second) ?? [[], []];
          all.push(ms);
          stored.push(toStore);
          bySecond.set(second, [all, stored]);
        }
        const p99 = (v: number[]) =>
          percentile(
            [...v].sort((x, y) => x - y),
            99,
          );
        const line = [...bySecond].sort(([x], [y]) => x - y).map(([second, [all, stored]]) => `${second}s:${p99(all)}(${p99(stored)})`);
        process.stderr.write(`p99 by second sent (p99 of the part before the insert): ${line.join(' ')}\n`);
      }
      send({ received, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN });
    } else if (cmd.cmd === 'exit') {
      hooks.closeAllConnections();
      hooks.close();
      process.exit(0);
    }
  }
}

// ---------------------------------------------------------------- relay side (this process)

class Driver {
  private readonly lines: AsyncIterator<string>;
  constructor(readonly child: ChildProcess) {
    this.lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  }
  async next(): Promise<Msg> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('driver ended');
    return JSON.parse(value as string) as Msg;
  }
  async ask(m: Msg): Promise<Msg> {
    this.child.stdin?.write(`${JSON.stringify(m)}\n`);
    return this.next();
  }
}

async function count(db: Db, sql: string): Promise<number> {
  return Number((await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0);
}

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `relay_bench_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function benchOne(label: string, databaseUrl: string | undefined): Promise<Msg> {
  const keys = generateKeyPairSync('ed25519');
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-bench-'));
  const settings = loadSettings({
    NODE_ENV: 'bench',
    RELAY_HOST: '127.0.0.1',
    PORT: '0',
    RELAY_SHARED_SECRET: randomUUID() + randomUUID(),
    GHL_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    RELAY_ALLOW_LOOPBACK_TARGETS: 'true',
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { RELAY_PGLITE_DIR: path.join(dir, 'pglite') }),
  });
  const relay = await startRelay(settings, { workers: false });
  const child = spawn(process.execPath, [__filename, 'driver'], {
    env: {
      ...process.env,
      BENCH_PRIVATE_KEY: keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      BENCH_RELAY_URL: relay.url,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const drv = new Driver(child);
  try {
    const hooksPort = Number((await drv.next()).hooks);
    for (let l = 0; l < LOCATIONS; l++) {
      const kinds = [...Array(5).fill('contact.created'), ...Array(3).fill('contact.updated'), ...Array(2).fill('task.created')];
      for (const [k, event] of kinds.entries()) {
        await relay.db.transaction((tx) =>
          insertSubscription(tx, {
            id: randomUUID(),
            locationId: `loc${l}`,
            companyId: null,
            event: event as string,
            filters: {},
            targetUrl: `http://127.0.0.1:${hooksPort}/hooks/loc${l}/${k}`,
          }),
        );
      }
    }
    const ingest = await drv.ask({ cmd: 'ingest', n: INGEST_EVENTS, concurrency: 64 });
    const stored = await count(relay.db, 'SELECT count(*)::int AS n FROM relay_events');
    // Phase 2 starts from an empty queue.
    await relay.db.exec('DELETE FROM relay_events');
    relay.fanout.start();
    relay.deliverer.start();
    const paced = await drv.ask({ cmd: 'paced', rate: RATE, seconds: SECONDS });
    const drainStart = Date.now();
    while (
      (await count(relay.db, `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'pending'`)) +
        (await count(relay.db, 'SELECT count(*)::int AS n FROM relay_events WHERE fanned_out_at IS NULL')) >
        0 &&
      Date.now() - drainStart < 120_000
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    const report = await drv.ask({ cmd: 'report' });
    const delivered = await count(relay.db, `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'delivered'`);
    const ingestSeconds = Number(ingest.seconds);
    return {
      database: label,
      storedPerSecond: Math.round(stored / ingestSeconds),
      stored,
      pacedEvents: paced.paced,
      deliveries: delivered,
      hooksReceived: report.received,
      latencyP50ms: report.p50,
      latencyP99ms: report.p99,
      latencyMaxMs: report.max,
    };
  } finally {
    await drv.ask({ cmd: 'exit' }).catch(() => undefined);
    child.kill();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'driver') return driver();
  // The figures depend on what else runs on the machine: say so with them.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  const loadBefore = load();
  const results: Msg[] = [await benchOne('embedded PGlite (data dir on disk)', undefined)];
  if (process.env.BENCH_DATABASE_URL) {
    const fresh = await freshDatabase(process.env.BENCH_DATABASE_URL);
    try {
      results.push(await benchOne('PostgreSQL server (loopback)', fresh.url));
    } finally {
      await fresh.drop();
    }
  }
  console.log(`\nmachine: ${cpus().length} cores; load average (1/5/15 min) ${loadBefore} before, ${load()} after`);
  console.log(`\nrelay bench: ${INGEST_EVENTS} events for ingest; ${RATE} events/s for ${SECONDS} s, 1000 subscriptions over ${LOCATIONS} locations`);
  for (const r of results) {
    console.log(
      `${String(r.database).padEnd(36)} stored ${String(r.storedPerSecond).padStart(5)} events/s (${r.stored}/${INGEST_EVENTS}) | ` +
        `paced ${r.pacedEvents}/${RATE * SECONDS} stored, ${r.deliveries} delivered, ${r.hooksReceived} received, ` +
        `p50 ${r.latencyP50ms} ms, p99 ${r.latencyP99ms} ms, max ${r.latencyMaxMs} ms`,
    );
  }
  console.log(JSON.stringify(results));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
