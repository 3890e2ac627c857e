import { randomBytes } from 'node:crypto';
import type { TokenResponse } from './types';

/** Every scope the sandbox knows (docs/highlevel-api.md §5.7, plus the write twins that exist upstream). */
export const ALL_SCOPES: readonly string[] = [
  'contacts.readonly',
  'contacts.write',
  'calendars.readonly',
  'calendars.write',
  'calendars/events.readonly',
  'calendars/events.write',
  'locations.readonly',
  'locations/customFields.readonly',
  'locations/customFields.write',
  'locations/tags.readonly',
  'locations/tags.write',
  'locations/tasks.readonly',
  'users.readonly',
  'businesses.readonly',
  'businesses.write',
  'opportunities.readonly',
  'opportunities.write',
  'workflows.readonly',
  'campaigns.readonly',
  'forms.readonly',
  'forms.write',
];

export interface Identity {
  locationId: string;
  companyId: string;
  userId: string;
}

export interface AccessToken extends Identity {
  token: string;
  scopes: string[];
  expiresAt: number;
  expired: boolean;
}

interface RefreshToken {
  scopes: string[];
  used: boolean;
  revoked: boolean;
  expiresAt: number;
}

interface AuthCode {
  scopes: string[];
  redirectUri?: string;
  used: boolean;
  expiresAt: number;
}

export type TokenCheck = { ok: true; token: AccessToken } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

const REFRESH_TOKEN_TTL_MS = 365 * 24 * 3600 * 1000; // docs/highlevel-api.md §5.4: 1 year or until used
const AUTH_CODE_TTL_MS = 10 * 60 * 1000; // not documented; 10 minutes is the OAuth norm

/**
 * In-memory OAuth state: access tokens, rotating single-use refresh tokens, single-use auth codes
 * (docs/highlevel-api.md §5.3, §5.4).
 */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(
    private readonly identity: Identity,
    private readonly now: () => Date,
    private readonly defaultTtlSeconds: number,
  ) {}

  issue(opts: { scopes?: string[]; expiresInSeconds?: number } = {}): TokenResponse {
    const scopes = opts.scopes ? [...opts.scopes] : [...ALL_SCOPES];
    const ttl = opts.expiresInSeconds ?? this.defaultTtlSeconds;
    const nowMs = this.now().getTime();
    // Looks like a JWT (docs/highlevel-api.md §5.3 says the access token is one); the sandbox only ever looks it up in
    // its map.
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        authClass: 'Location',
        authClassId: this.identity.locationId,
        source: 'INTEGRATION',
        sourceId: 'sandbox-client-id',
        channel: 'OAUTH',
        oauthMeta: { scopes, client: 'sandbox' },
        iat: Math.floor(nowMs / 1000),
        exp: Math.floor(nowMs / 1000) + ttl,
        jti: randomBytes(8).toString('hex'),
      }),
    );
    const accessToken = `${header}.${payload}.${b64url(randomBytes(32))}`;
    const refreshToken = `${header}.${b64url(JSON.stringify({ refresh: randomBytes(12).toString('hex') }))}.${b64url(randomBytes(32))}`;
    this.access.set(accessToken, {
      token: accessToken,
      scopes,
      expiresAt: nowMs + ttl * 1000,
      expired: false,
      ...this.identity,
    });
    this.refresh.set(refreshToken, { scopes, used: false, revoked: false, expiresAt: nowMs + REFRESH_TOKEN_TTL_MS });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ttl,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
      userType: 'Location',
      locationId: this.identity.locationId,
      companyId: this.identity.companyId,
      userId: this.identity.userId,
    };
  }

  createCode(opts: { scopes?: string[]; redirectUri?: string } = {}): string {
    const code = randomBytes(20).toString('hex');
    this.codes.set(code, {
      scopes: opts.scopes ? [...opts.scopes] : [...ALL_SCOPES],
      redirectUri: opts.redirectUri,
      used: false,
      expiresAt: this.now().getTime() + AUTH_CODE_TTL_MS,
    });
    return code;
  }

  /** Consumes an auth code (single use). Returns its scopes, or an error description. */
  redeemCode(code: string, redirectUri: string | undefined): { scopes: string[] } | { error: string } {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= this.now().getTime()) {
      return { error: 'Invalid grant: authorization code is invalid' };
    }
    if (redirectUri !== undefined && entry.redirectUri !== undefined && redirectUri !== entry.redirectUri) {
      return { error: 'Invalid request: `redirect_uri` is invalid' };
    }
    entry.used = true;
    return { scopes: entry.scopes };
  }

  /** Consumes a refresh token (single use, docs/highlevel-api.md §5.4) and returns the scopes of the original grant. */
  redeemRefresh(token: string): { scopes: string[] } | { error: string } {
    const entry = this.refresh.get(token);
    if (!entry || entry.used || entry.revoked) return { error: 'Invalid grant: refresh token is invalid' };
    if (entry.expiresAt <= this.now().getTime()) return { error: 'Invalid grant: refresh token has expired' };
    entry.used = true;
    return { scopes: entry.scopes };
  }

  check(authorization: string | undefined): TokenCheck {
    if (!authorization) return { ok: false, reason: 'missing' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match || match[1] === undefined) return { ok: false, reason: 'unknown' };
    const token = this.access.get(match[1]);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.expired || token.expiresAt <= this.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, token };
  }

  expireAccessTokens(): void {
    for (const token of this.access.values()) token.expired = true;
  }

  revokeRefreshTokens(): void {
    for (const token of this.refresh.values()) token.revoked = true;
  }

  /** Every token and code, for `npm run sandbox` to keep across restarts (a file beside the checkout). */
  snapshot(): TokenSnapshot {
    return { access: [...this.access.values()], refresh: [...this.refresh.entries()], codes: [...this.codes.entries()] };
  }

  /** Takes back a snapshot: tokens issued before a restart still work (for this sandbox's identity only). */
  restore(snapshot: TokenSnapshot): void {
    for (const token of snapshot.access) if (token.locationId === this.identity.locationId) this.access.set(token.token, { ...token });
    for (const [token, entry] of snapshot.refresh) this.refresh.set(token, { ...entry });
    for (const [code, entry] of snapshot.codes) this.codes.set(code, { ...entry });
  }
}

export interface TokenSnapshot {
  access: AccessToken[];
  refresh: [string, RefreshToken][];
  codes: [string, AuthCode][];
}
