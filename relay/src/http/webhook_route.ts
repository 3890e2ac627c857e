import type { SignatureKeys } from '../auth/ghl_signature';
import { checkGhlSignature } from '../auth/ghl_signature';
import { isRelayedType } from '../events/kinds';
import type { IngestBatcher } from '../ingest/ingest_batcher';
import { IngestRefused, IngestUnavailable } from '../ingest/ingest_batcher';
import { parseWebhook } from '../ingest/webhook_parse';
import type { TimestampWindow } from '../ingest/webhook_parse';
import type { Metrics, RejectReason } from '../metrics';
import type { RequestContext } from './http_util';
import { BodyTooLarge, errorBody, readBody, sendJson } from './http_util';

/**
 * POST /webhooks/highlevel. HighLevel retries only a 429 (docs/highlevel-api.md §9.4): a request that is not
 * HighLevel's (bad signature, stale, not JSON, too large) gets a 4xx; a genuine event is stored before the 200; and
 * every failure to store — database down, slow or overloaded, or anything unexpected — is a 429, never a 5xx,
 * so HighLevel sends it again.
 */
export interface WebhookDeps {
  keys: SignatureKeys;
  maxBodyBytes: number;
  timestampWindow: TimestampWindow;
  batcher: IngestBatcher;
  metrics: Metrics;
}

/** HighLevel spaces its retries about ten minutes apart whatever we say; this is for other clients. */
const RETRY_AFTER_SECONDS = '60';

export async function handleWebhook(ctx: RequestContext, deps: WebhookDeps): Promise<void> {
  const { metrics } = deps;
  const reject = (status: number, reason: RejectReason, message: string) => {
    metrics.received.inc({ outcome: 'rejected' });
    metrics.rejected.inc({ reason });
    ctx.log.info({ status, reason }, 'webhook refused');
    sendJson(ctx, status, errorBody(status, message));
  };
  try {
    let raw: Buffer;
    try {
      raw = await readBody(ctx.req, deps.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return reject(413, 'too_large', `body is larger than ${deps.maxBodyBytes} bytes`);
      }
      throw err;
    }
    const signature = checkGhlSignature(raw, ctx.req.headers, deps.keys);
    if (!signature.ok) {
      return signature.reason === 'missing'
        ? reject(401, 'signature_missing', 'X-GHL-Signature (or the legacy X-WH-Signature) is required')
        : reject(401, 'signature_invalid', 'the signature does not match the body');
    }
    const parsed = parseWebhook(raw, deps.timestampWindow);
    if (!parsed.ok) return reject(parsed.status, parsed.reason, parsed.message);
    const { event } = parsed;
    const meta = { webhookId: event.webhookId, type: event.type, locationId: event.locationId, scheme: signature.scheme };
    if (!parsed.hasTimestamp) ctx.log.warn(meta, 'signed webhook without a timestamp: accepted, dedupe only');
    if (!isRelayedType(event.type)) {
      metrics.received.inc({ outcome: 'ignored' });
      metrics.ignored.inc({ type: event.type.slice(0, 60) });
      ctx.log.info(meta, 'webhook type not relayed: acknowledged');
      return sendJson(ctx, 200, { status: 'ignored' });
    }
    let outcome;
    try {
      outcome = await deps.batcher.submit(event);
    } catch (err) {
      // The database refused this one row for what it holds (the checks above should have caught it): it can never
      // be stored, and the rest of its batch was stored without it. 4xx, so HighLevel does not resend it for 70 min.
      if (err instanceof IngestRefused) return reject(422, 'unstorable_row', `the event cannot be stored (${err.label})`);
      throw err;
    }
    if (outcome === 'stored') {
      metrics.received.inc({ outcome: 'stored' });
      metrics.stored.inc();
    } else {
      metrics.received.inc({ outcome: 'duplicate' });
      metrics.duplicates.inc();
    }
    ctx.log.info({ ...meta, outcome }, 'webhook accepted');
    sendJson(ctx, 200, { status: outcome });
  } catch (err) {
    const reason = err instanceof IngestUnavailable ? err.reason : 'unexpected';
    metrics.received.inc({ outcome: 'unavailable' });
    metrics.unavailable.inc({ reason });
    const cause = err instanceof IngestUnavailable ? (err.cause as Error | undefined) : (err as Error);
    ctx.log.warn({ reason, err: cause?.message }, 'webhook not stored: answered 429 so HighLevel retries');
    sendJson(ctx, 429, errorBody(429, 'the event could not be stored right now; retry later'), {
      'retry-after': RETRY_AFTER_SECONDS,
    });
  }
}
