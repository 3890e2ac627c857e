/**
 * `npm run sandbox`: starts the HighLevel sandbox on a fixed port and prints what `zapier-platform invoke` needs.
 *   SANDBOX_PORT (default 4010), `--contacts N` for larger seeds. Stays up until Ctrl-C.
 *   `--webhook-url URL` (or SANDBOX_WEBHOOK_URL) turns on HighLevel's webhooks: every write through the API is sent
 *   there, signed; `--webhook-retry-ms N` (or SANDBOX_WEBHOOK_RETRY_MS, default 50) is the wait between 429 retries.
 */
import type { WebhookLogEntry, WebhookOptions } from '../sandbox';
import { startSandbox } from '../sandbox';

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

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = Number(process.env.SANDBOX_PORT ?? 4010);
  const contacts = count(option(argv, 'contacts'), 'contacts');
  const webhooks = webhookOptions(argv);
  const sandbox = await startSandbox({ port, ...(contacts !== undefined ? { contacts } : {}), ...(webhooks ? { webhooks } : {}) });
  const token = sandbox.issueToken();
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
  console.log(`  access token    ${token.access_token}`);
  console.log(`  refresh token   ${token.refresh_token}`);
  console.log(`  expires in      ${token.expires_in} s; scopes: ${token.scope}`);
  if (sandbox.webhooks) {
    console.log(`  webhooks        POST ${sandbox.webhooks.url} (app ${sandbox.webhooks.appId})`);
    console.log(`  webhook key     ${sandbox.webhooks.publicKey} (Ed25519 SPKI, verifies X-GHL-Signature)`);
  }
  console.log('');
  console.log('# .env lines for `zapier-platform invoke`:');
  for (const line of env) console.log(line);
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
