import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Db } from '../db/db';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { RequestContext } from './http_util';
import { errorBody, sendJson, sendText } from './http_util';
import type { SubscriptionDeps } from './subscription_routes';
import { createSubscription, readSubscription, removeSubscription } from './subscription_routes';
import type { WebhookDeps } from './webhook_route';
import { handleWebhook } from './webhook_route';

export interface ServerDeps {
  db: Db;
  log: Logger;
  metrics: Metrics;
  webhook: WebhookDeps;
  subscriptions: SubscriptionDeps;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const SUBSCRIPTION_PATH = /^\/subscriptions\/([^/]+)$/;

async function ready(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 2_000);
  });
  try {
    return await Promise.race([db.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function route(ctx: RequestContext, deps: ServerDeps): Promise<void> {
  const { method, path } = ctx;
  if (path === '/webhooks/highlevel') {
    if (method === 'POST') return handleWebhook(ctx, deps.webhook);
    deps.metrics.rejected.inc({ reason: 'method_not_allowed' });
    return sendJson(ctx, 405, errorBody(405, 'use POST'), { allow: 'POST' });
  }
  if (path === '/subscriptions' && method === 'POST') return createSubscription(ctx, deps.subscriptions);
  const sub = SUBSCRIPTION_PATH.exec(path);
  if (sub) {
    const id = decodeURIComponent(sub[1] ?? '');
    if (method === 'GET') return readSubscription(ctx, deps.subscriptions, id);
    if (method === 'DELETE') return removeSubscription(ctx, deps.subscriptions, id);
    return sendJson(ctx, 405, errorBody(405, 'use GET or DELETE'), { allow: 'GET, DELETE' });
  }
  if (method === 'GET' && path === '/healthz') return sendJson(ctx, 200, { status: 'ok' });
  if (method === 'GET' && path === '/readyz') {
    return (await ready(deps.db)) ? sendJson(ctx, 200, { status: 'ready' }) : sendJson(ctx, 503, { status: 'database unreachable' });
  }
  if (method === 'GET' && path === '/metrics') {
    const text = await deps.metrics.registry.metrics();
    return sendText(ctx, 200, text, deps.metrics.registry.contentType);
  }
  sendJson(ctx, 404, errorBody(404, 'not found'));
}

export function createRelayServer(deps: ServerDeps): Server {
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
      log: deps.log.child({ requestId }),
    };
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: the query string is never logged; subscription ids are not secrets.
      const level = path === '/metrics' || path === '/healthz' || path === '/readyz' ? 'debug' : 'info';
      ctx.log[level]({ method: ctx.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    route(ctx, deps).catch((err: unknown) => {
      ctx.log.error({ err: (err as Error).message }, 'request failed');
      // The webhook route never gets here (it answers 429 itself); elsewhere a 500 is honest.
      sendJson(ctx, 500, errorBody(500, 'internal error'));
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
