/** @type {import('jest').Config} */
// The relay's tests: real HTTP on loopback, embedded PGlite, and a Postgres server when RELAY_TEST_DATABASE_URL is set.
// Transpile only (SWC): the root `npm test` type-checks relay/ with tsc first.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
];

module.exports = {
  displayName: 'relay',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  transform: { '^.+\\.ts$': swc },
};
