import nock from 'nock';

// Hermetic: no request leaves the machine. Loopback stays open for the sandbox end-to-end tests.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

process.env.CLIENT_ID = 'test-client-id';
process.env.CLIENT_SECRET = 'test-client-secret';
delete process.env.GHL_API_BASE_URL;
delete process.env.GHL_AUTH_BASE_URL;

afterEach(() => {
  nock.cleanAll();
});

// Jest loads a fresh copy of nock for every test file, but the HTTP interceptor it installs is process-wide: unless
// each file's copy is removed at the end, the next file's mocks are never consulted (its requests fail as unreachable).
afterAll(() => {
  nock.restore();
});
