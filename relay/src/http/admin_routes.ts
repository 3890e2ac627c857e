import type { Db } from '../db/db';
import { dropDeadLetter, listDeadLetters, retryDeadLetter } from '../db/events_table';
import type { Fanout } from '../queue/fanout';
import { authenticateApiCall } from './api_auth';
import type { RequestContext } from './http_util';
import { errorBody, sendJson } from './http_util';
import { pathId } from './subscription_routes';

/**
 * The operator's side: events set aside because their fan-out kept failing (dead-lettered). Signed like the
 * subscription API (shared secret, timestamp, nonce); `npm run admin -w relay -- dead-letters ...` makes the calls.
 * Lists show ids, type, location and the reason, never the body (contact data).
 */
export interface AdminDeps {
  db: Db;
  sharedSecret: string;
  fanout: Pick<Fanout, 'wake'>;
}

export async function listDeadLettersRoute(ctx: RequestContext, deps: AdminDeps): Promise<void> {
  if ((await authenticateApiCall(ctx, deps)) === undefined) return;
  const rows = await listDeadLetters(deps.db, 1_000);
  sendJson(ctx, 200, {
    deadLetters: rows.map((r) => ({
      id: r.id,
      webhookId: r.webhook_id,
      type: r.type,
      locationId: r.location_id,
      receivedAt: r.received_at.toISOString(),
      attempts: r.fanout_attempts,
      reason: r.fanout_error,
      deadLetteredAt: r.dead_lettered_at.toISOString(),
    })),
  });
}

export async function retryDeadLetterRoute(ctx: RequestContext, deps: AdminDeps, segment: string): Promise<void> {
  if ((await authenticateApiCall(ctx, deps)) === undefined) return;
  const id = pathId(segment);
  if (!id || !(await retryDeadLetter(deps.db, id))) return sendJson(ctx, 404, errorBody(404, 'no such dead-lettered event'));
  ctx.log.info({ eventId: id }, 'dead-lettered event put back for fan-out');
  deps.fanout.wake();
  sendJson(ctx, 200, { id, status: 'requeued' });
}

export async function dropDeadLetterRoute(ctx: RequestContext, deps: AdminDeps, segment: string): Promise<void> {
  if ((await authenticateApiCall(ctx, deps)) === undefined) return;
  const id = pathId(segment);
  if (!id || !(await dropDeadLetter(deps.db, id))) return sendJson(ctx, 404, errorBody(404, 'no such dead-lettered event'));
  ctx.log.info({ eventId: id }, 'dead-lettered event dropped');
  sendJson(ctx, 204, undefined);
}
