/**
 * `npm run sandbox`: starts the HighLevel sandbox on a fixed port and prints what `zapier-platform invoke` needs.
 *   SANDBOX_PORT (default 4010), `--contacts N` for larger seeds. Stays up until Ctrl-C.
 */
import { startSandbox } from '../sandbox';

function parseContacts(argv: readonly string[]): number | undefined {
  const i = argv.findIndex((a) => a === '--contacts' || a.startsWith('--contacts='));
  if (i < 0) return undefined;
  const arg = argv[i] as string;
  const raw = arg.includes('=') ? arg.split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--contacts needs a non-negative integer, got "${raw ?? ''}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4010);
  const contacts = parseContacts(process.argv.slice(2));
  const sandbox = await startSandbox({ port, ...(contacts !== undefined ? { contacts } : {}) });
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
  console.log('');
  console.log('# .env lines for `zapier-platform invoke`:');
  for (const line of env) console.log(line);
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
