import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Two signatures with the shared secret, both hex HMAC-SHA256 with `X-Relay-Timestamp` (unix seconds, within 5
 * minutes) and `X-Relay-Signature`; path is the request target as sent (path and query string), rawBody is empty
 * for a request without a body.
 * - Calls to the relay's API (the Zapier app's subscribe/unsubscribe, an operator's admin calls) also carry
 *   `X-Relay-Nonce`, a fresh random value per call, signed: HMAC over `${timestamp}.${nonce}.${METHOD}.${path}.${rawBody}`.
 *   The relay keeps each nonce while its timestamp is inside the window and refuses a repeat, so a captured call
 *   cannot be replayed within its 5 minutes either.
 * - Deliveries the relay POSTs to a target: HMAC over `${timestamp}.${METHOD}.${path}.${rawBody}` (no nonce: the
 *   delivery id in the body, the same on every retry, is what the receiver dedupes by).
 */
export const RELAY_SIGNATURE_TOLERANCE_SECONDS = 300;

const NONCE = /^[A-Za-z0-9_-]{16,100}$/;

export function relayApiSignature(secret: string, timestamp: string, nonce: string, method: string, path: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${nonce}.${method.toUpperCase()}.${path}.${rawBody}`).digest('hex');
}

/** Headers a caller of the relay's API (the Zapier app, the admin command, tests, the bench) adds to a request. */
export function signRelayApiRequest(
  secret: string,
  method: string,
  path: string,
  rawBody: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  nonce: string = randomUUID(),
): Record<string, string> {
  const timestamp = String(nowSeconds);
  return {
    'x-relay-timestamp': timestamp,
    'x-relay-nonce': nonce,
    'x-relay-signature': relayApiSignature(secret, timestamp, nonce, method, path, rawBody),
  };
}

export type RelayApiAuth = { ok: true; nonce: string; timestampSeconds: number } | { ok: false; message: string };

/** Checks an API call's timestamp, nonce format and signature (whether the nonce was seen before is the caller's). */
export function checkRelayApiSignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  method: string,
  path: string,
  rawBody: string,
  nowSeconds: number = Date.now() / 1000,
): RelayApiAuth {
  const ts = headers['x-relay-timestamp'];
  const sig = headers['x-relay-signature'];
  const nonce = headers['x-relay-nonce'];
  if (typeof ts !== 'string' || typeof sig !== 'string') {
    return { ok: false, message: 'X-Relay-Timestamp and X-Relay-Signature are required' };
  }
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) {
    return { ok: false, message: 'X-Relay-Nonce (16-100 letters, digits, - or _, new for every call) is required' };
  }
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, message: 'X-Relay-Timestamp must be unix seconds' };
  if (Math.abs(nowSeconds - Number(ts)) > RELAY_SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, message: 'X-Relay-Timestamp is too far from the current time' };
  }
  if (!matches(relayApiSignature(secret, ts, nonce, method, path, rawBody), sig)) {
    return { ok: false, message: 'X-Relay-Signature does not match' };
  }
  return { ok: true, nonce, timestampSeconds: Number(ts) };
}

function matches(expectedHex: string, given: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const got = /^[0-9a-fA-F]{64}$/.test(given) ? Buffer.from(given, 'hex') : Buffer.alloc(0);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export function relaySignature(secret: string, timestamp: string, method: string, path: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${method.toUpperCase()}.${path}.${rawBody}`).digest('hex');
}

/** Headers of a delivery (and what a receiver checks with checkRelaySignature). */
export function signRelayRequest(
  secret: string,
  method: string,
  path: string,
  rawBody: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const timestamp = String(nowSeconds);
  return {
    'x-relay-timestamp': timestamp,
    'x-relay-signature': relaySignature(secret, timestamp, method, path, rawBody),
  };
}

export type RelayAuth = { ok: true } | { ok: false; message: string };

export function checkRelaySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  method: string,
  path: string,
  rawBody: string,
  nowSeconds: number = Date.now() / 1000,
): RelayAuth {
  const ts = headers['x-relay-timestamp'];
  const sig = headers['x-relay-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') {
    return { ok: false, message: 'X-Relay-Timestamp and X-Relay-Signature are required' };
  }
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, message: 'X-Relay-Timestamp must be unix seconds' };
  if (Math.abs(nowSeconds - Number(ts)) > RELAY_SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, message: 'X-Relay-Timestamp is too far from the current time' };
  }
  if (!matches(relaySignature(secret, ts, method, path, rawBody), sig)) {
    return { ok: false, message: 'X-Relay-Signature does not match' };
  }
  return { ok: true };
}
