import { Client, tokenRequest, useSandbox } from './helpers';

/** docs/highlevel-api.md §5.2–§5.4: token exchange, rotation, single use, scopes, expiry. */
describe('sandbox OAuth', () => {
  const ctx = useSandbox();

  const base = (): Record<string, string> => ({
    client_id: ctx.sb.clientId,
    client_secret: ctx.sb.clientSecret,
    user_type: 'Location',
  });

  test('authorization_code grant answers the §5.3 token body', async () => {
    const code = ctx.sb.createAuthCode();
    const res = await tokenRequest(ctx.sb, { ...base(), grant_type: 'authorization_code', code });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86399,
      refresh_token: expect.any(String),
      scope: ctx.sb.allScopes.join(' '),
      userType: 'Location',
      locationId: ctx.sb.locationId,
      companyId: ctx.sb.companyId,
      userId: ctx.sb.userId,
    });
    const api = new Client(ctx.sb, String(res.body.access_token));
    expect((await api.get(`/locations/${ctx.sb.locationId}`)).status).toBe(200);
  });

  test('auth codes are single use', async () => {
    const code = ctx.sb.createAuthCode();
    expect((await tokenRequest(ctx.sb, { ...base(), grant_type: 'authorization_code', code })).status).toBe(200);
    const again = await tokenRequest(ctx.sb, { ...base(), grant_type: 'authorization_code', code });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid grant: authorization code is invalid' });
  });

  test('auth code redirect_uri must match the one it was issued for', async () => {
    const code = ctx.sb.createAuthCode({ redirectUri: 'https://zapier.com/dashboard/auth/oauth/return/App1/' });
    const res = await tokenRequest(ctx.sb, {
      ...base(),
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://evil.example/cb',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  test('refresh tokens rotate, are single use and keep the original scopes', async () => {
    const scopes = ['contacts.readonly', 'locations.readonly'];
    const first = ctx.sb.issueToken({ scopes });
    const refreshed = await tokenRequest(ctx.sb, { ...base(), grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    expect(refreshed.body.scope).toBe('contacts.readonly locations.readonly');

    const reused = await tokenRequest(ctx.sb, { ...base(), grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Invalid grant: refresh token is invalid',
      statusCode: 400,
    });
    const next = await tokenRequest(ctx.sb, {
      ...base(),
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token),
    });
    expect(next.status).toBe(200);
  });

  test('revokeRefreshTokens() makes every issued refresh token invalid_grant', async () => {
    const token = ctx.sb.issueToken();
    ctx.sb.revokeRefreshTokens();
    const res = await tokenRequest(ctx.sb, { ...base(), grant_type: 'refresh_token', refresh_token: token.refresh_token });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  test('JSON bodies are rejected: the token endpoint is form-encoded only', async () => {
    const res = await fetch(`${ctx.sb.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...base(), grant_type: 'authorization_code', code: ctx.sb.createAuthCode() }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  test('wrong client secret → 401 invalid_client; missing and unknown fields are reported', async () => {
    const bad = await tokenRequest(ctx.sb, { ...base(), client_secret: 'nope', grant_type: 'refresh_token', refresh_token: 'x' });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
    const missing = await tokenRequest(ctx.sb, { client_id: ctx.sb.clientId, grant_type: 'authorization_code' });
    expect(missing.status).toBe(400);
    expect(missing.body.error_description).toBe('Missing parameter: `client_secret`');
    const grant = await tokenRequest(ctx.sb, { ...base(), grant_type: 'password' });
    expect(grant.body.error).toBe('unsupported_grant_type');
    const userType = await tokenRequest(ctx.sb, { ...base(), user_type: 'Agency', grant_type: 'authorization_code', code: 'x' });
    expect(userType.status).toBe(422);
    expect(userType.body.message).toEqual(['user_type must be one of the following values: Company, Location']);
  });

  test('the authorize URL redirects back with code and state; the code is exchangeable once', async () => {
    const redirect = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';
    const url = new URL(ctx.sb.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: ctx.sb.clientId,
      redirect_uri: redirect,
      scope: 'contacts.readonly contacts.write',
      state: 'xyz-123',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    expect(location.searchParams.get('state')).toBe('xyz-123');
    const code = location.searchParams.get('code') ?? '';
    const token = await tokenRequest(ctx.sb, { ...base(), grant_type: 'authorization_code', code, redirect_uri: redirect });
    expect(token.status).toBe(200);
    expect(token.body.scope).toBe('contacts.readonly contacts.write');
  });

  test('the authorize URL validates client_id, redirect_uri and response_type', async () => {
    const tryIt = async (params: Record<string, string>): Promise<number> => {
      const url = new URL(ctx.sb.authorizeUrl);
      url.search = new URLSearchParams(params).toString();
      return (await fetch(url, { redirect: 'manual' })).status;
    };
    const good = { response_type: 'code', client_id: ctx.sb.clientId, redirect_uri: 'https://example.com/cb' };
    expect(await tryIt(good)).toBe(302);
    expect(await tryIt({ ...good, client_id: 'other' })).toBe(400);
    expect(await tryIt({ ...good, redirect_uri: 'not a url' })).toBe(400);
    expect(await tryIt({ ...good, response_type: 'token' })).toBe(400);
    expect(await tryIt({ ...good, scope: 'contacts.readonly bogus.scope' })).toBe(400);
  });

  test('expireAccessTokens(): every issued access token answers 401 Invalid JWT; a refreshed one works', async () => {
    const token = ctx.sb.issueToken();
    const api = new Client(ctx.sb, token.access_token);
    expect((await api.get(`/contacts/${[...ctx.sb.state.contacts.keys()][0]}`)).status).toBe(200);
    ctx.sb.expireAccessTokens();
    const expired = await api.get(`/contacts/${[...ctx.sb.state.contacts.keys()][0]}`);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ statusCode: 401, message: 'Invalid JWT' });
    const refreshed = await tokenRequest(ctx.sb, { ...base(), grant_type: 'refresh_token', refresh_token: token.refresh_token });
    api.token = String(refreshed.body.access_token);
    expect((await api.get(`/contacts/${[...ctx.sb.state.contacts.keys()][0]}`)).status).toBe(200);
  });
});

describe('sandbox OAuth with an injected clock', () => {
  let nowMs = Date.parse('2026-03-02T08:00:00.000Z');
  const ctx = useSandbox({ now: () => new Date(nowMs), accessTokenTtlSeconds: 60 });

  test('access tokens expire after expires_in seconds of the injected clock', async () => {
    const token = ctx.sb.issueToken();
    expect(token.expires_in).toBe(60);
    const api = new Client(ctx.sb, token.access_token);
    const path = `/locations/${ctx.sb.locationId}`;
    expect((await api.get(path)).status).toBe(200);
    nowMs += 61_000;
    const res = await api.get(path);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, message: 'Invalid JWT' });
  });
});
