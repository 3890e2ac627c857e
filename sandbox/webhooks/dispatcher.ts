import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from './events';
import type { WebhookSigner } from './signer';
import type { WebhookAttempt, WebhookLogEntry } from './types';

/**
 * Delivers events the way HighLevel does (docs/highlevel-api.md §9.4; marketplace "Webhook Integration Guide",
 * "Error Handling and Retries"): one POST per event, started asynchronously (never delaying the API answer that
 * caused it), each event on its own (no ordering between events); only a 429 is retried, up to `maxRetries` more
 * times with a delay plus jitter; any other status, a timeout or no answer drops the event for good. A retry
 * resends the identical signed body: same `webhookId`, same `timestamp`.
 */

export interface DeliverySettings {
  url: string;
  retryDelayMs: number;
  retryJitterMs: number;
  maxRetries: number;
  timeoutMs: number;
  events: ReadonlySet<WebhookEventType>;
  onSettled?: (entry: WebhookLogEntry) => void;
}

type Result = { status: number } | { status: 0; error: string };

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * Why fetch got no answer: `timeout`, or the socket error code (ECONNREFUSED, ECONNRESET, ...). Duck-typed, since
 * fetch's errors may come from another realm (DOMException under a test runner).
 */
function describe(err: unknown): string {
  if (field(err, 'name') === 'TimeoutError') return 'timeout';
  const cause = field(err, 'cause');
  const why = field(cause, 'code') ?? field(err, 'code') ?? field(cause, 'message') ?? field(err, 'message');
  return typeof why === 'string' ? why : 'no answer';
}

export class WebhookDispatcher {
  readonly log: WebhookLogEntry[] = [];
  private readonly pending = new Set<WebhookLogEntry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopping = new AbortController();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly settings: DeliverySettings,
    private readonly signer: WebhookSigner,
    private readonly now: () => Date,
  ) {}

  /** Signs and queues one event body; `timestamp` and `webhookId` lead the body (WebhookAuthentication.md example). */
  publish(payload: Record<string, unknown> & { type: WebhookEventType }): WebhookLogEntry | undefined {
    if (this.stopping.signal.aborted || !this.settings.events.has(payload.type)) return undefined;
    const webhookId = randomUUID();
    const body = { timestamp: this.now().toISOString(), webhookId, ...payload };
    const rawBody = JSON.stringify(body);
    const entry: WebhookLogEntry = {
      webhookId,
      type: payload.type,
      payload: body,
      rawBody,
      signature: this.signer.sign(rawBody),
      attempts: [],
      outcome: 'pending',
    };
    this.log.push(entry);
    this.pending.add(entry);
    this.schedule(entry, 0);
    return entry;
  }

  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Cancels retries and in-flight attempts; whatever is pending is dropped. */
  stop(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const entry of [...this.pending]) this.settle(entry, 'dropped', 'sandbox stopped');
  }

  private schedule(entry: WebhookLogEntry, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(entry);
    }, delayMs);
    this.timers.add(timer);
  }

  private retryDelay(): number {
    return this.settings.retryDelayMs + Math.floor(Math.random() * (this.settings.retryJitterMs + 1));
  }

  private async attempt(entry: WebhookLogEntry): Promise<void> {
    const attempt: WebhookAttempt = { at: Date.now(), status: 0 };
    entry.attempts.push(attempt);
    const result = await this.post(entry);
    if (entry.outcome !== 'pending') return; // stopped meanwhile
    attempt.status = result.status;
    if ('error' in result) attempt.error = result.error;
    if (result.status >= 200 && result.status < 300) return this.settle(entry, 'delivered');
    if (result.status !== 429) {
      return this.settle(entry, 'dropped', 'error' in result ? `no answer (${result.error})` : `answered ${result.status}`);
    }
    if (entry.attempts.length > this.settings.maxRetries) {
      return this.settle(entry, 'dropped', `answered 429 on all ${entry.attempts.length} attempts`);
    }
    this.schedule(entry, this.retryDelay());
  }

  private async post(entry: WebhookLogEntry): Promise<Result> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.settings.timeoutMs)]);
    try {
      const res = await fetch(this.settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ghl-signature': entry.signature },
        body: entry.rawBody,
        redirect: 'manual',
        signal,
      });
      await res.arrayBuffer().catch(() => undefined); // the body is not read; drain it so the socket is reused
      return { status: res.status };
    } catch (err) {
      return { status: 0, error: describe(err) };
    }
  }

  private settle(entry: WebhookLogEntry, outcome: 'delivered' | 'dropped', reason?: string): void {
    entry.outcome = outcome;
    if (reason !== undefined) entry.reason = reason;
    this.pending.delete(entry);
    this.settings.onSettled?.(entry);
    if (this.pending.size === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
