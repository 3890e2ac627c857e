import http from 'node:http';
import nock from 'nock';

/**
 * Jest loads a fresh copy of nock for every test file, but what it patches (node's http module) is shared by the
 * whole worker process. A copy left active makes the next file's mocks invisible (requests fail as unreachable).
 * Each file releases its copy in afterAll; a file whose tests are all skipped never runs afterAll, so its copy is
 * also released here, through a hook stored on the shared http module, before this file's copy is re-activated.
 */
const RELEASE = Symbol.for('highlevel-zapier.test.nock-release');
const shared = http as unknown as Record<symbol, (() => void) | undefined>;
const leftOver = shared[RELEASE];
if (leftOver) {
  nock.restore(); // this copy patched on top of the left-over one: undo ours first, then theirs
  leftOver();
  nock.activate();
}
shared[RELEASE] = () => nock.restore();

// Hermetic: no request leaves the machine. Loopback stays open for the sandbox end-to-end tests.
// Each test file gets its own copy of nock, but the interceptor lives on Node's shared http module: make sure this
// file's copy is the active one (an earlier file's restore may have removed the previous copy's).
if (!nock.isActive()) nock.activate();
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

process.env.CLIENT_ID = 'test-client-id';
process.env.CLIENT_SECRET = 'test-client-secret';
delete process.env.GHL_API_BASE_URL;
delete process.env.GHL_AUTH_BASE_URL;

afterEach(() => {
  nock.cleanAll();
});

afterAll(() => {
  nock.restore();
  shared[RELEASE] = undefined;
});

/**
 * zapier-platform-core compiles the whole app definition (a deep copy, source functions resolved, every object
 * frozen) twice on every invocation (src/tools/create-lambda-handler.js calls prepareApp after createApp did). With
 * 130 operations that was about a third of the suite's CPU time. The compiled app is frozen and depends only on the
 * definition, so within a test file a definition is compiled once, and again only when the app tester has put a
 * different ad-hoc function on it (`appTester(fn)` sets `_testRequest`): the same result, without the repeats.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const platformSchema = require('zapier-platform-core/src/tools/schema') as { prepareApp: (appRaw: object) => object };
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
