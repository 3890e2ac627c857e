import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { signRelayApiRequest } from '../../src/auth/relay_signature';
import type { Db } from '../../src/db/db';
import type { Relay } from '../../src/relay';
import { startRelay } from '../../src/relay';
import type { Environment } from '../../src/settings';
import { loadSettings } from '../../src/settings';
import { signEd25519, signRsa, testKeys } from './keys';
import { tokenFor } from './servers';

export const TEST_SECRET = 'relay-test-secret-0123456789abcdef0123456789';

/** Settings for tests: test keys, loopback targets, fast polling and retries, quiet logs. */
export function testEnv(ghlUrl: string, overrides: Environment = {}): Environment {
  const keys = testKeys();
  return {
    NODE_ENV: 'test',
    RELAY_HOST: '127.0.0.1',
    PORT: '0',
    RELAY_SHARED_SECRET: TEST_SECRET,
    GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519PublicBase64,
    GHL_WEBHOOK_LEGACY_PUBLIC_KEY: keys.rsaPublicPem,
    RELAY_ALLOW_LOOPBACK_TARGETS: 'true',
    GHL_API_BASE_URL: ghlUrl,
    RELAY_POLL_INTERVAL_MS: '50',
    RELAY_RETRY_BASE_DELAY_MS: '50',
    RELAY_RETRY_MAX_DELAY_MS: '200',
    // Generous: the suites share two cores with the app's tests, and a timeout would make a resend.
    RELAY_DELIVERY_TIMEOUT_MS: '5000',
    RELAY_CLAIM_LEASE_MS: '10000',
    RELAY_SHUTDOWN_TIMEOUT_MS: '3000',
    // Metrics on a listener of their own (never the public one): any free port.
    RELAY_METRICS_PORT: '0',
    // Fan-out of an odd event: tried again after 50 ms, 100 ms, ... rather than seconds.
    RELAY_FANOUT_RETRY_DELAY_MS: '50',
    LOG_LEVEL: process.env.RELAY_TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
}

export async function startTestRelay(db: Db, ghlUrl: string, overrides: Environment = {}, workers = true): Promise<Relay> {
  return startRelay(loadSettings(testEnv(ghlUrl, overrides)), { db, workers });
}

export function webhookBody(type: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, timestamp: new Date().toISOString(), webhookId: randomUUID(), ...fields };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

async function answer(res: Response): Promise<HttpAnswer> {
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = {};
  }
  return { status: res.status, headers: res.headers, json, text };
}

export type Signing = 'ed25519' | 'rsa' | 'none' | { ed25519: KeyObject } | { header: string; value: string };

export async function postWebhook(relayUrl: string, body: Record<string, unknown> | string, signing: Signing = 'ed25519'): Promise<HttpAnswer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signing === 'ed25519') headers['x-ghl-signature'] = signEd25519(raw);
  else if (signing === 'rsa') headers['x-wh-signature'] = signRsa(raw);
  else if (signing !== 'none' && 'ed25519' in signing) headers['x-ghl-signature'] = signEd25519(raw, signing.ed25519);
  else if (signing !== 'none') headers[signing.header] = signing.value;
  return answer(await fetch(`${relayUrl}/webhooks/highlevel`, { method: 'POST', headers, body: raw }));
}

export interface ApiOptions {
  token?: string | null;
  secret?: string;
  timestamp?: number;
  /** Sign with this nonce (default: a fresh one), e.g. to replay a call. */
  nonce?: string;
  /** Leave X-Relay-Nonce out (signed without one, as before issue 20). */
  noNonce?: boolean;
  /** Sign this instead of the body actually sent (a tampered request). */
  signedBody?: string;
  unsigned?: boolean;
}

export async function relayApi(relayUrl: string, method: string, path: string, body?: unknown, options: ApiOptions = {}): Promise<HttpAnswer> {
  const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = options.unsigned
    ? {}
    : signRelayApiRequest(options.secret ?? TEST_SECRET, method, path, options.signedBody ?? raw, options.timestamp, options.nonce);
  if (options.noNonce) delete headers['x-relay-nonce'];
  if (raw) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return answer(await fetch(`${relayUrl}${path}`, { method, headers, ...(raw ? { body: raw } : {}) }));
}

export interface SubscribeInput {
  locationId: string;
  event: string;
  targetUrl: string;
  filters?: Record<string, string>;
}

/** A signed subscribe with the location's valid token; throws unless 201/200. */
export async function subscribe(relayUrl: string, input: SubscribeInput): Promise<{ id: string } & Record<string, unknown>> {
  const res = await relayApi(relayUrl, 'POST', '/subscriptions', input, { token: tokenFor(input.locationId) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`subscribe answered ${res.status}: ${res.text}`);
  return res.json as { id: string } & Record<string, unknown>;
}

export async function waitUntil<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function scalar(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const r = await db.query<{ n: number }>(sql, params);
  return Number(r.rows[0]?.n ?? 0);
}

/** A value from the relay's metrics listener (relay.metricsUrl); 0 when the series is absent. */
export async function metricValue(metricsUrl: string | undefined, name: string, labels = ''): Promise<number> {
  if (!metricsUrl) throw new Error('this relay has no metrics listener (RELAY_METRICS_PORT)');
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}
