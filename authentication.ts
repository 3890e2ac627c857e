import { createHash } from 'node:crypto';
import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from './lib/schema/zod';
import { apiBaseUrl, authBaseUrl } from './lib/http/config';
import { TOKEN_TIMEOUT_MS } from './lib/http/deadline';
import { throttleDelaySeconds } from './lib/http/errors';
import { SCOPE_STRING } from './lib/http/scopes';
import { getLocation } from './lib/location/api';

/**
 * OAuth 2.0 against HighLevel's marketplace (docs/highlevel-api.md §5): a Location (sub-account) token, refreshed
 * automatically; refresh tokens rotate, so every refresh stores the new one.
 */

/** The part of the token answer (§5.3) we keep. Loose: HighLevel may add fields. */
export const TokenResponse = lazy(() =>
  zod.looseObject({
    access_token: zod.string().min(1),
    refresh_token: zod.string().min(1),
    expires_in: zod.number().optional(),
    scope: zod.string().optional(),
    userType: zod.string().optional(),
    locationId: zod.string().optional(),
    companyId: zod.string().optional(),
    userId: zod.string().optional(),
  }),
);

const clientCredentials = (z: ZObject) => {
  const clientId = process.env.CLIENT_ID;
  const clientSecret = process.env.CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw new z.errors.Error('The integration is missing its CLIENT_ID or CLIENT_SECRET environment variable.', 'config_error');
  }
  return { client_id: clientId, client_secret: clientSecret };
};

/** RFC 3986 encoding (spaces as %20, not "+"), which HighLevel's consent page reads reliably. */
const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');

export const authorizeUrl = async (_z: ZObject, bundle: Bundle): Promise<string> =>
  `${authBaseUrl()}/v2/oauth/chooselocation?` +
  query({
    response_type: 'code',
    client_id: process.env.CLIENT_ID ?? '',
    redirect_uri: String(bundle.inputData.redirect_uri ?? ''),
    scope: SCOPE_STRING,
    state: String(bundle.inputData.state ?? ''),
  });

const RECONNECT =
  'Reconnect your HighLevel account in Zapier (the saved refresh token was already used, expired, or the app was uninstalled from the sub-account).';

/** POST /oauth/token (form-encoded, no Bearer, no Version). Failures become auth errors, never a retry loop. */
const requestToken = async (z: ZObject, form: Record<string, string>, refreshing: boolean) => {
  let response: HttpResponse;
  try {
    response = await z.request({
      url: `${apiBaseUrl()}/oauth/token`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: query({ ...clientCredentials(z), ...form, user_type: 'Location' }),
      skipThrowForStatus: true,
      timeout: TOKEN_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'FetchError') {
      // Only the code: the message can echo the URL. A network failure is never a reason to drop the connection.
      const code = (error as Error & { code?: string; type?: string }).code ?? (error as Error & { type?: string }).type ?? 'network';
      throw new z.errors.Error(
        `Could not reach HighLevel's token endpoint while ${refreshing ? 'refreshing' : 'completing'} the connection (${code}). This is usually temporary: try again in a few minutes.`,
        'oauth_network_error',
      );
    }
    // With autoRefresh on, the platform turns a 401 into RefreshAuthError; a refresh that itself gets a 401
    // must end the connection instead of asking for yet another refresh.
    if (refreshing && error instanceof Error && error.name === 'RefreshAuthError') throw new z.errors.ExpiredAuthError(RECONNECT);
    throw error;
  }
  if (response.status >= 400) {
    const detail = (() => {
      const data: unknown = response.data;
      if (data && typeof data === 'object') {
        const d = data as Record<string, unknown>;
        const text = [d.error_description, d.message, d.error].find((v) => typeof v === 'string' || Array.isArray(v));
        return Array.isArray(text) ? text.join('; ') : String(text ?? '');
      }
      return '';
    })();
    if (response.status === 429) {
      // The rate limit is per app and location (§3): a busy location must not lose its connection over it.
      const delay = throttleDelaySeconds((name) => response.getHeader(name) ?? undefined);
      throw new z.errors.ThrottledError(
        `HighLevel's rate limit was reached while ${refreshing ? 'refreshing' : 'completing'} the connection. Zapier will retry in ${delay} seconds.`,
        delay,
      );
    }
    // 400/401/403/422: the refresh token was used, revoked, expired or not accepted (§5.4, §11.13): only a reconnect helps.
    if (refreshing && [400, 401, 403, 422].includes(response.status)) {
      throw new z.errors.ExpiredAuthError(`HighLevel rejected the token refresh${detail ? ` (${detail})` : ''}. ${RECONNECT}`);
    }
    throw new z.errors.Error(
      `HighLevel could not ${refreshing ? 'refresh' : 'complete'} the connection (${response.status}${detail ? `: ${detail}` : ''}). ` +
        (refreshing ? 'Try again in a few minutes.' : "Start the connection again, and check the app's client ID, secret and redirect URL."),
      'oauth_error',
      response.status,
    );
  }
  const parsed = TokenResponse.safeParse(response.data);
  if (!parsed.success) throw new z.errors.Error('HighLevel answered the token request without an access and refresh token.', 'oauth_error');
  const token = parsed.data;
  if (!token.locationId) {
    throw new z.errors.Error(
      "HighLevel returned an agency (company) token. Connect a sub-account: choose a location on HighLevel's consent page.",
      'oauth_error',
    );
  }
  return {
    access_token: token.access_token,
    // Refresh tokens are single-use: always keep the one HighLevel just returned (§5.4).
    refresh_token: token.refresh_token,
    locationId: token.locationId,
    companyId: token.companyId ?? '',
    userId: token.userId ?? '',
    scope: token.scope ?? '',
  };
};

export const getAccessToken = (z: ZObject, bundle: Bundle) =>
  requestToken(
    z,
    { grant_type: 'authorization_code', code: String(bundle.inputData.code ?? ''), redirect_uri: String(bundle.inputData.redirect_uri ?? '') },
    false,
  );

/**
 * One refresh per expiry per connection (issue 10). HighLevel refresh tokens are single-use (§5.4, §11.13): parallel
 * runs that all meet the expired token would each spend the same one, and all but the first get invalid_grant. So the
 * refresh is single-flight through z.cache, keyed by (a hash of) the refresh token being spent, scoped to the
 * connection: the run that wins the `nx` lock asks HighLevel and leaves the new tokens in z.cache for a short while;
 * the others wait for them and return the same tokens (Zapier stores them for each). Without z.cache (invoke) the
 * refresh runs as before.
 */
const REFRESH_LOCK_SECONDS = 20;
/** Long enough for every run that met the expiry to pick the tokens up; short, since they are secrets. */
const REFRESH_RESULT_SECONDS = 90;
const REFRESH_WAIT_MS = TOKEN_TIMEOUT_MS + 4_000;
const REFRESH_POLL_MS = 200;

type Tokens = Awaited<ReturnType<typeof requestToken>>;
const RefreshResult = lazy(() =>
  zod.union([
    zod.object({ ok: zod.literal(true), tokens: zod.record(zod.string(), zod.string()) }),
    zod.object({ ok: zod.literal(false), message: zod.string() }),
  ]),
);

const refreshKeys = (refreshToken: string) => {
  const id = createHash('sha256').update(refreshToken).digest('base64url');
  return { lock: `ghl:refresh:lock:${id}`, result: `ghl:refresh:result:${id}` };
};

const readRefresh = async (z: ZObject, key: string): Promise<z.infer<typeof RefreshResult> | undefined> => {
  const parsed = RefreshResult.safeParse(await z.cache.get(key));
  return parsed.success ? parsed.data : undefined;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const refreshAccessToken = async (z: ZObject, bundle: Bundle): Promise<Record<string, string>> => {
  const refreshToken = bundle.authData.refresh_token;
  if (!refreshToken) throw new z.errors.ExpiredAuthError(`No refresh token is stored. ${RECONNECT}`);
  const spend = (): Promise<Tokens> => requestToken(z, { grant_type: 'refresh_token', refresh_token: refreshToken }, true);
  const keys = refreshKeys(refreshToken);
  let locked: boolean;
  try {
    const done = await readRefresh(z, keys.result);
    if (done) return settled(z, done);
    locked = Boolean(await z.cache.set(keys.lock, Date.now(), REFRESH_LOCK_SECONDS, ['auth'], true));
  } catch {
    return spend(); // no z.cache here
  }
  if (locked) {
    try {
      const tokens = await spend();
      await z.cache.set(keys.result, { ok: true, tokens }, REFRESH_RESULT_SECONDS, ['auth']).catch(() => null);
      return tokens;
    } catch (error) {
      if (error instanceof Error && error.name === 'ExpiredAuthError') {
        // The token is dead for everyone waiting on it too.
        await z.cache.set(keys.result, { ok: false, message: error.message }, REFRESH_RESULT_SECONDS, ['auth']).catch(() => null);
      } else {
        await z.cache.delete(keys.lock).catch(() => null); // a temporary failure: the next run may try again
      }
      throw error;
    }
  }
  for (const until = Date.now() + REFRESH_WAIT_MS; Date.now() < until;) {
    await sleep(REFRESH_POLL_MS);
    const done = await readRefresh(z, keys.result).catch(() => undefined);
    if (done) return settled(z, done);
    const lockHeld = await z.cache.get(keys.lock).catch(() => null);
    if (lockHeld === null && (await z.cache.set(keys.lock, Date.now(), REFRESH_LOCK_SECONDS, ['auth'], true).catch(() => false))) {
      // The first refresher gave up (a temporary failure): this run takes over.
      const tokens = await spend();
      await z.cache.set(keys.result, { ok: true, tokens }, REFRESH_RESULT_SECONDS, ['auth']).catch(() => null);
      return tokens;
    }
  }
  throw new z.errors.Error(
    'Another run on this HighLevel connection is refreshing its access token and has not finished. Nothing was sent: try again in a minute.',
    'refresh_pending',
  );
};

const settled = (z: ZObject, done: z.infer<typeof RefreshResult>): Record<string, string> => {
  if (!done.ok) throw new z.errors.ExpiredAuthError(done.message);
  return done.tokens;
};

/** Test call and the source of the connection label: GET /locations/{locationId} (§5.8). */
export const testAuth = async (z: ZObject, bundle: Bundle) => {
  const location = await getLocation(z, bundle);
  const id = location.id ?? String(bundle.authData.locationId);
  return { id, name: location.name ?? id, timezone: location.timezone ?? '' };
};

export default {
  type: 'oauth2' as const,
  oauth2Config: {
    authorizeUrl,
    getAccessToken,
    refreshAccessToken,
    autoRefresh: true,
    scope: SCOPE_STRING,
  },
  fields: [],
  test: testAuth,
  connectionLabel: '{{bundle.inputData.name}}',
};
