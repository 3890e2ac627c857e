import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db, Queryable } from './db/db';
import { openPglite, openPostgres } from './db/db';
import { isUnavailableError } from './db/db_errors';
import { migrate } from './db/migrate';
import { createMetricsServer, createRelayServer } from './http/server';
import type { RelayState } from './http/server';
import { IngestBatcher } from './ingest/ingest_batcher';
import { HIGHLEVEL_RETRY_SPAN_SECONDS } from './ingest/webhook_parse';
import type { Logger } from './log';
import { createLogger } from './log';
import type { Metrics } from './metrics';
import { createMetrics } from './metrics';
import { Deliverer } from './queue/deliverer';
import { Fanout } from './queue/fanout';
import { Purger } from './queue/purger';
import type { Settings } from './settings';

/**
 * One relay instance: HTTP in front, three workers behind (fan-out, delivery, purge), all state in the database, so
 * any number of instances can share one database.
 *
 * It listens before its database is up, and keeps going when the database goes away: until it can store (the
 * server refuses connections, is restarting, the migrations are not applied yet), webhooks are answered 429 with
 * Retry-After and /readyz 503; it keeps trying to reach the database and, once it can, applies the migrations and
 * starts its workers, which catch up on their own. Only a migration that fails for another reason than the database
 * being unreachable stops it (onFatal).
 */
export interface Relay {
  url: string;
  port: number;
  /** The metrics listener (RELAY_METRICS_PORT), when there is one. */
  metricsUrl: string | undefined;
  db: Db;
  metrics: Metrics;
  log: Logger;
  fanout: Fanout;
  deliverer: Deliverer;
  purger: Purger;
  /** Resolves once the database is reached and migrated (at once when it already was). */
  ready: Promise<void>;
  /** Graceful: stop taking requests, finish stored-but-unanswered webhooks and in-flight deliveries, close. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this database instead of opening one from the settings (not closed by close()). */
  db?: Db;
  logger?: Logger;
  /** Start the workers (default true); tests of the HTTP side alone can leave them off. */
  workers?: boolean;
  /** A fault that retrying cannot cure (a migration that does not apply). Default: logged. */
  onFatal?: (err: Error) => void;
}

/** Retries to reach the database at start: 250 ms, doubling, at most 5 s apart. */
const CONNECT_RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

/** The embedded database while it opens (a second or so): calls fail as "not available", i.e. 429 / 503. */
function deferredDb(opening: Promise<Db>): Db {
  let inner: Db | undefined;
  let failed = false;
  opening.then(
    (db) => (inner = db),
    () => (failed = true),
  );
  const get = async (): Promise<Db> => {
    if (inner) return inner;
    throw new Error(failed ? 'embedded database is not available (it did not open)' : 'embedded database is not available yet (opening)');
  };
  return {
    kind: 'pglite',
    query: async <R extends object>(text: string, params?: readonly unknown[]) => (await get()).query<R>(text, params),
    exec: async (text: string) => (await get()).exec(text),
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => (await get()).transaction(fn),
    close: async () => {
      const db = await opening.catch(() => undefined);
      await db?.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const urlHost = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  return `http://${urlHost}:${address.port}`;
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}

export async function startRelay(settings: Settings, options: StartOptions = {}): Promise<Relay> {
  const log = options.logger ?? createLogger(settings.logLevel);
  const ownsDb = !options.db;
  const onDbError = (err: Error) => log.warn({ err: err.message }, 'database connection error');
  let pgliteOpening: Promise<Db> | undefined;
  const db =
    options.db ??
    (settings.databaseUrl
      ? openPostgres(settings.databaseUrl, settings.dbPoolSize, onDbError)
      : deferredDb((pgliteOpening = openPglite(settings.pgliteDir, onDbError))));

  if (settings.timestampToleranceSeconds < HIGHLEVEL_RETRY_SPAN_SECONDS) {
    log.warn(
      { toleranceSeconds: settings.timestampToleranceSeconds, highLevelRetrySpanSeconds: HIGHLEVEL_RETRY_SPAN_SECONDS },
      "RELAY_TIMESTAMP_TOLERANCE_SECONDS is shorter than HighLevel's retry schedule: its late retries will be refused and those events lost",
    );
  }
  if (settings.hookRatePerSecond > 30 && settings.allowedTargetHosts.includes('hooks.zapier.com')) {
    log.warn(
      { hookRatePerSecond: settings.hookRatePerSecond },
      "RELAY_HOOK_RATE_PER_SECOND is above Zapier's 30 webhooks per second per hook: Zapier will answer 429 during bursts",
    );
  }
  let migrated = false;
  let stopping = false;
  const state: RelayState = { migrated: () => migrated, stopping: () => stopping };
  const metrics = createMetrics(db);
  const deliverer = new Deliverer(
    db,
    {
      concurrency: settings.deliveryConcurrency,
      subscriptionConcurrency: settings.subscriptionConcurrency,
      targetConcurrency: settings.targetConcurrency,
      hookRatePerSecond: settings.hookRatePerSecond,
      breaker: { failures: settings.breakerFailures, baseMs: settings.breakerBaseMs, maxMs: settings.breakerMaxMs },
      timeoutMs: settings.deliveryTimeoutMs,
      leaseMs: settings.claimLeaseMs,
      pollIntervalMs: settings.pollIntervalMs,
      retryBaseDelayMs: settings.retryBaseDelayMs,
      retryMaxDelayMs: settings.retryMaxDelayMs,
      retryPeriodSeconds: settings.retryPeriodSeconds,
      shutdownTimeoutMs: settings.shutdownTimeoutMs,
      sharedSecret: settings.sharedSecret,
    },
    log.child({ worker: 'deliver' }),
    metrics,
  );
  const fanout = new Fanout(
    db,
    {
      pollIntervalMs: settings.pollIntervalMs,
      hookRatePerSecond: settings.hookRatePerSecond,
      maxAttempts: settings.fanoutMaxAttempts,
      retryDelayMs: settings.fanoutRetryDelayMs,
    },
    log.child({ worker: 'fanout' }),
    metrics,
    () => deliverer.wake(),
    {
      planner: () => deliverer.planner(),
      dispatch: (deliveries) => deliverer.dispatch(deliveries),
      leaseMs: settings.claimLeaseMs,
    },
  );
  const purger = new Purger(
    db,
    {
      retentionSeconds: settings.retentionSeconds,
      deadLetterRetentionSeconds: settings.deadLetterRetentionSeconds,
      intervalSeconds: settings.purgeIntervalSeconds,
    },
    log.child({ worker: 'purge' }),
  );
  const batcher = new IngestBatcher(db, {
    timeoutMs: settings.ingestTimeoutMs,
    maxPending: settings.maxPendingIngests,
    onStored: () => fanout.wake(),
  });
  const serverDeps = {
    db,
    log,
    metrics,
    state,
    webhook: {
      keys: { ed25519: settings.ghlEd25519Keys, legacy: settings.ghlLegacyKey },
      maxBodyBytes: settings.maxBodyBytes,
      timestampWindow: { maxAgeSeconds: settings.timestampToleranceSeconds, maxFutureSeconds: settings.timestampMaxFutureSeconds },
      batcher,
      metrics,
    },
    subscriptions: {
      db,
      sharedSecret: settings.sharedSecret,
      allowedTargetHosts: settings.allowedTargetHosts,
      allowLoopbackTargets: settings.allowLoopbackTargets,
      ghlApiBaseUrl: settings.ghlApiBaseUrl,
      ghlApiTimeoutMs: settings.ghlApiTimeoutMs,
    },
    admin: { db, sharedSecret: settings.sharedSecret, fanout },
  };
  const server = createRelayServer(serverDeps);
  const metricsServer = settings.metricsPort === undefined ? undefined : createMetricsServer(serverDeps);
  let address: AddressInfo;
  let metricsAddress: AddressInfo | undefined;
  try {
    address = await listen(server, settings.port, settings.host);
    if (metricsServer) metricsAddress = await listen(metricsServer, settings.metricsPort ?? 0, settings.metricsHost);
  } catch (err) {
    await closeServer(server, 0);
    if (ownsDb) await db.close().catch(() => undefined);
    throw err;
  }

  // Bringing the database up: the first try decides what startRelay reports; later ones run in the background.
  let retryTimer: NodeJS.Timeout | undefined;
  let wakeRetry: (() => void) | undefined;
  const attempt = async (): Promise<'up' | 'retry'> => {
    try {
      if (pgliteOpening) await pgliteOpening;
      const applied = await migrate(db);
      if (applied.length > 0) log.info({ applied }, 'migrations applied');
      return 'up';
    } catch (err) {
      if (!isUnavailableError(err) || (pgliteOpening && (await pgliteOpening.then(() => false).catch(() => true)))) throw err;
      log.warn({ err: (err as Error).message }, 'database unreachable: answering webhooks 429 until it is back');
      return 'retry';
    }
  };
  const goLive = () => {
    migrated = true;
    batcher.open();
    if (options.workers !== false) {
      fanout.start();
      deliverer.start();
      purger.start();
    }
    log.info('database reached: storing webhooks, workers started');
  };
  let first: 'up' | 'retry';
  try {
    first = await attempt();
  } catch (err) {
    await closeServer(server, 0);
    if (metricsServer) await closeServer(metricsServer, 0);
    if (ownsDb) await db.close().catch(() => undefined);
    throw err;
  }
  let ready: Promise<void>;
  if (first === 'up') {
    goLive();
    ready = Promise.resolve();
  } else {
    ready = (async () => {
      for (let i = 0; !stopping; i++) {
        await new Promise<void>((resolve) => {
          wakeRetry = resolve;
          retryTimer = setTimeout(resolve, CONNECT_RETRY_MS[Math.min(i, CONNECT_RETRY_MS.length - 1)]);
        });
        if (stopping) return;
        try {
          if ((await attempt()) === 'up') return goLive();
        } catch (err) {
          log.fatal({ err: (err as Error).message }, 'database schema could not be brought up to date');
          (options.onFatal ?? (() => undefined))(err as Error);
          return;
        }
      }
    })();
  }
  log.info({ port: address.port, metricsPort: metricsAddress?.port, database: db.kind }, 'relay listening');

  let closing: Promise<void> | undefined;
  return {
    url: urlOf(address),
    port: address.port,
    metricsUrl: metricsAddress ? urlOf(metricsAddress) : undefined,
    db,
    metrics,
    log,
    fanout,
    deliverer,
    purger,
    ready,
    close() {
      closing ??= (async () => {
        // /readyz says 503 from now on (a load balancer stops sending); webhooks are still stored while the
        // workers finish, then answered 429 until the listener closes, so none meets a refused connection early.
        stopping = true;
        clearTimeout(retryTimer);
        wakeRetry?.();
        await ready;
        await fanout.stop();
        await deliverer.stop();
        await purger.stop();
        await batcher.close();
        await closeServer(server, 2_000);
        if (metricsServer) await closeServer(metricsServer, 0);
        if (ownsDb) await db.close();
        log.info('relay stopped');
      })();
      return closing;
    },
  };
}
