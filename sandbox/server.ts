import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenStore } from './auth';
import type { Faults } from './faults';
import type { RouteResult } from './http';
import { HttpError, isRecord } from './http';
import type { RateLimiter } from './rate_limit';
import type { AuthedContext, BaseContext, Router, SandboxConfig } from './router';
import { isPublic } from './router';
import type { SandboxState } from './state';
import type { RequestLogEntry } from './types';

export interface ServerDeps {
  router: Router;
  state: SandboxState;
  tokens: TokenStore;
  faults: Faults;
  rateLimiter: RateLimiter;
  config: SandboxConfig;
  requests: RequestLogEntry[];
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** §2 / §5.4: token-type 401s. Expired tokens answer "Invalid JWT"; unknown ones the spec's example text. */
const INVALID_JWT = { statusCode: 401, message: 'Invalid JWT' };
const INVALID_TOKEN = { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' };
/** §2 / §11.12: missing scope. Refreshing does not fix it. */
const SCOPE_ERROR = { statusCode: 401, message: 'The token is not authorized for this scope.' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, { statusCode: 413, message: 'request entity too large' }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parseBody(raw: string, contentType: string): Parsed {
  if (raw === '') return { ok: true, value: undefined };
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  if (contentType.includes('json')) {
    try {
      return { ok: true, value: JSON.parse(raw) as unknown };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'Invalid JSON' };
    }
  }
  return { ok: true, value: raw };
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      console.error('[sandbox] unhandled error', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, message: 'Internal server error' }));
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = url.pathname;
  const headers = flattenHeaders(req);
  const entry: RequestLogEntry = {
    at: Date.now(),
    method,
    path,
    query: parseQuery(url.searchParams),
    headers: { ...headers, ...(headers.authorization ? { authorization: 'Bearer [redacted]' } : {}) },
    ...(headers.version !== undefined ? { version: headers.version } : {}),
    body: undefined,
    status: 0,
    durationMs: 0,
    responseBody: undefined,
    faults: [],
  };
  deps.requests.push(entry);
  const finish = (status: number, responseBody: unknown): void => {
    entry.status = status;
    entry.responseBody = responseBody;
    entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
  };

  let raw: string;
  try {
    raw = await readBody(req);
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 400;
    const body = err instanceof HttpError ? err.body : { statusCode: 400, message: 'Bad request body' };
    finish(status, body);
    if (!res.destroyed) {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    }
    return;
  }
  const parsed = parseBody(raw, headers['content-type'] ?? '');
  entry.body = parsed.ok ? parsed.value : raw;

  const hit = deps.faults.take(method, path);
  entry.faults = hit.names;
  if (hit.latencyMs > 0) await sleep(hit.latencyMs);
  if (hit.outcome?.kind === 'dropConnection') {
    finish(0, undefined);
    req.socket.destroy();
    return;
  }

  let result: RouteResult & { status: number };
  let rateHeaders = deps.rateLimiter.idleHeaders();
  try {
    const outcome = hit.outcome;
    if (outcome?.kind === 'serverError') {
      throw new HttpError(outcome.value, {
        statusCode: outcome.value,
        message: outcome.value === 503 ? 'Service Unavailable' : outcome.value === 502 ? 'Bad Gateway' : 'Internal server error',
      });
    }
    if (outcome?.kind === 'tooManyRequests') {
      rateHeaders = deps.rateLimiter.exhaustedHeaders(outcome.value);
      throw new HttpError(429, { statusCode: 429, message: 'Too Many Requests', error: 'Too Many Requests' });
    }
    if (outcome?.kind === 'revokedToken') throw new HttpError(401, INVALID_JWT, { trace: false });

    const match = deps.router.match(method, path);
    if (!match) {
      throw new HttpError(404, { statusCode: 404, message: `Cannot ${method} ${path}`, error: 'Not Found' });
    }
    const base: BaseContext = {
      method,
      path,
      params: match.params,
      query: entry.query,
      headers,
      body: parsed.ok ? parsed.value : undefined,
      rawBody: raw,
      state: deps.state,
      tokens: deps.tokens,
      config: deps.config,
    };
    const route = match.route;
    if (isPublic(route)) {
      result = { status: 200, ...(await route.handler(base)) };
    } else {
      const check = deps.tokens.check(headers.authorization);
      if (!check.ok) throw new HttpError(401, check.reason === 'expired' ? INVALID_JWT : INVALID_TOKEN, { trace: false });
      const decision = deps.rateLimiter.hit(check.token.locationId);
      rateHeaders = decision.headers;
      if (!decision.allowed) {
        throw new HttpError(429, { statusCode: 429, message: 'Too Many Requests', error: 'Too Many Requests' });
      }
      // §1: the Version header is required on every resource call and its value depends on the endpoint group.
      // HighLevel's exact wording is not documented; these messages are our choice.
      const version = headers.version;
      if (version === undefined || version === '') {
        throw new HttpError(400, { statusCode: 400, message: 'version header was not found', error: 'Bad Request' });
      }
      if (version !== route.version) {
        throw new HttpError(400, {
          statusCode: 400,
          message: `version header "${version}" is not supported for this route; expected "${route.version}"`,
          error: 'Bad Request',
        });
      }
      if (!check.token.scopes.includes(route.scope)) throw new HttpError(401, SCOPE_ERROR, { trace: false });
      if (!parsed.ok) {
        throw new HttpError(400, { statusCode: 400, message: parsed.error, error: 'Bad Request' });
      }
      const ctx: AuthedContext = { ...base, token: check.token };
      result = { status: 200, ...(await route.handler(ctx)) };
    }
  } catch (err) {
    if (err instanceof HttpError) {
      result = { status: err.status, body: err.body, trace: err.options.trace, headers: err.options.headers };
    } else {
      console.error('[sandbox] route error', err);
      result = { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
    }
  }

  let body = result.body;
  if ((result.trace ?? true) && isRecord(body)) body = { ...body, traceId: randomUUID() };
  const outHeaders: Record<string, string> = { ...rateHeaders, ...(result.headers ?? {}) };
  if (body === undefined) {
    finish(result.status, undefined);
    res.writeHead(result.status, outHeaders);
    res.end();
    return;
  }
  let text = JSON.stringify(body);
  let logged: unknown = body;
  if (hit.outcome?.kind === 'malformedJson') {
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    logged = text;
  }
  outHeaders['content-type'] = 'application/json; charset=utf-8';
  finish(result.status, logged);
  res.writeHead(result.status, outHeaders);
  res.end(text);
}
