/** @type {import('jest').Config} */
// The relay's tests: real HTTP on loopback, embedded PGlite, and a Postgres server when RELAY_TEST_DATABASE_URL is set.
module.exports = {
  displayName: 'relay',
  preset: 'ts-jest',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
};
