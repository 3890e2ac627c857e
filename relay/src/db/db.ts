import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import type { PoolClient } from 'pg';

/**
 * One small interface over both backends: embedded PGlite (a real Postgres compiled to WASM, in this process) and a
 * Postgres server through node-postgres. Table modules (events_table.ts, ...) only see `Queryable`.
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
  onError?: (err: Error) => void;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onError);
  return openPglite(options.pgliteDir ?? 'memory://');
}

export async function openPglite(dir: string): Promise<Db> {
  const pg = await PGlite.create(dir === 'memory://' ? undefined : dir);
  return pgliteDb(pg, true);
}

/** Wraps an open PGlite (tests share one between two relay instances); `owned` decides who closes it. */
export function pgliteDb(pg: PGlite, owned: boolean): Db {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      const result = await q.query<R>(text, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  const base = wrap(pg);
  let closed = false;
  return {
    kind: 'pglite',
    ...base,
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      if (closed) throw new Error('database is closed');
      return base.query<R>(text, params);
    },
    transaction: (fn) => {
      if (closed) return Promise.reject(new Error('database is closed'));
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      closed = true;
      if (owned) await pg.close();
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
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr as Error; // the connection is unusable: drop it from the pool
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
