import { defineConfig } from 'vitest/config';

/**
 * One run, three projects, one summary line (test/summary-reporter.ts):
 * - app: the nock tests per operation, the lib, sandbox and app-definition tests. They share one module graph per
 *   worker (isolate: false): loading zapier-platform-core, the app and zod once per worker instead of once per file
 *   was most of the suite's time. test/setup.ts resets what a file could leave behind (nock, z.cache, env).
 * - e2e: the app against the sandbox and the relay through the Zapier runtime (isolated: they set process.env and start
 *   servers).
 * - relay: the webhook relay's suites (isolated: real HTTP, PGlite, a PostgreSQL server when RELAY_TEST_DATABASE_URL
 *   is set).
 */
const shared = {
  // TypeScript first: the root index.js (Zapier's entry) points at dist/, which tests must not load.
  resolve: { extensions: ['.ts', '.mjs', '.js', '.mts', '.json'] },
};

export default defineConfig({
  ...shared,
  test: {
    globals: true,
    pool: 'forks',
    // Four workers on two cores: the e2e and relay suites mostly wait on sockets and timers.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        ...shared,
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/contract/**'],
          isolate: false,
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        ...shared,
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/contract/**/*.test.ts'],
          setupFiles: ['test/setup.ts'],
        },
      },
      // The relay's timing tests (latency bounds under a burst, retry periods of 2 s) measure a loaded 2-core machine
      // as much as the relay: one failed run is tried once more, and Vitest reports the retry.
      { ...shared, extends: true, test: { name: 'relay', root: 'relay', include: ['test/**/*.test.ts'], retry: 1 } },
    ],
  },
});
