import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/db';
import { deliveryCountsOf } from '../db/deliveries_table';
import type { SubscriptionRow } from '../db/subscriptions_table';
import { deleteSubscription, getSubscription, insertSubscription } from '../db/subscriptions_table';
import { EVENT_KINDS, filterProblems, filtersSchema } from '../events/kinds';
import { confirmLocationToken } from '../ghl/location_check';
import { isLoopbackHost } from '../settings';
import { authenticateApiCall } from './api_auth';
import type { RequestContext } from './http_util';
import { errorBody, sendJson } from './http_util';

/** The Zapier app's side: performSubscribe / performUnsubscribe, every call signed with the shared secret. */
export interface SubscriptionDeps {
  db: Db;
  sharedSecret: string;
  allowedTargetHosts: string[];
  allowLoopbackTargets: boolean;
  ghlApiBaseUrl: string;
  ghlApiTimeoutMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const createSchema = z
  .object({
    locationId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a HighLevel location id' }),
    event: z.enum(EVENT_KINDS, { message: `must be one of ${EVENT_KINDS.join(', ')}` }),
    filters: filtersSchema.optional(),
    targetUrl: z.string().trim().max(2_048),
  })
  .strict();

/** https on an allowed host (Zapier's hook host by default), or loopback when allowed (development and tests). */
export function targetUrlProblem(value: string, allowedHosts: string[], allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'targetUrl is not a URL';
  }
  if (url.username || url.password) return 'targetUrl must not carry credentials';
  const host = url.hostname.toLowerCase();
  if (allowLoopback && isLoopbackHost(host) && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return undefined;
  }
  if (url.protocol !== 'https:') return 'targetUrl must be https';
  if (url.port !== '' && url.port !== '443') return 'targetUrl must use the default https port';
  if (!allowedHosts.includes(host)) return `targetUrl host must be one of: ${allowedHosts.join(', ')}`;
  return undefined;
}

export function subscriptionJson(row: SubscriptionRow): Record<string, unknown> {
  return {
    id: row.id,
    locationId: row.location_id,
    event: row.event,
    filters: row.filters,
    targetUrl: row.target_url,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * A subscription id from the path, decoded only after the call is authenticated (a malformed escape such as
 * `%E0%A4%A` is then a 404, never a 500, and an unsigned caller learns nothing from the path's handling).
 */
export function pathId(segment: string): string | undefined {
  try {
    const id = decodeURIComponent(segment);
    return UUID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

const authenticated = (ctx: RequestContext, deps: SubscriptionDeps) => authenticateApiCall(ctx, deps);

export async function createSubscription(ctx: RequestContext, deps: SubscriptionDeps): Promise<void> {
  const raw = await authenticated(ctx, deps);
  if (raw === undefined) return;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return sendJson(ctx, 400, errorBody(400, 'body is not JSON'));
  }
  const parsed = createSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    return sendJson(ctx, 422, errorBody(422, 'the subscription is not valid', details));
  }
  const { locationId, event, targetUrl } = parsed.data;
  const filters = parsed.data.filters ?? {};
  const problems = filterProblems(event, filters);
  const urlProblem = targetUrlProblem(targetUrl, deps.allowedTargetHosts, deps.allowLoopbackTargets);
  if (urlProblem) problems.push(urlProblem);
  if (problems.length > 0) return sendJson(ctx, 422, errorBody(422, 'the subscription is not valid', problems));

  const authorization = ctx.req.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!token) {
    return sendJson(ctx, 401, errorBody(401, "Authorization: Bearer <the connection's HighLevel access token> is required"));
  }
  const check = await confirmLocationToken(deps.ghlApiBaseUrl, locationId, token, deps.ghlApiTimeoutMs);
  if (!check.ok && check.retryAfterSeconds !== undefined) {
    // Not the connection's fault: 429 with HighLevel's wait, so the app says "try again" rather than "reconnect".
    ctx.log.info({ locationId }, 'subscription deferred: HighLevel was busy confirming the token');
    ctx.res.setHeader('retry-after', String(check.retryAfterSeconds));
    return sendJson(ctx, 429, errorBody(429, check.message));
  }
  if (!check.ok) {
    ctx.log.info({ locationId }, 'subscription refused: HighLevel did not confirm the token for the location');
    return sendJson(ctx, 403, errorBody(403, check.message));
  }
  const { row, created } = await deps.db.transaction((tx) =>
    insertSubscription(tx, { id: randomUUID(), locationId, companyId: check.companyId, event, filters, targetUrl }),
  );
  ctx.log.info({ subscriptionId: row.id, locationId, event, created }, created ? 'subscribed' : 'subscribe repeated');
  // A repeated subscribe (same location, event, filters and target) gets the existing subscription back.
  sendJson(ctx, created ? 201 : 200, subscriptionJson(row));
}

export async function readSubscription(ctx: RequestContext, deps: SubscriptionDeps, segment: string): Promise<void> {
  if ((await authenticated(ctx, deps)) === undefined) return;
  const id = pathId(segment);
  const row = id ? await getSubscription(deps.db, id) : undefined;
  if (!row) return sendJson(ctx, 404, errorBody(404, 'no such subscription'));
  const deliveries = await deliveryCountsOf(deps.db, row.id);
  sendJson(ctx, 200, {
    ...subscriptionJson(row),
    status: row.status,
    consecutiveFailures: row.consecutive_failures,
    failingSince: row.failing_since?.toISOString() ?? null,
    lastFailure: row.last_failure,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    disabledReason: row.disabled_reason,
    pausedUntil: row.paused_until?.toISOString() ?? null,
    pauseReason: row.paused_until ? row.pause_reason : null,
    deliveries,
  });
}

export async function removeSubscription(ctx: RequestContext, deps: SubscriptionDeps, segment: string): Promise<void> {
  if ((await authenticated(ctx, deps)) === undefined) return;
  const id = pathId(segment);
  const existed = id ? await deleteSubscription(deps.db, id) : false;
  if (!existed) return sendJson(ctx, 404, errorBody(404, 'no such subscription'));
  ctx.log.info({ subscriptionId: id }, 'unsubscribed');
  sendJson(ctx, 204, undefined);
}
