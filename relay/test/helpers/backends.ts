import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Db } from '../../src/db/db';
import { openPglite, openPostgres } from '../../src/db/db';

/**
 * Every relay suite runs on embedded PGlite and, when RELAY_TEST_DATABASE_URL names a server (.ci/run starts one),
 * on that server too. Each use gets a database of its own, dropped afterwards.
 */
export type BackendName = 'pglite' | 'postgres';

export const BACKENDS: BackendName[] = process.env.RELAY_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  backend: BackendName;
  /** DATABASE_URL for a relay process (postgres), undefined for pglite. */
  url: string | undefined;
  open(): Promise<Db>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.RELAY_TEST_DATABASE_URL;
  if (!url) throw new Error('RELAY_TEST_DATABASE_URL is not set');
  return url;
}

export async function createTestDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === 'pglite') {
    return { backend, url: undefined, open: () => openPglite('memory://'), drop: async () => undefined };
  }
  const name = `relay_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    backend,
    url: url.toString(),
    open: async () => openPostgres(url.toString(), 10),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Empties every relay table between tests that share one database. */
export async function truncateAll(db: Db): Promise<void> {
  await db.exec(
    'TRUNCATE relay_deliveries, relay_events, relay_subscriptions, relay_tag_snapshots, relay_hook_pace, relay_dedupe_tombstones, relay_api_nonces',
  );
}
