/**
 * `npm run sandbox`: starts the HighLevel sandbox and writes what `zapier-platform invoke` needs into `.env`.
 *   `--port N` or SANDBOX_PORT (default 4010; 0 = any free port), `--contacts N` for larger seeds, `--no-env` to leave
 *   .env alone. Tokens (and rotated refresh tokens) are kept in .sandbox/tokens.json, so a restart does not break the
 *   .env of a running `invoke` session. Stays up until Ctrl-C.
 *   `--webhook-url URL` (or SANDBOX_WEBHOOK_URL) turns on HighLevel's webhooks: every write through the API is sent
 *   there, signed; `--webhook-retry-ms N` (or SANDBOX_WEBHOOK_RETRY_MS, default 50) is the wait between 429 retries.
 *   `--seed N` (or SANDBOX_SEED) picks other seed data and other readings of HighLevel's variety (sandbox/README.md
 *   "Variety"), e.g. 20240610 for the other reading of each.
 */
import type { WebhookLogEntry, WebhookOptions } from '../sandbox';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox, TokenSnapshot } from '../sandbox';
import { startSandbox } from '../sandbox';

const ROOT = join(__dirname, '..', '..');
const ENV_FILE = join(ROOT, '.env');
const TOKEN_FILE = join(ROOT, '.sandbox', 'tokens.json');

/** `--name value` or `--name=value`, else the environment variable (if any), else undefined. */
function option(argv: readonly string[], name: string, env?: string): string | undefined {
  const flag = `--${name}`;
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return (env && process.env[env]) || undefined;
  const arg = argv[i] as string;
  return arg.includes('=') ? arg.slice(flag.length + 1) : argv[i + 1];
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function count(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} needs a non-negative integer, got "${raw}"`);
  return n;
}

function webhookOptions(argv: readonly string[]): WebhookOptions | undefined {
  const url = option(argv, 'webhook-url', 'SANDBOX_WEBHOOK_URL');
  if (url === undefined) return undefined;
  if (!/^https?:\/\//.test(url)) fail(`--webhook-url needs an http(s) URL, got "${url}"`);
  const retryDelayMs = count(option(argv, 'webhook-retry-ms', 'SANDBOX_WEBHOOK_RETRY_MS'), 'webhook-retry-ms');
  // One line per event, without its body (it carries contact data).
  const onSettled = (e: WebhookLogEntry): void => {
    const last = e.attempts.at(-1);
    console.log(`webhook ${e.type} ${e.webhookId} ${e.outcome}${e.reason ? `: ${e.reason}` : ` (${last?.status ?? 0})`}`);
  };
  return { url, ...(retryDelayMs !== undefined ? { retryDelayMs } : {}), onSettled };
}

/** The `.env` with our lines replaced and every other line kept. */
function mergeEnv(lines: string[]): string {
  const ours = new Set(lines.map((l) => l.slice(0, l.indexOf('='))));
  const kept = existsSync(ENV_FILE)
    ? readFileSync(ENV_FILE, 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !ours.has(l.slice(0, l.indexOf('=')).trim()))
    : [];
  return [...kept, ...lines].join('\n') + '\n';
}

/** Tokens of an earlier run of the sandbox, so their .env keeps working; nothing when there is no (readable) file. */
function restoreTokens(sandbox: Sandbox): void {
  if (!existsSync(TOKEN_FILE)) return;
  try {
    sandbox.restoreTokens(JSON.parse(readFileSync(TOKEN_FILE, 'utf8')) as TokenSnapshot);
  } catch {
    console.warn(`Could not read ${TOKEN_FILE}; starting with new tokens.`);
  }
}

/** The access/refresh pair already in .env when the restored sandbox still accepts it. */
function tokensInEnv(sandbox: Sandbox): { access: string; refresh: string } | undefined {
  if (!existsSync(ENV_FILE)) return undefined;
  const env = Object.fromEntries(
    readFileSync(ENV_FILE, 'utf8')
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]),
  );
  const access = env.authData_access_token;
  const refresh = env.authData_refresh_token;
  if (!access || !refresh) return undefined;
  const snapshot = sandbox.snapshotTokens();
  const liveAccess = snapshot.access.some((t) => t.token === access && !t.expired && t.expiresAt > Date.now());
  const liveRefresh = snapshot.refresh.some(([t, r]) => t === refresh && !r.used && !r.revoked);
  return liveAccess && liveRefresh ? { access, refresh } : undefined;
}

/** Keeps the token file in step with the sandbox (tokens rotate on every refresh). */
function keepTokens(sandbox: Sandbox): () => void {
  let last = '';
  const save = (): void => {
    const json = JSON.stringify(sandbox.snapshotTokens());
    if (json === last) return;
    mkdirSync(join(ROOT, '.sandbox'), { recursive: true });
    writeFileSync(TOKEN_FILE, json, { mode: 0o600 });
    last = json;
  };
  save();
  const timer = setInterval(save, 500);
  timer.unref();
  return save;
}

async function start(port: number, rest: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
  try {
    return await startSandbox({ ...rest, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(
        `Port ${port} is already in use (another sandbox, or another program).\n` +
          `Stop it, or start on another port: npm run sandbox -- --port 0 (any free port) or SANDBOX_PORT=4011 npm run sandbox.`,
      );
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = count(option(argv, 'port', 'SANDBOX_PORT'), 'port') ?? 4010;
  if (port > 65535) fail(`--port needs a port number from 0 to 65535, got "${port}"`);
  const contacts = count(option(argv, 'contacts'), 'contacts');
  const seed = count(option(argv, 'seed', 'SANDBOX_SEED'), 'seed');
  const webhooks = webhookOptions(argv);
  const sandbox = await start(port, {
    ...(contacts !== undefined ? { contacts } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(webhooks ? { webhooks } : {}),
  });
  restoreTokens(sandbox);
  const reused = tokensInEnv(sandbox);
  const issued = reused ? undefined : sandbox.issueToken();
  const token = issued ?? { access_token: reused!.access, refresh_token: reused!.refresh, expires_in: 0, scope: sandbox.allScopes.join(' ') };
  const saveTokens = keepTokens(sandbox);
  const env = [
    `GHL_API_BASE_URL=${sandbox.baseUrl}`,
    `GHL_AUTH_BASE_URL=${sandbox.baseUrl}`,
    `CLIENT_ID=${sandbox.clientId}`,
    `CLIENT_SECRET=${sandbox.clientSecret}`,
    `authData_access_token=${token.access_token}`,
    `authData_refresh_token=${token.refresh_token}`,
    `authData_locationId=${sandbox.locationId}`,
    `authData_companyId=${sandbox.companyId}`,
    `authData_userId=${sandbox.userId}`,
    `authData_scope="${token.scope}"`,
  ];
  console.log(`HighLevel sandbox listening on ${sandbox.baseUrl}`);
  console.log(`  token endpoint  POST ${sandbox.baseUrl}/oauth/token`);
  console.log(`  authorize URL   ${sandbox.authorizeUrl}`);
  console.log(`  location        ${sandbox.state.location.name} (${sandbox.locationId}), ${sandbox.state.contacts.size} contacts`);
  console.log(`  companyId       ${sandbox.companyId}`);
  console.log(`  userId          ${sandbox.userId}`);
  console.log(
    `  variety         ${Object.entries(sandbox.variety)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  console.log(`  access token    ${token.access_token}`);
  console.log(`  refresh token   ${token.refresh_token}`);
  console.log(issued ? `  expires in      ${token.expires_in} s; scopes: ${token.scope}` : '  (the tokens already in .env, still valid after the restart)');
  if (sandbox.webhooks) {
    console.log(`  webhooks        POST ${sandbox.webhooks.url} (app ${sandbox.webhooks.appId})`);
    console.log(`  webhook key     ${sandbox.webhooks.publicKey} (Ed25519 SPKI, verifies X-GHL-Signature)`);
  }
  console.log('');
  if (argv.includes('--no-env')) {
    console.log('# .env lines for `zapier-platform invoke` (not written: --no-env):');
    for (const line of env) console.log(line);
  } else {
    writeFileSync(ENV_FILE, mergeEnv(env), { mode: 0o600 });
    console.log('Wrote the sandbox lines into .env (other lines kept): `npx zapier-platform invoke auth test` works now.');
  }
  if (sandbox.webhooks) {
    console.log('');
    console.log('# for a webhook receiver (e.g. the relay):');
    console.log(`GHL_WEBHOOK_PUBLIC_KEY=${sandbox.webhooks.publicKey}`);
  }
  console.log('');
  console.log('Ctrl-C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    saveTokens();
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
