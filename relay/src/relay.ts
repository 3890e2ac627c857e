import type { AddressInfo } from 'node:net';
import type { Db } from './db/db';
import { openDb } from './db/db';
import { migrate } from './db/migrate';
import { createRelayServer } from './http/server';
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
 */
export interface Relay {
  url: string;
  port: number;
  db: Db;
  metrics: Metrics;
  log: Logger;
  fanout: Fanout;
  deliverer: Deliverer;
  purger: Purger;
  /** Graceful: stop taking requests, finish stored-but-unanswered webhooks and in-flight deliveries, close. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this database instead of opening one from the settings (not closed by close()). */
  db?: Db;
  logger?: Logger;
  /** Start the workers (default true); tests of the HTTP side alone can leave them off. */
  workers?: boolean;
}

export async function startRelay(settings: Settings, options: StartOptions = {}): Promise<Relay> {
  const log = options.logger ?? createLogger(settings.logLevel);
  const ownsDb = !options.db;
  const db =
    options.db ??
    (await openDb({
      databaseUrl: settings.databaseUrl,
      pgliteDir: settings.pgliteDir,
      poolSize: settings.dbPoolSize,
      onError: (err) => log.warn({ err: err.message }, 'database connection error'),
    }));
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  } catch (err) {
    if (ownsDb) await db.close().catch(() => undefined);
    throw err;
  }

  if (settings.timestampToleranceSeconds < HIGHLEVEL_RETRY_SPAN_SECONDS) {
    log.warn(
      { toleranceSeconds: settings.timestampToleranceSeconds, highLevelRetrySpanSeconds: HIGHLEVEL_RETRY_SPAN_SECONDS },
      "RELAY_TIMESTAMP_TOLERANCE_SECONDS is shorter than HighLevel's retry schedule: its late retries will be refused and those events lost",
    );
  }
  const metrics = createMetrics(db);
  const deliverer = new Deliverer(
    db,
    {
      concurrency: settings.deliveryConcurrency,
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
  const fanout = new Fanout(db, { pollIntervalMs: settings.pollIntervalMs }, log.child({ worker: 'fanout' }), metrics, () => deliverer.wake(), {
    capacity: () => deliverer.capacity(),
    dispatch: (deliveries) => deliverer.dispatch(deliveries),
    leaseMs: settings.claimLeaseMs,
  });
  const purger = new Purger(
    db,
    {
      retentionSeconds: settings.retentionSeconds,
      replayWindowSeconds: settings.timestampToleranceSeconds,
      intervalSeconds: settings.purgeIntervalSeconds,
    },
    log.child({ worker: 'purge' }),
  );
  const batcher = new IngestBatcher(db, {
    timeoutMs: settings.ingestTimeoutMs,
    maxPending: settings.maxPendingIngests,
    onStored: () => fanout.wake(),
  });
  const server = createRelayServer({
    db,
    log,
    metrics,
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
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (options.workers !== false) {
    fanout.start();
    deliverer.start();
    purger.start();
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const urlHost = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  log.info({ port: address.port, database: db.kind }, 'relay listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    db,
    metrics,
    log,
    fanout,
    deliverer,
    purger,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await batcher.close();
        await closed;
        await fanout.stop();
        await deliverer.stop();
        await purger.stop();
        if (ownsDb) await db.close();
        log.info('relay stopped');
      })();
      return closing;
    },
  };
}
