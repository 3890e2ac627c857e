/** @type {import('jest').Config} */
// Two projects, one run: the Zapier app (test/) and the webhook relay (relay/test/, its own config), so `npm test`
// covers both and ends on one summary line.
module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      displayName: 'app',
      preset: 'ts-jest',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      // TypeScript first: the root index.js (Zapier's entry) points at dist/, which tests must not load (it may be stale or absent).
      moduleFileExtensions: ['ts', 'js', 'json', 'node'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
    },
    '<rootDir>/relay',
  ],
};
