/**
 * Where HighLevel lives. Production URLs are the defaults (a pushed build must never point at the sandbox);
 * the sandbox, tests and `zapier-platform invoke` override them through environment variables.
 */
const DEFAULT_API_BASE_URL = 'https://services.leadconnectorhq.com';
const DEFAULT_AUTH_BASE_URL = 'https://marketplace.gohighlevel.com';
const DEFAULT_APP_BASE_URL = 'https://app.gohighlevel.com';

/** Plain http is only acceptable for a server on this machine (the sandbox); anything else must be https. */
export const checkBaseUrl = (name: string, value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL such as ${DEFAULT_API_BASE_URL}, got "${value}".`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`${name} must use https (plain http is only allowed for localhost), got "${value}".`);
  }
  return value.replace(/\/+$/, '');
};

/** API base: every resource call and POST /oauth/token. */
export const apiBaseUrl = (): string => checkBaseUrl('GHL_API_BASE_URL', process.env.GHL_API_BASE_URL || DEFAULT_API_BASE_URL);

/**
 * Base of the links to HighLevel's own app in outputs (Contact URL). White-label agencies serve HighLevel from their
 * own domain (e.g. https://app.myagency.com), so it is a setting of the integration's environment.
 */
export const appBaseUrl = (): string => checkBaseUrl('GHL_APP_BASE_URL', process.env.GHL_APP_BASE_URL || DEFAULT_APP_BASE_URL);

/** Marketplace base: the user-consent page (chooselocation). */
export const authBaseUrl = (): string => checkBaseUrl('GHL_AUTH_BASE_URL', process.env.GHL_AUTH_BASE_URL || DEFAULT_AUTH_BASE_URL);
