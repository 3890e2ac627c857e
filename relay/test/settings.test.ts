import { GHL_ED25519_PUBLIC_KEY, PRODUCTION_GHL_API_BASE_URL, SettingsError, loadSettings } from '../src/settings';
import type { Environment } from '../src/settings';

const SECRET = 'x'.repeat(32);

function problems(env: Environment): string[] {
  try {
    loadSettings(env);
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
    throw err;
  }
  return [];
}

describe('relay settings', () => {
  it('has the documented defaults', () => {
    const s = loadSettings({ RELAY_SHARED_SECRET: SECRET });
    expect(s.port).toBe(4020);
    expect(s.databaseUrl).toBeUndefined();
    expect(s.pgliteDir).toBe('.relay-data');
    expect(s.allowedTargetHosts).toEqual(['hooks.zapier.com']);
    expect(s.allowLoopbackTargets).toBe(false);
    expect(s.ghlApiBaseUrl).toBe(PRODUCTION_GHL_API_BASE_URL);
    // HighLevel's retries come up to ~70 minutes after the event with the original timestamp (webhook_parse.ts)
    expect(s.timestampToleranceSeconds).toBe(7200);
    expect(s.timestampMaxFutureSeconds).toBe(300);
    expect(s.ghlEd25519Keys).toHaveLength(1);
    expect(s.ghlEd25519Keys[0]?.export({ format: 'der', type: 'spki' }).toString('base64')).toBe(GHL_ED25519_PUBLIC_KEY);
    expect(s.ghlLegacyKey?.asymmetricKeyType).toBe('rsa');
    expect(s.sharedSecretGenerated).toBe(false);
    // issue 20: isolation within Zapier's REST-hook limits (30/s, 10,000 per 5 min per hook), metrics off the public port
    expect(s.hookRatePerSecond).toBe(25);
    expect(s.subscriptionConcurrency).toBe(8);
    expect(s.targetConcurrency).toBe(8);
    expect(s.breakerFailures).toBe(5);
    expect(s.fanoutMaxAttempts).toBe(5);
    expect(s.metricsPort).toBeUndefined();
    expect(s.metricsHost).toBe('127.0.0.1');
  });

  it('refuses to start without a shared secret outside development, and generates one in development', () => {
    expect(problems({ NODE_ENV: 'production' }).join('\n')).toMatch(/^RELAY_SHARED_SECRET: required/);
    expect(problems({}).join('\n')).toMatch(/RELAY_SHARED_SECRET: required/);
    const dev = loadSettings({ NODE_ENV: 'development' });
    expect(dev.sharedSecretGenerated).toBe(true);
    expect(dev.sharedSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(dev.allowLoopbackTargets).toBe(true);
    expect(dev.ghlApiBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it('names every bad setting at once, without echoing secret values', () => {
    const found = problems({
      PORT: 'eighty',
      RELAY_SHARED_SECRET: 'short-secret',
      DATABASE_URL: 'mysql://x',
      GHL_WEBHOOK_PUBLIC_KEY: 'bm90IGEga2V5',
      GHL_WEBHOOK_LEGACY_PUBLIC_KEY: 'nope',
      LOG_LEVEL: 'loud',
      RELAY_ALLOWED_TARGET_HOSTS: 'hooks.zapier.com,not a host',
    });
    const text = found.join('\n');
    expect(text).toMatch(/^PORT: must be a whole number/m);
    expect(text).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(text).toMatch(/^LOG_LEVEL: /m);
    // zod stops at the first stage; the cross-field checks run once the basic types are right
    const second = problems({
      RELAY_SHARED_SECRET: 'short-secret',
      GHL_WEBHOOK_PUBLIC_KEY: 'bm90IGEga2V5',
      GHL_WEBHOOK_LEGACY_PUBLIC_KEY: 'nope',
      RELAY_ALLOWED_TARGET_HOSTS: 'hooks.zapier.com,not a host',
    }).join('\n');
    expect(second).toMatch(/^RELAY_SHARED_SECRET: must be at least 32 characters/m);
    expect(second).toMatch(/^GHL_WEBHOOK_PUBLIC_KEY: /m);
    expect(second).toMatch(/^GHL_WEBHOOK_LEGACY_PUBLIC_KEY: /m);
    expect(second).toMatch(/RELAY_ALLOWED_TARGET_HOSTS: "not a host"/);
    expect(second).not.toContain('short-secret');
  });

  it('refuses loopback targets in production and inconsistent timings', () => {
    const text = problems({
      NODE_ENV: 'production',
      RELAY_SHARED_SECRET: SECRET,
      RELAY_ALLOW_LOOPBACK_TARGETS: 'true',
      RELAY_DELIVERY_TIMEOUT_MS: '5000',
      RELAY_CLAIM_LEASE_MS: '5000',
      RELAY_RETENTION_SECONDS: '120',
      RELAY_TIMESTAMP_TOLERANCE_SECONDS: '300',
      RELAY_BREAKER_BASE_MS: '10000',
      RELAY_BREAKER_MAX_MS: '5000',
      PORT: '9000',
      RELAY_METRICS_PORT: '9000',
    }).join('\n');
    expect(text).toMatch(/RELAY_ALLOW_LOOPBACK_TARGETS: must not be true when NODE_ENV=production/);
    expect(text).toMatch(/RELAY_CLAIM_LEASE_MS: must be longer than RELAY_DELIVERY_TIMEOUT_MS/);
    expect(text).toMatch(/RELAY_RETENTION_SECONDS: must be at least RELAY_TIMESTAMP_TOLERANCE_SECONDS/);
    expect(text).toMatch(/RELAY_BREAKER_MAX_MS: must be at least RELAY_BREAKER_BASE_MS/);
    expect(text).toMatch(/RELAY_METRICS_PORT: must differ from PORT/);
  });

  it('accepts a list of Ed25519 keys (rotation), "none" for the legacy key, and PEM with escaped newlines', () => {
    const s = loadSettings({
      RELAY_SHARED_SECRET: SECRET,
      GHL_WEBHOOK_PUBLIC_KEY: `${GHL_ED25519_PUBLIC_KEY}, ${GHL_ED25519_PUBLIC_KEY}`,
      GHL_WEBHOOK_LEGACY_PUBLIC_KEY: 'none',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/relay',
    });
    expect(s.ghlEd25519Keys).toHaveLength(2);
    expect(s.ghlLegacyKey).toBeUndefined();
    expect(s.databaseUrl).toBe('postgres://u:p@127.0.0.1:5432/relay');
    const pem = loadSettings({ RELAY_SHARED_SECRET: SECRET }).ghlLegacyKey?.export({ format: 'pem', type: 'spki' });
    const escaped = String(pem).trim().replace(/\n/g, '\\n');
    expect(loadSettings({ RELAY_SHARED_SECRET: SECRET, GHL_WEBHOOK_LEGACY_PUBLIC_KEY: escaped }).ghlLegacyKey).toBeDefined();
  });
});
