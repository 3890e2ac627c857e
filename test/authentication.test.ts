import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import authentication from '../authentication';
import { perform as createContact } from '../creates/contact_create';
import { SCOPE_STRING, SCOPES } from '../lib/http/scopes';
import { API, COMPANY_ID, CONTACTS_VERSION, LOCATION_ID, USER_ID, appTester, authData, thrown } from './helpers/app';

type AuthFn = (z: ZObject, bundle: Bundle) => unknown;
const { authorizeUrl, getAccessToken, refreshAccessToken } = authentication.oauth2Config as unknown as Record<
  'authorizeUrl' | 'getAccessToken' | 'refreshAccessToken',
  AuthFn
>;

const REDIRECT = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';

const tokenAnswer = (overrides: Record<string, unknown> = {}) => ({
  access_token: 'new-access-token',
  token_type: 'Bearer',
  expires_in: 86399,
  refresh_token: 'rotated-refresh-token',
  scope: SCOPE_STRING,
  userType: 'Location',
  locationId: LOCATION_ID,
  companyId: COMPANY_ID,
  userId: USER_ID,
  ...overrides,
});

/** Exactly the form HighLevel's token endpoint takes (docs/highlevel-api.md §5.3), with RFC 3986 encoding. */
const form = (fields: Record<string, string>) =>
  Object.entries({ client_id: 'test-client-id', client_secret: 'test-client-secret', ...fields, user_type: 'Location' })
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

// The token endpoint takes a form, no Bearer and no Version header.
const tokenEndpoint = () =>
  nock(API, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, badheaders: ['authorization', 'version'] });

describe('authentication', () => {
  it('builds the chooselocation URL with client id, redirect, code response, state and every scope space-separated', async () => {
    const url = new URL(String(await appTester(authorizeUrl, { inputData: { redirect_uri: REDIRECT, state: 'st4te' } })));
    expect(`${url.origin}${url.pathname}`).toBe('https://marketplace.gohighlevel.com/v2/oauth/chooselocation');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'test-client-id',
      redirect_uri: REDIRECT,
      scope: SCOPES.join(' '),
      state: 'st4te',
    });
    expect(url.search).toContain('scope=contacts.readonly%20contacts.write');
    expect(authentication.oauth2Config.scope).toBe(SCOPE_STRING);
  });

  it('exchanges the code with the exact form body (user_type=Location) and keeps the location and granted scopes', async () => {
    const scope = tokenEndpoint()
      .post('/oauth/token', form({ grant_type: 'authorization_code', code: 'auth-code-1', redirect_uri: REDIRECT }))
      .reply(200, tokenAnswer());
    const result = await appTester(getAccessToken, { inputData: { code: 'auth-code-1', redirect_uri: REDIRECT } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      access_token: 'new-access-token',
      refresh_token: 'rotated-refresh-token',
      locationId: LOCATION_ID,
      companyId: COMPANY_ID,
      userId: USER_ID,
      scope: SCOPE_STRING,
    });
  });

  it('rejects an agency (company) token: the app needs a sub-account', async () => {
    tokenEndpoint()
      .post('/oauth/token')
      .reply(200, tokenAnswer({ userType: 'Company', locationId: undefined }));
    const error = await thrown(appTester(getAccessToken, { inputData: { code: 'c', redirect_uri: REDIRECT } }));
    expect(error.message).toMatch(/agency \(company\) token\. Connect a sub-account/);
  });

  it('explains a failed code exchange without retrying', async () => {
    tokenEndpoint().post('/oauth/token').reply(400, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
    const error = await thrown(appTester(getAccessToken, { inputData: { code: 'used', redirect_uri: REDIRECT } }));
    expect(error).toMatchObject({ name: 'AppError', message: expect.stringMatching(/could not complete the connection \(400: Invalid authorization code\)/) });
  });

  it('refreshes with the stored refresh token and stores the rotated one', async () => {
    const scope = tokenEndpoint()
      .post('/oauth/token', form({ grant_type: 'refresh_token', refresh_token: 'fake-refresh-token' }))
      .reply(200, tokenAnswer());
    const result = await appTester(refreshAccessToken, { authData });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ access_token: 'new-access-token', refresh_token: 'rotated-refresh-token' });
  });

  it.each([
    ['400 invalid_grant', 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' }],
    ['401', 401, { statusCode: 401, message: 'Invalid JWT' }],
    ['422', 422, { statusCode: 422, message: ['refresh_token must be a string'] }],
  ])('a refresh answered %s asks the user to reconnect (ExpiredAuthError), it does not retry', async (_name, status, reply) => {
    const scope = tokenEndpoint().post('/oauth/token').once().reply(status, reply);
    const error = await thrown(appTester(refreshAccessToken, { authData }));
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/Reconnect your HighLevel account/);
  });

  it('a refresh answered 5xx is a temporary error, not a reconnect', async () => {
    tokenEndpoint().post('/oauth/token').reply(503, 'Service Unavailable');
    const error = await thrown(appTester(refreshAccessToken, { authData }));
    expect(error).toMatchObject({ name: 'AppError', message: expect.stringMatching(/could not refresh the connection \(503/) });
  });

  it('a refresh answered 429 waits as HighLevel asks and keeps the connection (ThrottledError, not a reconnect)', async () => {
    tokenEndpoint().post('/oauth/token').reply(429, { statusCode: 429, message: 'Too many requests' }, { 'Retry-After': '7' });
    const error = await thrown(appTester(refreshAccessToken, { authData }));
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toMatch(/rate limit .* retry in 7 seconds/);
  });

  it('without a stored refresh token asks to reconnect and sends nothing', async () => {
    const scope = tokenEndpoint().post('/oauth/token').reply(200, tokenAnswer());
    const error = await thrown(appTester(refreshAccessToken, { authData: { ...authData, refresh_token: '' } }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(scope.isDone()).toBe(false);
  });

  it('tests the connection with GET /locations/{id} (Version 2021-07-28) and labels it with the location name', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, name: 'Vogt Pilates Köln', timezone: 'Europe/Berlin', companyId: COMPANY_ID }, traceId: 't' });
    const result = await appTester(authentication.test, { authData });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: LOCATION_ID, name: 'Vogt Pilates Köln', timezone: 'Europe/Berlin' });
    expect(authentication.connectionLabel).toBe('{{bundle.inputData.name}}');
  });

  it('a test call answered 401 asks Zapier to refresh (auto-refresh)', async () => {
    nock(API).get(`/locations/${LOCATION_ID}`).reply(401, { statusCode: 401, message: 'Invalid JWT' });
    const error = await thrown(appTester(authentication.test, { authData }));
    expect(error.name).toBe('RefreshAuthError');
  });

  it('a connection whose granted scopes lack the one needed fails the step (not the connection), naming it; no request is sent', async () => {
    const scope = nock(API).post(/.*/).reply(201, {});
    const error = await thrown(
      appTester(createContact, { authData: { ...authData, scope: 'contacts.readonly locations.readonly' }, inputData: { email: 'lena@example.com' } }),
    );
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope' });
    expect(error.message).toMatch(/lacks the "contacts.write" permission, needed for creating the contact \(POST \/contacts\/\)/);
    expect(scope.isDone()).toBe(false);
  });

  it('a connection that stored no scopes (older connections) is not blocked', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, name: 'X' } });
    await appTester(authentication.test, { authData: { ...authData, scope: '' } });
    expect(scope.isDone()).toBe(true);
  });
});
