import { RELAY_SIGNATURE_TOLERANCE_SECONDS, checkRelayApiSignature } from '../auth/relay_signature';
import type { Db } from '../db/db';
import { recordNonce } from '../db/nonces_table';
import type { RequestContext } from './http_util';
import { BodyTooLarge, errorBody, readBody, sendJson } from './http_util';

/**
 * Every call to the relay's API is authenticated before anything else about it is read: the body (bounded), then
 * the signature over the request target exactly as sent, then the nonce, recorded so the same signed call cannot be
 * used twice. Only then does a route decode its path or parse its body. Answers 401 (or 413) itself and returns
 * undefined when the call is refused; returns the raw body otherwise.
 */
export interface ApiAuthDeps {
  db: Db;
  sharedSecret: string;
}

export const API_BODY_LIMIT = 64 * 1024;

export async function authenticateApiCall(ctx: RequestContext, deps: ApiAuthDeps): Promise<string | undefined> {
  let raw: string;
  try {
    raw = (await readBody(ctx.req, API_BODY_LIMIT)).toString('utf8');
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      sendJson(ctx, 413, errorBody(413, `body is larger than ${API_BODY_LIMIT} bytes`));
      return undefined;
    }
    throw err;
  }
  const auth = checkRelayApiSignature(deps.sharedSecret, ctx.req.headers, ctx.method, ctx.target, raw);
  if (!auth.ok) {
    ctx.log.info({ reason: auth.message }, 'relay API call refused');
    sendJson(ctx, 401, errorBody(401, auth.message));
    return undefined;
  }
  // Kept while the timestamp could still pass the window (both sides of it), then purged.
  const expiresAt = new Date((auth.timestampSeconds + RELAY_SIGNATURE_TOLERANCE_SECONDS + 60) * 1000);
  if (!(await recordNonce(deps.db, auth.nonce, expiresAt))) {
    ctx.log.warn('relay API call refused: its nonce was used before (a replayed request)');
    sendJson(ctx, 401, errorBody(401, 'this signed request was already used (X-Relay-Nonce repeated)'));
    return undefined;
  }
  return raw;
}
