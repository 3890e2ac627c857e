import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Db } from '../db/db';
import { isUnavailableError } from '../db/db_errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { AdminDeps } from './admin_routes';
import { dropDeadLetterRoute, listDeadLettersRoute, retryDeadLetterRoute } from './admin_routes';
import type { RequestContext } from './http_util';
import { errorBody, sendJson, sendText } from './http_util';
import type { SubscriptionDeps } from './subscription_routes';
import { createSubscription, readSubscription, removeSubscription } from './subscription_routes';
import type { WebhookDeps } from './webhook_route';
import { handleWebhook } from './webhook_route';

/** What the routes need to know of the relay's state: can it store now (schema in place, not stopping)? */
export interface RelayState {
  /** The database answered and the migrations are applied. */
  migrated(): boolean;
  stopping(): boolean;
}

export interface ServerDeps {
  db: Db;
  log: Logger;
  metrics: Metrics;
  state: RelayState;
  webhook: WebhookDeps;
  subscriptions: SubscriptionDeps;
  admin: AdminDeps;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
// The path's segments are matched raw here and decoded by the route only after the call is authenticated.
const SUBSCRIPTION_PATH = /^\/subscriptions\/([^/]+)$/;
const DEAD_LETTER_PATH = /^\/admin\/dead-letters\/([^/]+)$/;
const DEAD_LETTER_RETRY_PATH = /^\/admin\/dead-letters\/([^/]+)\/retry$/;
/** The relay API answers 503 with this while its database is away (the Zapier app says "try again"). */
const API_RETRY_AFTER_SECONDS = '10';

async function ready(deps: Pick<ServerDeps, 'db' | 'state'>): Promise<boolean> {
  if (!deps.state.migrated() || deps.state.stopping()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 2_000);
  });
  try {
    return await Promise.race([deps.db.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function health(ctx: RequestContext, deps: Pick<ServerDeps, 'db' | 'state'>): Promise<boolean> {
  if (ctx.method !== 'GET') return false;
  if (ctx.path === '/healthz') {
    sendJson(ctx, 200, { status: 'ok' });
    return true;
  }
  if (ctx.path === '/readyz') {
    if (await ready(deps)) sendJson(ctx, 200, { status: 'ready' });
    else sendJson(ctx, 503, { status: deps.state.stopping() ? 'stopping' : 'database unreachable' });
    return true;
  }
  return false;
}

function unavailable(ctx: RequestContext): void {
  sendJson(ctx, 503, errorBody(503, 'the relay cannot reach its database right now; try again shortly'), { 'retry-after': API_RETRY_AFTER_SECONDS });
}

async function route(ctx: RequestContext, deps: ServerDeps): Promise<void> {
  const { method, path } = ctx;
  if (path === '/webhooks/highlevel') {
    // Answers 429 itself whenever it cannot store (starting, database away, stopping), never 5xx.
    if (method === 'POST') return handleWebhook(ctx, deps.webhook);
    deps.metrics.rejected.inc({ reason: 'method_not_allowed' });
    return sendJson(ctx, 405, errorBody(405, 'use POST'), { allow: 'POST' });
  }
  if (await health(ctx, deps)) return;
  const api = path === '/subscriptions' || path.startsWith('/subscriptions/') || path.startsWith('/admin/');
  if (api && !deps.state.migrated()) return unavailable(ctx);
  if (path === '/subscriptions' && method === 'POST') return createSubscription(ctx, deps.subscriptions);
  const sub = SUBSCRIPTION_PATH.exec(path);
  if (sub) {
    const segment = sub[1] ?? '';
    if (method === 'GET') return readSubscription(ctx, deps.subscriptions, segment);
    if (method === 'DELETE') return removeSubscription(ctx, deps.subscriptions, segment);
    return sendJson(ctx, 405, errorBody(405, 'use GET or DELETE'), { allow: 'GET, DELETE' });
  }
  if (path === '/admin/dead-letters' && method === 'GET') return listDeadLettersRoute(ctx, deps.admin);
  const retry = DEAD_LETTER_RETRY_PATH.exec(path);
  if (retry && method === 'POST') return retryDeadLetterRoute(ctx, deps.admin, retry[1] ?? '');
  const dead = DEAD_LETTER_PATH.exec(path);
  if (dead && method === 'DELETE') return dropDeadLetterRoute(ctx, deps.admin, dead[1] ?? '');
  // /metrics is not served here: only on RELAY_METRICS_PORT (createMetricsServer).
  sendJson(ctx, 404, errorBody(404, 'not found'));
}

type Router = (ctx: RequestContext) => Promise<void>;

function serve(log: Logger, router: Router, quiet: (path: string) => boolean): Server {
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const target = req.url ?? '/';
    const path = target.split('?')[0] ?? '/';
    const ctx: RequestContext = {
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      target,
      requestId,
      log: log.child({ requestId }),
    };
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: the query string is never logged; subscription ids are not secrets.
      ctx.log[quiet(path) ? 'debug' : 'info'](
        { method: ctx.method, path: path.slice(0, 200), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    router(ctx).catch((err: unknown) => {
      ctx.log.error({ err: (err as Error).message }, 'request failed');
      // The webhook route never gets here (it answers 429 itself). The database away: 503, try again; else 500.
      if (isUnavailableError(err)) unavailable(ctx);
      else sendJson(ctx, 500, errorBody(500, 'internal error'));
    });
  });
  server.keepAliveTimeout = 65_000;
  // A malformed request (bad header, a socket reset mid-request) ends that connection, nothing else.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

export function createRelayServer(deps: ServerDeps): Server {
  return serve(
    deps.log,
    (ctx) => route(ctx, deps),
    (path) => path === '/healthz' || path === '/readyz',
  );
}

/**
 * Prometheus metrics on a listener of their own (RELAY_METRICS_PORT, loopback by default), never the public one:
 * scrapes cost nothing on the webhook path, and the queue's shape is not published to the internet. Also answers
 * /healthz and /readyz, for probes that live on the same network.
 */
export function createMetricsServer(deps: Pick<ServerDeps, 'db' | 'log' | 'metrics' | 'state'>): Server {
  return serve(
    deps.log,
    async (ctx) => {
      if (await health(ctx, deps)) return;
      if (ctx.method === 'GET' && ctx.path === '/metrics') {
        const text = await deps.metrics.registry.metrics();
        return sendText(ctx, 200, text, deps.metrics.registry.contentType);
      }
      sendJson(ctx, 404, errorBody(404, 'not found'));
    },
    () => true,
  );
}
