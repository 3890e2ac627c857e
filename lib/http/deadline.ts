import type { Bundle } from 'zapier-platform-core';

/**
 * Time limits. Zapier stops an invocation after 30 s and shows its own "did not respond in time" message, which says
 * nothing of what happened (issue 11: an answer held 40 s was still awaited at 32 s). So every request carries a
 * timeout, and no request may run past the invocation's own budget:
 * - one request at most REQUEST_TIMEOUT_MS (10 s), the token request at most TOKEN_TIMEOUT_MS (8 s): a request that
 *   meets an expired token, the refresh and the retried request (10 + 8 + 10 s) still end before Zapier's 30 s;
 * - all requests of one invocation within INVOCATION_BUDGET_MS (27 s) from its first request, so the app's own message
 *   always reaches the user before Zapier's limit.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
export const TOKEN_TIMEOUT_MS = 8_000;
export const INVOCATION_BUDGET_MS = 27_000;
/** Below this, a request is not started: it could only time out, and an unsent write is safe to replay. */
export const MIN_REQUEST_MS = 1_000;

/** When this invocation started, as far as the app can tell: its first request or cache call (one bundle per invocation). */
const started = new WeakMap<object, number>();

export const invocationStart = (bundle: Bundle): number => {
  let at = started.get(bundle);
  if (at === undefined) {
    at = Date.now();
    started.set(bundle, at);
  }
  return at;
};

/** Milliseconds the invocation has left before its budget ends. */
export const timeLeft = (bundle: Bundle, now = Date.now()): number => invocationStart(bundle) + INVOCATION_BUDGET_MS - now;

/** The timeout for the next request: the per-request cap, or what is left of the budget. */
export const requestTimeout = (bundle: Bundle, cap = REQUEST_TIMEOUT_MS): number => Math.min(cap, timeLeft(bundle));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
