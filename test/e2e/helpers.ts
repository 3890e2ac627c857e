import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { ZapierRuntime } from '../../scripts/zap/runtime';

/** A sandbox on loopback and a Zapier runtime connected to it with a token the sandbox issued. */
export interface Connected {
  sandbox: Sandbox;
  runtime: ZapierRuntime;
}

export const connect = async (opts: SandboxOptions = {}, scopes?: string[]): Promise<Connected> => {
  const sandbox = await startSandbox({ contacts: 50, ...opts });
  process.env.GHL_API_BASE_URL = sandbox.baseUrl;
  process.env.GHL_AUTH_BASE_URL = sandbox.baseUrl;
  process.env.CLIENT_ID = sandbox.clientId;
  process.env.CLIENT_SECRET = sandbox.clientSecret;
  const token = sandbox.issueToken(scopes ? { scopes } : {});
  const runtime = new ZapierRuntime({
    access_token: token.access_token,
    refresh_token: token.refresh_token,
    locationId: sandbox.locationId,
    companyId: sandbox.companyId,
    userId: sandbox.userId,
    scope: token.scope,
  });
  return { sandbox, runtime };
};

/** Points the app back at the defaults test/setup.ts gives every test file. */
export const resetAppEnv = (): void => {
  delete process.env.GHL_API_BASE_URL;
  delete process.env.GHL_AUTH_BASE_URL;
  process.env.CLIENT_ID = 'test-client-id';
  process.env.CLIENT_SECRET = 'test-client-secret';
};

export const disconnect = async ({ sandbox }: Connected): Promise<void> => {
  await sandbox.stop();
  resetAppEnv();
};

/** The error as a user sees it (z.errors.Error serialises message/code/status as JSON). */
export const failure = async (promise: Promise<unknown>): Promise<{ name: string; message: string; code?: string }> => {
  try {
    await promise;
  } catch (error) {
    const e = error as Error;
    try {
      return { name: e.name, ...(JSON.parse(e.message) as { message: string; code?: string }) };
    } catch {
      return { name: e.name, message: e.message };
    }
  }
  throw new Error('Expected a failure, but the operation succeeded.');
};

/**
 * A write straight to the sandbox's API (not through the app), for setting a location up quickly: it is an API write
 * like any other (contact search sees it after the lag).
 */
export const apiWrite = async (c: Connected, method: string, path: string, body: unknown, version = '2021-07-28'): Promise<Record<string, unknown>> => {
  const response = await fetch(`${c.sandbox.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${c.runtime.authData.access_token}`, Version: version, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
};
