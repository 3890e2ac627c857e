import type { RouteResult } from '../http';
import { HttpError } from '../http';
import type { AuthedContext, BaseContext } from '../router';
import { isPublic } from '../router';
import type { Exchange, ServerDeps, Stage } from './exchange';
import { resourceRoute } from './exchange';
import { parseBody, readBody } from './request';
import { ACCEPTED_VERSIONS } from '../types';

/**
 * The request pipeline's stages after the log entry is opened, in the order they run (see `server.ts`). A stage
 * answers by throwing an HttpError; public (OAuth) routes skip the token, rate-limit, Version and scope stages.
 */

/**
 * docs/highlevel-api.md §2 / §5.4: token-type 401s. Expired tokens answer "Invalid JWT"; unknown ones the spec's
 * example text.
 */
const INVALID_JWT = { statusCode: 401, message: 'Invalid JWT' };
const INVALID_TOKEN = { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' };
/** docs/highlevel-api.md §2 / §11.12: missing scope. Refreshing does not fix it. */
const SCOPE_ERROR = { statusCode: 401, message: 'The token is not authorized for this scope.' };
const TOO_MANY = { statusCode: 429, message: 'Too Many Requests', error: 'Too Many Requests' };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function serverErrorMessage(status: number): string {
  if (status === 503) return 'Service Unavailable';
  if (status === 502) return 'Bad Gateway';
  return 'Internal server error';
}

/** Log (second half): the body is read and recorded. An unreadable body answers without rate-limit headers. */
export const logBody: Stage = async (deps, ex) => {
  try {
    ex.rawBody = await readBody(ex.req);
  } catch (err) {
    if (err instanceof HttpError) throw new HttpError(err.status, err.body, { trace: false });
    throw new HttpError(400, { statusCode: 400, message: 'Bad request body' }, { trace: false });
  }
  ex.body = parseBody(ex.rawBody, ex.headers['content-type'] ?? '');
  ex.entry.body = ex.body.ok ? ex.body.value : ex.rawBody;
  ex.rateHeaders = deps.rateLimiter.idleHeaders();
  return undefined;
};

/** Faults: armed latency waits first; then at most one outcome (drop, 5xx, 429, revoked token) replaces the answer. */
export const applyFaults: Stage = async (deps, ex) => {
  ex.fault = deps.faults.take(ex.method, ex.path);
  ex.entry.faults = ex.fault.names;
  if (ex.fault.latencyMs > 0) await sleep(ex.fault.latencyMs);
  const outcome = ex.fault.outcome;
  switch (outcome?.kind) {
    case 'dropConnection':
      return 'drop';
    case 'serverError':
      throw new HttpError(outcome.value, { statusCode: outcome.value, message: serverErrorMessage(outcome.value) });
    case 'tooManyRequests':
      ex.rateHeaders = deps.rateLimiter.exhaustedHeaders(outcome.value);
      throw new HttpError(429, TOO_MANY);
    case 'revokedToken':
      throw new HttpError(401, INVALID_JWT, { trace: false });
    default:
      return undefined; // latency only, malformedJson (applied to the answer), or no fault
  }
};

/** Route: no match for method + path answers NestJS's 404. */
export const findRoute: Stage = (deps, ex) => {
  ex.match = deps.router.match(ex.method, ex.path);
  if (!ex.match) {
    throw new HttpError(404, { statusCode: 404, message: `Cannot ${ex.method} ${ex.path}`, error: 'Not Found' });
  }
  return undefined;
};

/** Token: a resource route needs a known, unexpired Bearer token. */
export const checkToken: Stage = (deps, ex) => {
  if (!resourceRoute(ex)) return undefined;
  const check = deps.tokens.check(ex.headers.authorization);
  if (!check.ok) throw new HttpError(401, check.reason === 'expired' ? INVALID_JWT : INVALID_TOKEN, { trace: false });
  ex.token = check.token;
  return undefined;
};

/** Rate limit: counted per location of the token (docs/highlevel-api.md §3). */
export const checkRateLimit: Stage = (deps, ex) => {
  if (!ex.token) return undefined;
  const decision = deps.rateLimiter.hit(ex.token.locationId);
  ex.rateHeaders = decision.headers;
  if (!decision.allowed) throw new HttpError(429, TOO_MANY);
  return undefined;
};

/**
 * Version: docs/highlevel-api.md §1, required on every resource call. The specs give one value per endpoint group,
 * but the official SDK sends one value on every call (its default `2023-02-21`, or the one configured), so every
 * route takes each of `ACCEPTED_VERSIONS` (§14.13); unknown values answer 400. HighLevel's exact wording is not
 * documented; these messages are our choice. The app's own per-group values are checked against the specs by the
 * contract suite (test/contract), not here.
 */
export const checkVersion: Stage = (_deps, ex) => {
  const route = resourceRoute(ex);
  if (!route) return undefined;
  const version = ex.headers.version;
  if (version === undefined || version === '') {
    throw new HttpError(400, { statusCode: 400, message: 'version header was not found', error: 'Bad Request' });
  }
  if (!ACCEPTED_VERSIONS.includes(version)) {
    throw new HttpError(400, {
      statusCode: 400,
      message: `version header "${version}" is not supported for this route; expected "${route.version}"`,
      error: 'Bad Request',
    });
  }
  return undefined;
};

/** Scope: the token's grant must include the route's scope (docs/highlevel-api.md §5.7). */
export const checkScope: Stage = (_deps, ex) => {
  const route = resourceRoute(ex);
  if (route && ex.token && !ex.token.scopes.includes(route.scope)) throw new HttpError(401, SCOPE_ERROR, { trace: false });
  return undefined;
};

function baseContext(deps: ServerDeps, ex: Exchange, params: Record<string, string>): BaseContext {
  return {
    method: ex.method,
    path: ex.path,
    params,
    query: ex.entry.query,
    headers: ex.headers,
    body: ex.body.ok ? ex.body.value : undefined,
    rawBody: ex.rawBody,
    state: deps.state,
    tokens: deps.tokens,
    config: deps.config,
    emit: (event) => {
      if (deps.webhooks) ex.events.push(deps.webhooks.build(event));
    },
  };
}

async function callHandler(ex: Exchange, base: BaseContext): Promise<RouteResult> {
  if (!ex.match) throw new Error('the route stage did not run');
  const route = ex.match.route;
  if (isPublic(route)) return route.handler(base);
  if (!ex.token) throw new Error('the token stage did not run');
  if (!ex.body.ok) throw new HttpError(400, { statusCode: 400, message: ex.body.error, error: 'Bad Request' });
  const ctx: AuthedContext = { ...base, token: ex.token };
  return route.handler(ctx);
}

/**
 * Handler: a resource route's JSON body must have parsed; the route's result is the answer (200 unless it says).
 * Webhook events it reported go out only when it succeeded, asynchronously, after the answer is decided.
 */
export const runHandler: Stage = async (deps, ex) => {
  const result = await callHandler(ex, baseContext(deps, ex, ex.match?.params ?? {}));
  deps.webhooks?.send(ex.events);
  return { status: 200, ...result };
};
