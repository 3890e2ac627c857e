import { createPublicKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Every setting comes from the environment and is checked here, once, at start (twelve-factor). Each bad or missing
 * value gets its own line in the error, named by its variable; secret values are never echoed back.
 */

/** HighLevel's published Ed25519 key for `X-GHL-Signature` (docs/highlevel-api.md §9.4). */
export const GHL_ED25519_PUBLIC_KEY = 'MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=';

/** The RSA key for the legacy `X-WH-Signature` (HighLevel docs, docs/oauth/WebhookAuthentication.md). */
export const GHL_LEGACY_RSA_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----`;

export const PRODUCTION_GHL_API_BASE_URL = 'https://services.leadconnectorhq.com';
/** `npm run sandbox` listens here (scripts/sandbox.ts, SANDBOX_PORT default). */
export const DEVELOPMENT_GHL_API_BASE_URL = 'http://127.0.0.1:4010';

export type Environment = Record<string, string | undefined>;

export interface Settings {
  nodeEnv: string;
  isProduction: boolean;
  isDevelopment: boolean;
  host: string;
  port: number;
  /** undefined = embedded PGlite in `pgliteDir`. */
  databaseUrl: string | undefined;
  /** A directory, or `memory://` for an in-memory database. */
  pgliteDir: string;
  dbPoolSize: number;
  sharedSecret: string;
  /** True when the secret was generated because none was given (development only). */
  sharedSecretGenerated: boolean;
  ghlEd25519Keys: KeyObject[];
  /** undefined when the legacy header is switched off (`none`). */
  ghlLegacyKey: KeyObject | undefined;
  allowedTargetHosts: string[];
  allowLoopbackTargets: boolean;
  ghlApiBaseUrl: string;
  ghlApiTimeoutMs: number;
  retentionSeconds: number;
  retryPeriodSeconds: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  deliveryTimeoutMs: number;
  claimLeaseMs: number;
  deliveryConcurrency: number;
  /** Deliveries of one subscription, and to one target URL, in flight at once (per instance). */
  subscriptionConcurrency: number;
  targetConcurrency: number;
  /** Deliveries started per second per subscription (Zapier: 30/s and 10,000 per 5 min per hook). */
  hookRatePerSecond: number;
  breakerFailures: number;
  breakerBaseMs: number;
  breakerMaxMs: number;
  fanoutMaxAttempts: number;
  fanoutRetryDelayMs: number;
  deadLetterRetentionSeconds: number;
  /** undefined = no metrics listener (metrics are never on the public port). */
  metricsPort: number | undefined;
  metricsHost: string;
  pollIntervalMs: number;
  maxBodyBytes: number;
  /** How old a webhook's `timestamp` may be: covers HighLevel's retries (see webhook_parse.ts). */
  timestampToleranceSeconds: number;
  /** How far ahead of this clock a `timestamp` may be (clock skew). */
  timestampMaxFutureSeconds: number;
  ingestTimeoutMs: number;
  maxPendingIngests: number;
  purgeIntervalSeconds: number;
  shutdownTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Relay settings are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const DAY = 86_400;

/** The raw shape: strings as the environment gives them, each with its default and rule. */
const schema = z.object({
  NODE_ENV: z.string().default(''),
  RELAY_HOST: z.string().trim().min(1).optional(),
  PORT: int(0, 65_535).default(4020),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    }),
  RELAY_PGLITE_DIR: z.string().trim().min(1).default('.relay-data'),
  RELAY_DB_POOL_SIZE: int(1, 100).default(10),
  RELAY_SHARED_SECRET: z.string().optional(),
  GHL_WEBHOOK_PUBLIC_KEY: z.string().default(GHL_ED25519_PUBLIC_KEY),
  GHL_WEBHOOK_LEGACY_PUBLIC_KEY: z.string().default(GHL_LEGACY_RSA_PUBLIC_KEY),
  RELAY_ALLOWED_TARGET_HOSTS: z.string().default('hooks.zapier.com'),
  RELAY_ALLOW_LOOPBACK_TARGETS: bool.optional(),
  GHL_API_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  GHL_API_TIMEOUT_MS: int(100, 60_000).default(10_000),
  RELAY_RETENTION_SECONDS: int(60, 365 * DAY).default(DAY),
  RELAY_RETRY_PERIOD_SECONDS: int(1, 30 * DAY).default(DAY),
  RELAY_RETRY_BASE_DELAY_MS: int(10, 3_600_000).default(5_000),
  RELAY_RETRY_MAX_DELAY_MS: int(10, 86_400_000).default(3_600_000),
  RELAY_DELIVERY_TIMEOUT_MS: int(100, 120_000).default(10_000),
  RELAY_CLAIM_LEASE_MS: int(200, 3_600_000).default(60_000),
  RELAY_DELIVERY_CONCURRENCY: int(1, 1_000).default(64),
  RELAY_SUBSCRIPTION_CONCURRENCY: int(1, 1_000).default(8),
  RELAY_TARGET_CONCURRENCY: int(1, 1_000).default(8),
  // Zapier's REST-hook limits are 30 webhooks/s and 10,000 per 5 min per hook (docs.zapier.com/platform/build/
  // operating-constraints); 25/s stays under both (7,500 per 5 min) with room for retries and clock skew.
  RELAY_HOOK_RATE_PER_SECOND: int(1, 1_000).default(25),
  RELAY_BREAKER_FAILURES: int(1, 1_000).default(5),
  RELAY_BREAKER_BASE_MS: int(10, 3_600_000).default(5_000),
  RELAY_BREAKER_MAX_MS: int(10, 86_400_000).default(300_000),
  RELAY_FANOUT_MAX_ATTEMPTS: int(1, 100).default(5),
  RELAY_FANOUT_RETRY_DELAY_MS: int(10, 3_600_000).default(5_000),
  RELAY_DEAD_LETTER_RETENTION_SECONDS: int(60, 365 * DAY).default(7 * DAY),
  RELAY_METRICS_PORT: int(0, 65_535).optional(),
  RELAY_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  RELAY_POLL_INTERVAL_MS: int(10, 60_000).default(250),
  RELAY_MAX_BODY_BYTES: int(1_024, 26_214_400).default(1_048_576),
  // HighLevel retries a 429 with the identical body up to six times ~10 minutes apart: a retry can be ~70 minutes old.
  RELAY_TIMESTAMP_TOLERANCE_SECONDS: int(1, 7 * DAY).default(7_200),
  RELAY_TIMESTAMP_MAX_FUTURE_SECONDS: int(0, DAY).default(300),
  RELAY_INGEST_TIMEOUT_MS: int(50, 60_000).default(2_000),
  RELAY_MAX_PENDING_INGESTS: int(1, 100_000).default(1_000),
  RELAY_PURGE_INTERVAL_SECONDS: int(1, DAY).default(60),
  RELAY_SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(30_000),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .default('info'),
});

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function ed25519Keys(value: string, problems: string[]): KeyObject[] {
  const keys: KeyObject[] = [];
  // A comma-separated list, so a key rotation can accept the old and the new key for a while.
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    try {
      const key = createPublicKey({ key: Buffer.from(item, 'base64'), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
      keys.push(key);
    } catch {
      problems.push('GHL_WEBHOOK_PUBLIC_KEY: each entry must be an Ed25519 public key, SPKI DER in base64');
      return [];
    }
  }
  if (keys.length === 0) problems.push('GHL_WEBHOOK_PUBLIC_KEY: must name at least one Ed25519 public key');
  return keys;
}

function legacyKey(value: string, problems: string[]): KeyObject | undefined {
  if (value.trim().toLowerCase() === 'none') return undefined;
  try {
    // Environments often carry PEM with literal "\n"s.
    const key = createPublicKey(value.replace(/\\n/g, '\n'));
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not rsa');
    return key;
  } catch {
    problems.push('GHL_WEBHOOK_LEGACY_PUBLIC_KEY: must be an RSA public key in PEM, or "none" to refuse X-WH-Signature');
    return undefined;
  }
}

function hosts(value: string, problems: string[]): string[] {
  const list = value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const host of list) {
    if (!/^[a-z0-9.-]+$/.test(host)) problems.push(`RELAY_ALLOWED_TARGET_HOSTS: "${host}" is not a host name`);
  }
  if (list.length === 0) problems.push('RELAY_ALLOWED_TARGET_HOSTS: must name at least one host');
  return list;
}

/** Reads and checks the settings; throws SettingsError listing every problem at once. */
export function loadSettings(env: Environment = process.env): Settings {
  // Empty strings count as unset, as most deploy tools write them for "no value".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        return `${name}: ${issue.message}`;
      }),
    );
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const isProduction = raw.NODE_ENV === 'production';
  const isDevelopment = raw.NODE_ENV === 'development';

  let sharedSecret = raw.RELAY_SHARED_SECRET ?? '';
  let sharedSecretGenerated = false;
  if (sharedSecret === '') {
    if (isDevelopment) {
      sharedSecret = randomBytes(32).toString('hex');
      sharedSecretGenerated = true;
    } else {
      problems.push(
        'RELAY_SHARED_SECRET: required (the HMAC secret shared with the Zapier app, at least 32 characters); ' + 'only NODE_ENV=development generates one',
      );
    }
  } else if (sharedSecret.length < 32) {
    problems.push('RELAY_SHARED_SECRET: must be at least 32 characters');
  }

  const allowLoopbackTargets = raw.RELAY_ALLOW_LOOPBACK_TARGETS ?? isDevelopment;
  if (allowLoopbackTargets && isProduction) {
    problems.push('RELAY_ALLOW_LOOPBACK_TARGETS: must not be true when NODE_ENV=production');
  }
  if (raw.RELAY_RETENTION_SECONDS < raw.RELAY_TIMESTAMP_TOLERANCE_SECONDS) {
    // A stored body stays for at least the replay window (its tombstone keeps the dedupe after it, events_table.ts).
    problems.push('RELAY_RETENTION_SECONDS: must be at least RELAY_TIMESTAMP_TOLERANCE_SECONDS');
  }
  if (raw.RELAY_CLAIM_LEASE_MS <= raw.RELAY_DELIVERY_TIMEOUT_MS) {
    // A lease shorter than a delivery lets another instance resend a delivery still in flight.
    problems.push('RELAY_CLAIM_LEASE_MS: must be longer than RELAY_DELIVERY_TIMEOUT_MS');
  }
  if (raw.RELAY_RETRY_MAX_DELAY_MS < raw.RELAY_RETRY_BASE_DELAY_MS) {
    problems.push('RELAY_RETRY_MAX_DELAY_MS: must be at least RELAY_RETRY_BASE_DELAY_MS');
  }
  if (raw.RELAY_BREAKER_MAX_MS < raw.RELAY_BREAKER_BASE_MS) {
    problems.push('RELAY_BREAKER_MAX_MS: must be at least RELAY_BREAKER_BASE_MS');
  }
  if (raw.RELAY_METRICS_PORT !== undefined && raw.RELAY_METRICS_PORT !== 0 && raw.RELAY_METRICS_PORT === raw.PORT) {
    problems.push('RELAY_METRICS_PORT: must differ from PORT (metrics are never served on the public listener)');
  }

  const ghlEd25519 = ed25519Keys(raw.GHL_WEBHOOK_PUBLIC_KEY, problems);
  const ghlLegacy = legacyKey(raw.GHL_WEBHOOK_LEGACY_PUBLIC_KEY, problems);
  const allowedTargetHosts = hosts(raw.RELAY_ALLOWED_TARGET_HOSTS, problems);
  if (problems.length > 0) throw new SettingsError(problems);

  const databaseUrl = raw.DATABASE_URL === undefined || raw.DATABASE_URL === '' ? undefined : raw.DATABASE_URL;
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    isDevelopment,
    host: raw.RELAY_HOST ?? (isDevelopment ? '127.0.0.1' : '0.0.0.0'),
    port: raw.PORT,
    databaseUrl,
    pgliteDir: raw.RELAY_PGLITE_DIR,
    dbPoolSize: raw.RELAY_DB_POOL_SIZE,
    sharedSecret,
    sharedSecretGenerated,
    ghlEd25519Keys: ghlEd25519,
    ghlLegacyKey: ghlLegacy,
    allowedTargetHosts,
    allowLoopbackTargets,
    ghlApiBaseUrl: (raw.GHL_API_BASE_URL ?? (isDevelopment ? DEVELOPMENT_GHL_API_BASE_URL : PRODUCTION_GHL_API_BASE_URL)).replace(/\/+$/, ''),
    ghlApiTimeoutMs: raw.GHL_API_TIMEOUT_MS,
    retentionSeconds: raw.RELAY_RETENTION_SECONDS,
    retryPeriodSeconds: raw.RELAY_RETRY_PERIOD_SECONDS,
    retryBaseDelayMs: raw.RELAY_RETRY_BASE_DELAY_MS,
    retryMaxDelayMs: raw.RELAY_RETRY_MAX_DELAY_MS,
    deliveryTimeoutMs: raw.RELAY_DELIVERY_TIMEOUT_MS,
    claimLeaseMs: raw.RELAY_CLAIM_LEASE_MS,
    deliveryConcurrency: raw.RELAY_DELIVERY_CONCURRENCY,
    subscriptionConcurrency: raw.RELAY_SUBSCRIPTION_CONCURRENCY,
    targetConcurrency: raw.RELAY_TARGET_CONCURRENCY,
    hookRatePerSecond: raw.RELAY_HOOK_RATE_PER_SECOND,
    breakerFailures: raw.RELAY_BREAKER_FAILURES,
    breakerBaseMs: raw.RELAY_BREAKER_BASE_MS,
    breakerMaxMs: raw.RELAY_BREAKER_MAX_MS,
    fanoutMaxAttempts: raw.RELAY_FANOUT_MAX_ATTEMPTS,
    fanoutRetryDelayMs: raw.RELAY_FANOUT_RETRY_DELAY_MS,
    deadLetterRetentionSeconds: raw.RELAY_DEAD_LETTER_RETENTION_SECONDS,
    metricsPort: raw.RELAY_METRICS_PORT,
    metricsHost: raw.RELAY_METRICS_HOST,
    pollIntervalMs: raw.RELAY_POLL_INTERVAL_MS,
    maxBodyBytes: raw.RELAY_MAX_BODY_BYTES,
    timestampToleranceSeconds: raw.RELAY_TIMESTAMP_TOLERANCE_SECONDS,
    timestampMaxFutureSeconds: raw.RELAY_TIMESTAMP_MAX_FUTURE_SECONDS,
    ingestTimeoutMs: raw.RELAY_INGEST_TIMEOUT_MS,
    maxPendingIngests: raw.RELAY_MAX_PENDING_INGESTS,
    purgeIntervalSeconds: raw.RELAY_PURGE_INTERVAL_SECONDS,
    shutdownTimeoutMs: raw.RELAY_SHUTDOWN_TIMEOUT_MS,
    logLevel: raw.LOG_LEVEL,
  };
}
