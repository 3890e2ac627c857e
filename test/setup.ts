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
