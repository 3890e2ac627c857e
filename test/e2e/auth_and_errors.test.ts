import { z as zod } from 'zod';
import { endpoints } from '../../lib/http/endpoints';
import { ghl } from '../../lib/http/client';
import { connect, disconnect, failure, type Connected } from './helpers';

/**
 * The app against the sandbox on loopback (no nock): HighLevel's failure modes end as the messages and Zapier
 * errors a user can act on, and the connection survives what it should survive.
 */
describe('end to end: auth and HighLevel errors', () => {
  let c: Connected;
  afterEach(async () => {
    if (c) await disconnect(c);
  });

  it('refreshes an expired access token once, stores the rotated refresh token, and retries', async () => {
    c = await connect();
    const before = c.runtime.authData.refresh_token;
    const contactId = [...c.sandbox.state.contacts.keys()][0];
    c.sandbox.expireAccessTokens();
    const [found] = await c.runtime.search<{ id: string }>('contact_find_by_id', { contactId });
    expect(found.id).toBe(contactId);
    expect(c.runtime.refreshes).toBe(1);
    expect(c.runtime.authData.refresh_token).not.toBe(before);
  });

  it('one refresh per expiry: ten parallel runs on an expired token make one token request, no invalid_grant, and all succeed', async () => {
    c = await connect();
    const ids = [...c.sandbox.state.contacts.keys()].slice(0, 12);
    c.sandbox.expireAccessTokens();
    c.sandbox.clearRequests();
    const found = await Promise.all(ids.map((contactId) => c.runtime.search<{ id: string }>('contact_find_by_id', { contactId })));
    expect(found.map(([contact]) => contact.id)).toEqual(ids);
    const tokenRequests = c.sandbox.requests.filter((r) => r.path === '/oauth/token');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0].status).toBe(200);
    // Every run met the expired token, asked for a refresh with the same (single-use) refresh token, and got the one result.
    expect(c.runtime.refreshes).toBe(ids.length);
    // Each run's contact read met the expired token once; so did the custom-field list read started beside it (before
    // any run had stored the list for the connection), and no request met it twice.
    const expired = c.sandbox.requests.filter((r) => r.status === 401);
    expect(
      expired
        .filter((r) => r.path.startsWith('/contacts/'))
        .map((r) => r.path.slice('/contacts/'.length))
        .sort(),
    ).toEqual([...ids].sort());
    expect(expired.filter((r) => !r.path.startsWith('/contacts/')).every((r) => r.path.endsWith('/customFields'))).toBe(true);
    expect(expired.length).toBeLessThanOrEqual(ids.length * 2);
    expect(c.sandbox.requests.filter((r) => r.status >= 400 && r.status !== 401)).toEqual([]);
    // And the connection keeps working with the rotated token.
    expect((await c.runtime.testAuth()).id).toBe(c.sandbox.locationId);
  });

  it('ends a refresh with a used refresh token as a reconnect error, not a loop', async () => {
    c = await connect();
    const spent = c.runtime.authData.refresh_token;
    await c.runtime.refresh();
    // Within a minute and a half the same token gets the refresh it already paid for (the parallel case above);
    // after that, spending it again is a dead connection.
    for (const key of c.runtime.cache.keys()) await c.runtime.cache.delete(key);
    c.runtime.authData.refresh_token = spent;
    const error = await failure(c.runtime.refresh());
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/Reconnect your HighLevel account/);
  });

  it('stops before sending when the connection lacks a scope, naming it', async () => {
    c = await connect({}, ['contacts.readonly', 'contacts.write', 'locations.readonly']);
    c.sandbox.clearRequests();
    const error = await failure(c.runtime.poll('task_new'));
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope' });
    expect(error.message).toMatch(/"locations\/tasks.readonly" permission/);
    expect(c.sandbox.requests).toHaveLength(0);
  });

  it("does not loop on HighLevel's 401 'not authorized for this scope': one refresh, then a reconnect error naming the scope", async () => {
    c = await connect({}, ['contacts.readonly', 'contacts.write', 'locations.readonly']);
    c.runtime.authData.scope = ''; // a connection that did not store its granted scopes
    const error = await failure(c.runtime.poll('task_new'));
    // The platform's auto-refresh sees any 401 first; the refresh stores the granted scopes, so the retry stops
    // before sending and says which permission is missing, failing this step only.
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope' });
    expect(error.message).toMatch(/"locations\/tasks.readonly" permission/);
    expect(c.runtime.refreshes).toBe(1);
  });

  it('halts on the duplicate-contact rule naming the existing contact', async () => {
    c = await connect();
    const existing = [...c.sandbox.state.contacts.values()].find((x) => x.email);
    const error = await failure(c.runtime.create('contact_create', { email: existing?.email, firstName: 'Dup' }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain(`contact ${existing?.id} already exists`);
  });

  it("turns a 422 into one message carrying HighLevel's message array", async () => {
    c = await connect();
    const locationId = c.sandbox.locationId;
    const error = await failure(
      c.runtime.run((z, bundle) => ghl(z, bundle, endpoints.contactSearch, { body: { locationId, pageLimit: 1000 }, answer: zod.unknown() })),
    );
    expect(error.message).toMatch(/^HighLevel rejected searching contacts because some values are not valid: .*pageLimit/);
  });

  it('turns a long 429 into a throttled error that waits as long as HighLevel asks', async () => {
    c = await connect({ rateLimit: { limit: 2, windowMs: 40000 } });
    await c.runtime.testAuth();
    await c.runtime.testAuth();
    const error = await failure(c.runtime.testAuth());
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toMatch(/rate limit .* Zapier will retry in (39|40) seconds/);
  });

  it('waits out a short 429 once inside the step (HighLevel executed nothing) instead of failing it', async () => {
    c = await connect({ rateLimit: { limit: 2, windowMs: 1500 } });
    await c.runtime.testAuth();
    await c.runtime.testAuth();
    await expect(c.runtime.testAuth()).resolves.toMatchObject({ id: c.sandbox.locationId });
    expect(c.sandbox.requests.map((r) => r.status)).toEqual([200, 200, 429, 200]);
  });

  it('turns a 5xx burst, a dropped connection and malformed JSON into messages that say to try again', async () => {
    c = await connect();
    c.sandbox.faults.serverError(503, { path: '/locations/' });
    expect((await failure(c.runtime.testAuth())).message).toMatch(/server error \(503\).*try again/);
    c.sandbox.faults.dropConnection({ path: '/locations/' });
    const dropped = await failure(c.runtime.testAuth());
    expect(dropped.message).toMatch(/The connection to HighLevel broke .*try again/);
    expect(dropped.message).not.toContain(c.runtime.authData.access_token);
    c.sandbox.faults.malformedJson({ path: '/locations/' });
    expect((await failure(c.runtime.testAuth())).message).toMatch(/answered with text that is not valid JSON .* while reading the location/);
    expect((await c.runtime.testAuth()).name).toBe(c.sandbox.state.location.name);
  });
});
