import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgliteDb } from '../src/db/db';
import { isDataError, isRetryableLater, isUnavailableError } from '../src/db/db_errors';

vi.setConfig({ testTimeout: 60_000 });

describe('the embedded database handle', () => {
  it('reopens an on-disk PGlite that stopped under it, with its data, and reports the fault instead of throwing it at the process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-pglite-'));
    const errors: Error[] = [];
    try {
      const first = await PGlite.create(dir);
      const db = pgliteDb(first, true, { reopen: () => PGlite.create(dir), onError: (e) => errors.push(e) });
      await db.exec('CREATE TABLE t (n int); INSERT INTO t VALUES (1)');
      // The instance goes away under the relay (a WASM abort leaves it closed the same way).
      await first.close();
      const rows = await db.query<{ n: number }>('SELECT n FROM t');
      expect(rows.rows).toEqual([{ n: 1 }]);
      await expect(db.transaction((tx) => tx.query('INSERT INTO t VALUES (2)'))).resolves.toBeDefined();
      await db.close();
      await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
  });
});

describe('database errors', () => {
  it('tell a row the database refuses from a database that is away', () => {
    expect(isDataError({ code: '22P05' })).toBe(true);
    expect(isDataError({ code: '54000' })).toBe(true);
    expect(isDataError({ code: '23503' })).toBe(false); // a race with a delete, not the data
    expect(isDataError({ code: '57P01' })).toBe(false);
    expect(isUnavailableError({ code: '57P01' })).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailableError(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError({ code: '42P01' })).toBe(false);
    expect(isRetryableLater({ code: '40P01' })).toBe(true);
    expect(isRetryableLater(new TypeError('x is not a function'))).toBe(false);
  });
});
