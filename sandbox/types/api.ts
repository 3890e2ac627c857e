/** API plumbing: Version header values, the token answer, the request log. */

export const VERSION_2021_07_28 = '2021-07-28';
export const VERSION_2021_04_15 = '2021-04-15';
export type ApiVersion = typeof VERSION_2021_07_28 | typeof VERSION_2021_04_15;
/**
 * What the official SDK (`@gohighlevel/api-client` 3.1.0, `HighLevel` constructor: `apiVersion || '2023-02-21'`) sends
 * on every call unless configured otherwise. In no spec's enum, but the official client works, so HighLevel takes it.
 */
export const VERSION_SDK_DEFAULT = '2023-02-21';
/**
 * Every value a route accepts: the SDK sends one configured value on every call (its README's example is
 * `2021-07-28`, which then reaches the calendar routes too) or its default. Anything else answers 400.
 */
export const ACCEPTED_VERSIONS: readonly string[] = [VERSION_2021_07_28, VERSION_2021_04_15, VERSION_SDK_DEFAULT];

/** Body of a successful `POST /oauth/token` (docs/highlevel-api.md §5.3). `issueToken()` returns the same shape. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  userType: 'Location';
  locationId: string;
  companyId: string;
  userId: string;
}

export interface RequestLogEntry {
  /** Milliseconds since the epoch (wall clock) when the request arrived. */
  at: number;
  method: string;
  /** Path without the query string, e.g. `/contacts/abc`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased request headers; `authorization` is redacted to `Bearer [redacted]`. */
  headers: Record<string, string>;
  /** The `Version` header, if sent. */
  version?: string;
  /** Parsed JSON or form body (object), the raw text when it did not parse, undefined when empty. */
  body: unknown;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  durationMs: number;
  /** Parsed JSON answer (or the raw text when a malformed-JSON fault corrupted it). */
  responseBody: unknown;
  /** Names of the faults that affected this request. */
  faults: string[];
}
