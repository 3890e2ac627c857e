import { randomUUID } from 'node:crypto';
import type { Sandbox } from '../../sandbox';
import type { ZapierRuntime } from './runtime';

/** The redirect URL Zapier registers for a CLI app (the sandbox's consent page redirects there with the code). */
const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App000000CLIAPI/';

/** Points the app at the sandbox and connects through the real OAuth flow: consent page, code, token exchange. */
export async function connectToSandbox(sandbox: Sandbox, runtime: ZapierRuntime): Promise<void> {
  process.env.GHL_API_BASE_URL = sandbox.baseUrl;
  process.env.GHL_AUTH_BASE_URL = sandbox.baseUrl;
  process.env.CLIENT_ID = sandbox.clientId;
  process.env.CLIENT_SECRET = sandbox.clientSecret;
  // The user-consent step: the app's authorize URL, answered by the sandbox's consent page with a code.
  const state = randomUUID();
  const consent = await fetch(await runtime.authorizeUrl(REDIRECT_URI, state), { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`The consent page answered ${consent.status} without a redirect.`);
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error('The consent page did not echo the OAuth state.');
  await runtime.exchangeCode(back.searchParams.get('code') ?? '', REDIRECT_URI);
}
