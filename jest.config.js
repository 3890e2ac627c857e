/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // TypeScript first: the root index.js (Zapier's entry) points at dist/, which tests must not load (it may be stale or absent).
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 30000,
  // zapier-platform-core kills its process (process.exit(1)) once it has run 250 invocations with more than 450 MB
  // resident (src/tools/memory-checker.js): a worker that grew over earlier files must be recycled before the next.
  workerIdleMemoryLimit: '300MB',
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
