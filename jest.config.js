/** @type {import('jest').Config} */
// Two projects, one run: the Zapier app (test/) and the webhook relay (relay/test/, its own config), so `npm test`
// covers both and ends on one summary line.
// Jest only transpiles (SWC, no type check): `npm test` runs `tsc` over the whole tree first, so checking types again
// per file (ts-jest) cost most of the run's time.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
];

module.exports = {
  testTimeout: 30000,
  // Four workers on two cores: many suites wait on real sockets and timers (sandbox, relay, retries), so two more
  // workers than cores keep the CPUs busy (measured: 1 worker 274 s, 2 154 s, 4 127 s, 6 119 s before the compile cache).
  maxWorkers: 4,
  // zapier-platform-core kills its process (process.exit(1)) once it has run 250 invocations with more than 450 MB
  // resident (src/tools/memory-checker.js): a worker that grew over earlier files must be recycled before the next.
  workerIdleMemoryLimit: '300MB',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      displayName: 'app',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      // TypeScript first: the root index.js (Zapier's entry) points at dist/, which tests must not load (it may be stale or absent).
      moduleFileExtensions: ['ts', 'js', 'json', 'node'],
      transform: { '^.+\\.ts$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
    },
    '<rootDir>/relay',
  ],
};
