/** API plumbing: Version header values, the token answer, the request log. */

export const VERSION_2021_07_28 = '2021-07-28';
export const VERSION_2021_04_15 = '2021-04-15';
export type ApiVersion = typeof VERSION_2021_07_28 | typeof VERSION_2021_04_15;

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
