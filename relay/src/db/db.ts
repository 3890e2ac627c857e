import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import type { PoolClient } from 'pg';

/**
 * One small interface over both backends: embedded PGlite (a real Postgres compiled to WASM, in this process) and a
 * Postgres server through node-postgres. Table modules (events_table.ts, ...) only see `Queryable`.
 *
 * Faults: every error a backend raises ends as a rejected promise of the call that carried the work, never as an
 * unhandled 'error' event (which would kill the process). See db_errors.ts for which of them are worth retrying.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  /** Directory, or `memory://`. Used when no databaseUrl. */
  pgliteDir?: string;
  poolSize?: number;
  /** A connection lost or refused outside any call (logged; the work it carried, if any, fails and is retried). */
  onError?: (err: Error) => void;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onError);
  return openPglite(options.pgliteDir ?? 'memory://', options.onError);
}

/**
 * An on-disk PGlite that stops working under us (its WASM instance aborted, or it was closed by something else) is
 * opened again on the same directory on the next call, at most once a second: it is a real Postgres, so the reopen
 * recovers from its WAL like a server restart. An in-memory one cannot be reopened without losing everything, so it
 * keeps failing (the relay answers 429 and /readyz 503, as for a server that is down).
 */
export async function openPglite(dir: string, onError?: (err: Error) => void): Promise<Db> {
  const inMemory = dir === 'memory://';
  const create = () => PGlite.create(inMemory ? undefined : dir);
  return pgliteDb(await create(), true, inMemory ? undefined : { reopen: create, onError });
}

export interface PgliteRecovery {
  reopen: () => Promise<PGlite>;
  onError?: ((err: Error) => void) | undefined;
}

const REOPEN_INTERVAL_MS = 1_000;

/** Wraps an open PGlite (tests share one between two relay instances); `owned` decides who closes it. */
export function pgliteDb(initial: PGlite, owned: boolean, recovery?: PgliteRecovery): Db {
  let pg = initial;
  let closed = false;
  let reopening: Promise<void> | undefined;
  let lastReopen = 0;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      const result = await q.query<R>(text, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  /** The handle to use: the current one, or a fresh one when the current one died and may be replaced. */
  const handle = async (): Promise<PGlite> => {
    if (closed) throw new Error('database is closed');
    if (!pg.closed || !recovery) return pg;
    if (!reopening && Date.now() - lastReopen >= REOPEN_INTERVAL_MS) {
      lastReopen = Date.now();
      reopening = recovery
        .reopen()
        .then((fresh) => {
          pg = fresh;
        })
        .catch((err: unknown) => recovery.onError?.(err as Error))
        .finally(() => {
          reopening = undefined;
        });
    }
    if (reopening) await reopening;
    if (pg.closed) throw new Error('embedded database is not available');
    return pg;
  };
  /** Any failure is the caller's; one that left the instance unusable is also reported (it is reopened next call). */
  const guard = async <T>(work: (h: PGlite) => Promise<T>): Promise<T> => {
    const h = await handle();
    try {
      return await work(h);
    } catch (err) {
      if (h.closed && !closed) recovery?.onError?.(err as Error);
      throw err;
    }
  };
  return {
    kind: 'pglite',
    query: <R extends object>(text: string, params?: readonly unknown[]) => guard((h) => wrap(h).query<R>(text, params)),
    exec: (text: string) => guard((h) => wrap(h).exec(text)),
    transaction: (fn) => guard((h) => h.transaction((tx) => fn(wrap(tx)))),
    async close() {
      closed = true;
      if (reopening) await reopening;
      if (owned && !pg.closed) await pg.close();
    },
  };
}

export function openPostgres(url: string, poolSize: number, onError?: (err: Error) => void): Db {
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    // Fail fast when the server is away: the webhook route then answers 429 instead of hanging.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    // A server that vanished without closing the socket (a cut network) is noticed instead of waited on forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'highlevel-relay',
  });
  // An idle client losing its server emits here; without a listener node would crash the process.
  pool.on('error', (err) => onError?.(err));
  const wrap = (c: Pool | PoolClient): Queryable => ({
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      const result = await c.query<R & Record<string, unknown>>(text, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string) {
      await c.query(text);
    },
  });
  let ended = false;
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // pg-pool takes its own 'error' listener off a client it hands out: while this transaction holds it, a
      // connection terminated by the server (ECONNRESET, "terminating connection due to administrator command")
      // would be an unhandled 'error' event and end the process. The query in progress is failed by pg itself; this
      // listener only keeps the event from being fatal and marks the client as not to be reused.
      let broken: Error | undefined;
      const onClientError = (err: Error) => {
        broken ??= err;
        onError?.(err);
      };
      client.on('error', onClientError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (!broken) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackErr) {
            broken = rollbackErr as Error; // the connection is unusable: drop it from the pool
          }
        }
        throw err;
      } finally {
        client.off('error', onClientError);
        client.release(broken);
      }
    },
    async close() {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}
