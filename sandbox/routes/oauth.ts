import { ALL_SCOPES } from '../auth';
import type { RouteResult } from '../http';
import { HttpError, isRecord } from '../http';
import type { BaseContext, Route } from '../router';

/**
 * OAuth (docs/highlevel-api.md §5.2, §5.3). Token errors use the node-oauth2-server vocabulary
 * (`error`/`error_description`, §5.3 "appears to be node-oauth2-server based") and also carry HighLevel's common
 * `statusCode`/`message` fields so a client reading either shape finds a message.
 */
function oauthError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, { statusCode: status, message: description, error, error_description: description }, { trace: false });
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function token(ctx: BaseContext): RouteResult {
  const contentType = ctx.headers['content-type'] ?? '';
  // docs/highlevel-api.md §1 / §5.3: the token endpoint takes application/x-www-form-urlencoded only.
  if (!contentType.includes('application/x-www-form-urlencoded')) {
    throw oauthError(400, 'invalid_request', 'Invalid request: content must be application/x-www-form-urlencoded');
  }
  const body = isRecord(ctx.body) ? ctx.body : {};
  for (const name of ['client_id', 'client_secret', 'grant_type']) {
    if (!field(body, name)) throw oauthError(400, 'invalid_request', `Missing parameter: \`${name}\``);
  }
  if (field(body, 'client_id') !== ctx.config.clientId || field(body, 'client_secret') !== ctx.config.clientSecret) {
    throw oauthError(401, 'invalid_client', 'Invalid client: client is invalid');
  }
  const userType = field(body, 'user_type');
  if (userType !== undefined && userType !== 'Location' && userType !== 'Company') {
    throw new HttpError(
      422,
      { statusCode: 422, message: ['user_type must be one of the following values: Company, Location'], error: 'Unprocessable Entity' },
      { trace: false },
    );
  }
  if (userType === 'Company') {
    // docs/highlevel-api.md §5.6 / §11.18: the sandbox is a single sub-account; agency tokens are out of scope.
    throw oauthError(400, 'invalid_request', 'Invalid request: the sandbox only issues Location tokens (user_type=Location)');
  }
  const grantType = field(body, 'grant_type');
  let scopes: string[];
  if (grantType === 'authorization_code') {
    const code = field(body, 'code');
    if (!code) throw oauthError(400, 'invalid_request', 'Missing parameter: `code`');
    const redeemed = ctx.tokens.redeemCode(code, field(body, 'redirect_uri'));
    if ('error' in redeemed) throw oauthError(400, 'invalid_grant', redeemed.error);
    scopes = redeemed.scopes;
  } else if (grantType === 'refresh_token') {
    const refreshToken = field(body, 'refresh_token');
    if (!refreshToken) throw oauthError(400, 'invalid_request', 'Missing parameter: `refresh_token`');
    // docs/highlevel-api.md §5.4: single use; the refreshed grant keeps the original scopes.
    const redeemed = ctx.tokens.redeemRefresh(refreshToken);
    if ('error' in redeemed) throw oauthError(400, 'invalid_grant', redeemed.error);
    scopes = redeemed.scopes;
  } else {
    throw oauthError(400, 'unsupported_grant_type', 'Unsupported grant type: `grant_type` is invalid');
  }
  return { body: ctx.tokens.issue({ scopes, expiresInSeconds: ctx.config.accessTokenTtlSeconds }), trace: false };
}

function single(query: Record<string, string | string[]>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * docs/highlevel-api.md §5.2: the consent screen, reduced to its contract: validate and redirect back with `code`
 * (+ `state`).
 */
function chooseLocation(ctx: BaseContext): RouteResult {
  const bad = (message: string): HttpError => new HttpError(400, { statusCode: 400, message }, { trace: false });
  if (single(ctx.query, 'response_type') !== 'code') throw bad('response_type must be "code"');
  if (single(ctx.query, 'client_id') !== ctx.config.clientId) throw bad('Invalid client_id');
  const redirectUri = single(ctx.query, 'redirect_uri');
  let redirect: URL;
  try {
    if (!redirectUri) throw new Error('missing');
    redirect = new URL(redirectUri);
    if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw bad('Invalid redirect_uri');
  }
  const scopeParam = single(ctx.query, 'scope');
  const scopes = scopeParam ? scopeParam.split(/[\s+]+/).filter((s) => s !== '') : [...ALL_SCOPES];
  const unknown = scopes.filter((s) => !ALL_SCOPES.includes(s));
  if (unknown.length > 0) throw bad(`Invalid scope: ${unknown.join(' ')}`);
  const code = ctx.tokens.createCode({ scopes, redirectUri });
  // Consenting installs the app on the location: INSTALL, on every consent (a re-install included; our reading).
  ctx.emit({ type: 'INSTALL' });
  redirect.searchParams.set('code', code);
  const state = single(ctx.query, 'state');
  if (state !== undefined) redirect.searchParams.set('state', state);
  return { status: 302, body: undefined, headers: { location: redirect.toString() } };
}

export const oauthRoutes: Route[] = [
  { method: 'POST', path: '/oauth/token', public: true, handler: token },
  { method: 'GET', path: '/v2/oauth/chooselocation', public: true, handler: chooseLocation },
  // docs/highlevel-api.md §5.2: the older path without /v2 is what the SDK and most apps still use.
  { method: 'GET', path: '/oauth/chooselocation', public: true, handler: chooseLocation },
];
