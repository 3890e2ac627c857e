import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Zapier app signs every subscription call: `X-Relay-Timestamp` (unix seconds) and `X-Relay-Signature` = hex
 * HMAC-SHA256(secret, `${timestamp}.${METHOD}.${path}.${rawBody}`), where path is the request target as sent
 * (path and query string) and rawBody is empty for a request without a body.
 */
export const RELAY_SIGNATURE_TOLERANCE_SECONDS = 300;

export function relaySignature(secret: string, timestamp: string, method: string, path: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${method.toUpperCase()}.${path}.${rawBody}`).digest('hex');
}

/** Headers a caller (the Zapier app, tests, the bench) adds to a relay API request. */
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
  const expected = Buffer.from(relaySignature(secret, ts, method, path, rawBody), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, message: 'X-Relay-Signature does not match' };
  }
  return { ok: true };
}
