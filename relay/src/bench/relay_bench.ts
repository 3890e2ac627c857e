import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
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
 *     3.6 deliveries per event), measured by the driver from just before it sends to the hook receiving it;
 *  3. a dead target: one location with two hooks on contact.created, one never answering (the relay's 10 s timeout
 *     applies), at 20 events/s for 20 s: the healthy hook's p99;
 *  4. a PostgreSQL outage (server only; bench.sh gives the bench its pg_ctl): 25 webhooks/s for 20 s, the server
 *     stopped with `pg_ctl -m immediate` 5 s in and started 5 s later; the driver sends every 429 again 1 s later (as
 *     HighLevel would, ten minutes later); first answers 200 / 429 / refused or failed, events lost (answered 200 at
 *     last but never delivered: must be 0), delivered twice, and the time from the server being back to the last
 *     event delivered;
 *  5. one location's 20,000-event burst (its 10 hooks, 64 webhooks at a time) while another location sends 20/s:
 *     the burst's stored events/s and the other location's p99 during it.
 * On embedded PGlite (a data directory on disk), and on a real server when BENCH_DATABASE_URL is set
 * (relay/scripts/bench.sh starts one). The last lines are a Markdown table ready for relay/README.md.
 */
const LOCATIONS = 100;
const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 5_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BURST = Number(process.env.BENCH_BURST_EVENTS ?? 20_000);
const FAULT_SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 20);

type Msg = Record<string, unknown>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function makeBody(i: number, sentAtField: boolean, at?: string): Record<string, unknown> {
  const location = at ?? `loc${i % LOCATIONS}`;
  const r = i % 5;
  const type = r < 2 ? 'ContactCreate' : r < 4 ? 'ContactUpdate' : 'TaskCreate';
  const base = { type, locationId: location, webhookId: randomUUID(), timestamp: new Date().toISOString() };
  const fields =
    type === 'TaskCreate'
      ? { id: `t${i}`, title: 'Call back', contactId: `c${i % 1000}` }
      : { id: at ? `${at}-c${i}` : `c${i % 1000}`, email: `c${i % 1000}@example.com`, tags: i % 3 ? ['lead'] : ['lead', 'vip'] };
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
  /** Per location (from the hook path /hooks/<location>/<n>): latencies, and deliveries per event id. */
  const byLocation = new Map<string, { latencies: number[]; ids: Map<string, number>; lastAt: number }>();
  const hanging: ServerResponse[] = [];
  const hooks = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received++;
      // A dead Zap: never answers (the relay's delivery timeout ends it).
      if (req.url?.includes('/hang')) {
        hanging.push(res);
        return;
      }
      try {
        const delivery = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          receivedAt?: string;
          payload?: { benchSentAt?: number; id?: string };
        };
        const sentAt = delivery.payload?.benchSentAt;
        const location = /^\/hooks\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
        const rec = byLocation.get(location) ?? { latencies: [], ids: new Map<string, number>(), lastAt: 0 };
        byLocation.set(location, rec);
        rec.lastAt = Date.now();
        const key = `${req.url}|${delivery.payload?.id}`;
        rec.ids.set(key, (rec.ids.get(key) ?? 0) + 1);
        if (sentAt) rec.latencies.push(Date.now() - sentAt);
        if (sentAt && location.startsWith('loc')) {
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

  /** HighLevel's side of one webhook: send; a 429 is sent again (identical body) after `resendMs`, if asked. */
  const counts = { ok: 0, throttled: 0, refused: 0, other: 0, resent: 0 };
  const deliverOne = async (body: Record<string, unknown>, resendMs: number | undefined): Promise<boolean> => {
    const raw = JSON.stringify(body);
    const sig = sign(null, Buffer.from(raw), key).toString('base64');
    for (let first = true; ; first = false) {
      const status = await post(raw, sig);
      if (first) {
        if (status === 200) counts.ok++;
        else if (status === 429) counts.throttled++;
        else if (status === 0) counts.refused++;
        else counts.other++;
      } else counts.resent++;
      if (status === 200) return true;
      if (status !== 429 || resendMs === undefined) return false;
      await new Promise((r) => setTimeout(r, resendMs));
    }
  };
  /** `rate`/s for `seconds` of ContactCreate at `location`, ids unique; resolves when all are answered (200 at last). */
  const stream = async (location: string, rate: number, seconds: number, resendMs: number | undefined): Promise<number> => {
    const started = performance.now();
    const all: Promise<boolean>[] = [];
    for (let i = 0; i < rate * seconds; i++) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const body = {
        type: 'ContactCreate',
        locationId: location,
        webhookId: randomUUID(),
        timestamp: new Date().toISOString(),
        id: `${location}-${i}`,
        benchSentAt: Date.now(),
      };
      all.push(deliverOne(body, resendMs));
    }
    return (await Promise.all(all)).filter(Boolean).length;
  };
  const burst = async (location: string, n: number, concurrency: number): Promise<{ ok: number; seconds: number }> => {
    const bodies = Array.from({ length: n }, (_, i) => {
      const raw = JSON.stringify(makeBody(i, false, location));
      return { raw, sig: sign(null, Buffer.from(raw), key).toString('base64') };
    });
    let next = 0;
    let ok = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const b = bodies[next++];
          if (b && (await post(b.raw, b.sig)) === 200) ok++;
        }
      }),
    );
    return { ok, seconds: (performance.now() - started) / 1000 };
  };

  for await (const line of createInterface({ input: process.stdin })) {
    const cmd = JSON.parse(line) as Msg;
    if (cmd.cmd === 'stream') {
      Object.assign(counts, { ok: 0, throttled: 0, refused: 0, other: 0, resent: 0 });
      const stored = await stream(String(cmd.location), Number(cmd.rate), Number(cmd.seconds), cmd.resendMs === undefined ? undefined : Number(cmd.resendMs));
      send({ stored, ...counts });
    } else if (cmd.cmd === 'burstWithStream') {
      const [b, quiet] = await Promise.all([
        burst(String(cmd.burstLocation), Number(cmd.n), 64),
        stream(String(cmd.location), Number(cmd.rate), Number(cmd.seconds), undefined),
      ]);
      send({ burstStored: b.ok, burstSeconds: b.seconds, quietStored: quiet });
    } else if (cmd.cmd === 'location') {
      const rec = byLocation.get(String(cmd.location)) ?? { latencies: [], ids: new Map<string, number>(), lastAt: 0 };
      const sorted = [...rec.latencies].sort((a, b) => a - b);
      send({
        unique: rec.ids.size,
        twice: [...rec.ids.values()].filter((n) => n > 1).length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        lastAt: rec.lastAt,
      });
    } else if (cmd.cmd === 'ingest') {
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
      for (const res of hanging) res.destroy();
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

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
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

const run = promisify(execFile);

/** The bench's PostgreSQL server (relay/scripts/bench.sh exports where it is), to stop and start it. */
function serverControl(): { stop: (mode: 'immediate' | 'fast') => Promise<void>; start: () => Promise<void> } | undefined {
  const bin = process.env.TEMP_PG_BIN;
  const dir = process.env.TEMP_PG_DIR;
  const opts = process.env.TEMP_PG_OPTS;
  if (!bin || !dir || !opts) return undefined;
  const asPostgres = (args: string[]) =>
    process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args]) : run(path.join(bin, 'pg_ctl'), args);
  const data = path.join(dir, 'data');
  return {
    stop: async (mode) => void (await asPostgres(['-D', data, '-m', mode, '-w', 'stop'])),
    start: async () => void (await asPostgres(['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start'])),
  };
}

async function subscribeBench(db: Db, location: string, event: string, targetUrl: string): Promise<void> {
  await db.transaction((tx) => insertSubscription(tx, { id: randomUUID(), locationId: location, companyId: null, event, filters: {}, targetUrl }));
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
    // The outage case makes hundreds of warnings (every 429); errors only.
    LOG_LEVEL: 'error',
    // Defaults otherwise; a shorter lease (still over the 10 s delivery timeout) so the outage case can wait one out.
    RELAY_CLAIM_LEASE_MS: '15000',
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
    const hook = (location: string, n: number | string) => `http://127.0.0.1:${hooksPort}/hooks/${location}/${n}`;

    // 3. A dead target beside a healthy one.
    await subscribeBench(relay.db, 'deadloc', 'contact.created', `${hook('deadloc', 'hang')}`);
    await subscribeBench(relay.db, 'deadloc', 'contact.created', `${hook('deadloc', 'ok')}`);
    process.stderr.write(`${label}: dead target, 20 events/s for ${FAULT_SECONDS} s\n`);
    const deadRun = await drv.ask({ cmd: 'stream', location: 'deadloc', rate: 20, seconds: FAULT_SECONDS });
    await waitFor(async () => Number((await drv.ask({ cmd: 'location', location: 'deadloc' })).unique) >= Number(deadRun.stored), 30_000);
    const dead = await drv.ask({ cmd: 'location', location: 'deadloc' });
    await relay.db.query(`DELETE FROM relay_subscriptions WHERE location_id = 'deadloc'`);

    // 4. The server stopped and started under 25 webhooks/s (PostgreSQL only).
    let outage: Msg | undefined;
    const control = databaseUrl ? serverControl() : undefined;
    if (control) {
      await subscribeBench(relay.db, 'outageloc', 'contact.created', hook('outageloc', 0));
      process.stderr.write(`${label}: PostgreSQL stopped (immediate) 5 s in for 5 s, 25 webhooks/s for ${FAULT_SECONDS} s\n`);
      const streamed = drv.ask({ cmd: 'stream', location: 'outageloc', rate: 25, seconds: FAULT_SECONDS, resendMs: 1_000 });
      await new Promise((r) => setTimeout(r, 5_000));
      await control.stop('immediate');
      await new Promise((r) => setTimeout(r, 5_000));
      await control.start();
      const backAt = Date.now();
      const answered = await streamed;
      await waitFor(async () => Number((await drv.ask({ cmd: 'location', location: 'outageloc' })).unique) >= Number(answered.stored), 120_000);
      await new Promise((r) => setTimeout(r, settings.claimLeaseMs + 1_000)); // a lost success would be resent by now
      const seen = await drv.ask({ cmd: 'location', location: 'outageloc' });
      outage = {
        sent: 25 * FAULT_SECONDS,
        ok: answered.ok,
        throttled: answered.throttled,
        refused: Number(answered.refused) + Number(answered.other),
        stored: answered.stored,
        lost: Number(answered.stored) - Number(seen.unique),
        twice: seen.twice,
        catchUpSeconds: Math.max(0, (Number(seen.lastAt) - backAt) / 1000),
      };
    }

    // 5. One location's burst beside another location's steady events.
    for (const [k, event] of [...Array(5).fill('contact.created'), ...Array(3).fill('contact.updated'), ...Array(2).fill('task.created')].entries()) {
      await subscribeBench(relay.db, 'burstloc', event as string, hook('burstloc', k));
    }
    await subscribeBench(relay.db, 'quietloc', 'contact.created', hook('quietloc', 0));
    process.stderr.write(`${label}: ${BURST}-event burst of one location, another at 20/s\n`);
    const burstRun = await drv.ask({ cmd: 'burstWithStream', burstLocation: 'burstloc', n: BURST, location: 'quietloc', rate: 20, seconds: 15 });
    await waitFor(async () => Number((await drv.ask({ cmd: 'location', location: 'quietloc' })).unique) >= Number(burstRun.quietStored), 60_000);
    const quiet = await drv.ask({ cmd: 'location', location: 'quietloc' });
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
      deadTargetHealthyP99ms: dead.p99,
      deadTargetHealthyDelivered: `${dead.unique}/${deadRun.stored}`,
      outage,
      burstStoredPerSecond: Math.round(Number(burstRun.burstStored) / Number(burstRun.burstSeconds)),
      burstStored: burstRun.burstStored,
      quietP99ms: quiet.p99,
      quietDelivered: `${quiet.unique}/${burstRun.quietStored}`,
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
  const when = new Date().toISOString().slice(0, 10);
  console.log(`\nmachine: ${cpus().length} cores; load average (1/5/15 min) ${loadBefore} before, ${load()} after`);
  console.log(`\nrelay bench: ${INGEST_EVENTS} events for ingest; ${RATE} events/s for ${SECONDS} s, 1000 subscriptions over ${LOCATIONS} locations`);
  for (const r of results) {
    console.log(
      `${String(r.database).padEnd(36)} stored ${String(r.storedPerSecond).padStart(5)} events/s (${r.stored}/${INGEST_EVENTS}) | ` +
        `paced ${r.pacedEvents}/${RATE * SECONDS} stored, ${r.deliveries} delivered, ${r.hooksReceived} received, ` +
        `p50 ${r.latencyP50ms} ms, p99 ${r.latencyP99ms} ms, max ${r.latencyMaxMs} ms`,
    );
  }
  const secs = (ms: unknown) => `${(Number(ms) / 1000).toFixed(2)} s`;
  console.log(`\nReady to paste (measured ${when}, load average ${loadBefore} before, ${load()} after; say what else ran):\n`);
  console.log(
    '| database | stored (5,000, 64 at a time) | 100 events/s × 20 s: p50 / p99 | healthy hook beside a dead one (20/s): p99 | ' +
      `${BURST.toLocaleString('en-US')}-event burst of one location: stored/s; other location's p99 | ` +
      'PostgreSQL stopped 5 s at 25/s: first answers 200 / 429 / refused; lost; twice; caught up in |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    const o = r.outage as Msg | undefined;
    const outage = o
      ? `${o.ok} / ${o.throttled} / ${o.refused}; ${o.lost} lost; ${o.twice} twice; ${Number(o.catchUpSeconds).toFixed(1)} s`
      : 'n/a (in-process)';
    console.log(
      `| ${r.database} | ${Number(r.storedPerSecond).toLocaleString('en-US')} events/s | ${secs(r.latencyP50ms)} / ${secs(r.latencyP99ms)} | ` +
        `${secs(r.deadTargetHealthyP99ms)} (${r.deadTargetHealthyDelivered}) | ${Number(r.burstStoredPerSecond).toLocaleString('en-US')}/s; ${secs(r.quietP99ms)} (${r.quietDelivered}) | ${outage} |`,
    );
  }
  console.log(JSON.stringify(results));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
