import nock from 'nock';

/**
 * Runs before every test file. In the `app` project files share one module graph per worker (vitest.config.mts), so
 * what is set here is set again for each file, and what a file could leave behind is reset after each test.
 */

// Hermetic: no request leaves the machine. Loopback stays open for the sandbox end-to-end tests.
if (!nock.isActive()) nock.activate();
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

process.env.CLIENT_ID = 'test-client-id';
process.env.CLIENT_SECRET = 'test-client-secret';
delete process.env.GHL_API_BASE_URL;
delete process.env.GHL_AUTH_BASE_URL;

/** Set by test/helpers/app.ts: each test is a fresh Zapier world (the app tester's in-memory z.cache starts empty). */
const RESET_TESTER = Symbol.for('highlevel-zapier.test.reset-tester');
const hooks = globalThis as unknown as Record<symbol, (() => void) | undefined>;

beforeEach(() => {
  hooks[RESET_TESTER]?.();
});

afterEach(() => {
  nock.cleanAll();
});

/**
 * zapier-platform-core compiles the whole app definition (a deep copy, source functions resolved, every object
 * frozen) twice on every invocation (src/tools/create-lambda-handler.js calls prepareApp after createApp did). With
 * 130 operations that was about a third of the nock tests' CPU time. The compiled app is frozen and depends only on
 * the definition, so a definition is compiled once per worker, and again only when the app tester has put a different
 * ad-hoc function on it (`appTester(fn)` sets `_testRequest`): the same result, without the repeats.
 */
const MEMO = Symbol.for('highlevel-zapier.test.prepare-app-memo');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const platformSchema = require('zapier-platform-core/src/tools/schema') as { prepareApp: (appRaw: object) => object } & Record<symbol, boolean>;
if (!platformSchema[MEMO]) {
  platformSchema[MEMO] = true;
  const prepareApp = platformSchema.prepareApp;
  const compiledApps = new WeakMap<object, { adHoc: unknown; compiled: object }>();
  platformSchema.prepareApp = (appRaw: object) => {
    const adHoc = (appRaw as { _testRequest?: unknown })._testRequest;
    const known = compiledApps.get(appRaw);
    if (known && known.adHoc === adHoc) return known.compiled;
    const compiled = prepareApp(appRaw);
    compiledApps.set(appRaw, { adHoc, compiled });
    return compiled;
  };
}
