import { signRelayRequest } from '../auth/relay_signature';
import type { Db } from '../db/db';
import type { ClaimedDelivery } from '../db/deliveries_table';
import { claimDeliveries, killPendingOf, markDead, markDelivered, renewLeases, reschedule } from '../db/deliveries_table';
import { clearFailures, deleteSubscription, disableAfterDeath, recordFailure } from '../db/subscriptions_table';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { Waiter } from '../wait';

/**
 * Sends due deliveries to their targets, up to `concurrency` at a time. A 2xx is a success (recorded in small
 * batches), 410 Gone removes the subscription (Zapier's answer once a Zap is off), anything else — another status,
 * a timeout, a refused connection, a redirect (never followed: it could lead off the allowed hosts) — is retried
 * with exponential backoff and jitter until the retry period since the delivery was created runs out.
 */
export interface DelivererOptions {
  concurrency: number;
  timeoutMs: number;
  leaseMs: number;
  pollIntervalMs: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  retryPeriodSeconds: number;
  shutdownTimeoutMs: number;
  sharedSecret: string;
}

const CLAIM_BATCH = 100;
const FLUSH_MS = 25;

/** Attempt n (1-based) waits base·2^(n-1), capped, then "equal jitter": a random point in its upper half. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** The JSON sent to the target. `payload` is spliced in as the stored text, so it is HighLevel's body byte for byte. */
export function deliveryBody(d: ClaimedDelivery): string {
  const head = JSON.stringify({
    id: d.id,
    event: d.event,
    locationId: d.location_id,
    webhookId: d.webhook_id,
    receivedAt: d.received_at.toISOString(),
  });
  const tags = d.tags ? `,"tags":${JSON.stringify({ added: d.tags.added, removed: d.tags.removed })}` : '';
  return `${head.slice(0, -1)},"payload":${d.body.trim()}${tags}}`;
}

type Outcome = { kind: 'ok'; status: number } | { kind: 'gone' } | { kind: 'failed'; status: number | null; error: string };

export class Deliverer {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waiter = new Waiter();
  private readonly inFlight = new Set<Promise<void>>();
  private slotFreed: (() => void) | undefined;
  private successes: { id: string; status: number; subscriptionId: string; failing: boolean }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  /** Subscriptions this instance saw fail since their last reset: their next success must reset the streak. */
  private readonly failingHere = new Set<string>();
  /**
   * Deliveries this instance holds (claimed, not yet recorded), by id, with the attempt number of the claim. Their
   * leases are renewed every third of a lease, so a slow target, a slow database or a starved process does not let
   * the lease run out under a delivery still in progress (which would have another instance send it again); only
   * a process that is gone stops renewing.
   */
  private readonly held = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;
  private renewing = false;

  constructor(
    private readonly db: Db,
    private readonly options: DelivererOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  wake(): void {
    this.waiter.wake();
  }

  /** Free slots for deliveries handed over by the local fan-out (see Handoff in fanout.ts). */
  capacity(): number {
    return this.running ? Math.max(0, this.options.concurrency - this.inFlight.size) : 0;
  }

  /** Sends deliveries this instance already holds the lease of (inserted claimed by the fan-out). */
  dispatch(deliveries: ClaimedDelivery[]): void {
    // Stopped meanwhile: leave them; their lease runs out and they are claimed again.
    if (!this.running) return;
    for (const delivery of deliveries) this.track(this.deliver(delivery));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.heartbeat = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.heartbeat.unref();
    this.loop = this.run();
  }

  /** Stops claiming, lets in-flight deliveries finish (up to the shutdown timeout), records their results. */
  async stop(): Promise<void> {
    this.running = false;
    this.waiter.wake();
    this.slotFreed?.();
    await this.loop;
    const drained = Promise.all([...this.inFlight]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.shutdownTimeoutMs);
    });
    if ((await Promise.race([drained.then(() => 'done' as const), late])) === 'late') {
      // Past the shutdown budget: abandon them; their leases run out and another instance resends them.
      this.abort.abort();
      this.log.warn({ inFlight: this.inFlight.size }, 'shutdown timeout: in-flight deliveries abandoned');
    }
    clearTimeout(timer);
    await this.flush();
    // Anything still held was abandoned: its lease runs out and another instance (or this one, restarted) sends it.
    clearInterval(this.heartbeat);
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      const rows = [...this.held].map(([id, attempts]) => ({ id, attempts }));
      await renewLeases(this.db, rows, this.options.leaseMs);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'renewing delivery leases failed; will retry');
    } finally {
      this.renewing = false;
    }
  }

  private async run(): Promise<void> {
    // True while the last claim came back full: more is due, so a freed slot is worth a claim right away.
    // Otherwise freed slots wait for a wake-up (the fan-out left work in the table) or the poll interval.
    let backlog = false;
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        if (!backlog && this.running) await this.waiter.wait(this.options.pollIntervalMs);
        continue;
      }
      const wanted = Math.min(free, CLAIM_BATCH);
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claimDeliveries(this.db, wanted, this.options.leaseMs);
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'claiming deliveries failed; will retry');
      }
      for (const delivery of claimed) this.track(this.deliver(delivery));
      backlog = claimed.length === wanted;
      if (!backlog && this.running) await this.waiter.wait(this.options.pollIntervalMs);
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      const freed = this.slotFreed;
      this.slotFreed = undefined;
      freed?.();
    });
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    this.held.set(d.id, d.attempts);
    const outcome = await this.send(d);
    // A success stays held until it is recorded (flush); any other outcome is recorded now, and must not have its
    // retry time overwritten by a renewal.
    if (outcome.kind !== 'ok') this.held.delete(d.id);
    try {
      if (outcome.kind === 'ok') {
        this.metrics.delivered.inc();
        this.metrics.deliveryLatency.observe((Date.now() - d.received_at.getTime()) / 1000);
        this.successes.push({
          id: d.id,
          status: outcome.status,
          subscriptionId: d.subscription_id,
          // A streak seen at claim time, or begun since (a later success resets what this one misses).
          failing: d.consecutive_failures > 0 || this.failingHere.has(d.subscription_id),
        });
        this.scheduleFlush();
      } else if (outcome.kind === 'gone') {
        await deleteSubscription(this.db, d.subscription_id);
        this.metrics.subscriptionsRemoved.inc({ reason: 'gone' });
        this.log.info({ subscriptionId: d.subscription_id, deliveryId: d.id }, 'target answered 410: subscription removed');
      } else {
        await this.failed(d, outcome.status, outcome.error);
      }
    } catch (err) {
      // Recording failed (database away): the lease runs out and the delivery is sent again — at least once.
      this.log.warn({ deliveryId: d.id, err: (err as Error).message }, 'could not record a delivery result');
    }
  }

  private async send(d: ClaimedDelivery): Promise<Outcome> {
    const body = deliveryBody(d);
    let path: string;
    try {
      const url = new URL(d.target_url);
      path = `${url.pathname}${url.search}`;
    } catch {
      return { kind: 'failed', status: null, error: 'target URL does not parse' };
    }
    try {
      const res = await fetch(d.target_url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.abort.signal]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'highlevel-relay',
          'x-relay-delivery-id': d.id,
          'x-relay-attempt': String(d.attempts),
          // Lets the receiver check the call came from this relay (same scheme as the subscription API).
          ...signRelayRequest(this.options.sharedSecret, 'POST', path, body),
        },
        body,
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { kind: 'ok', status: res.status };
      if (res.status === 410) return { kind: 'gone' };
      return { kind: 'failed', status: res.status, error: `target answered ${res.status}` };
    } catch (err) {
      const e = err as Error;
      const reason = e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : ((e.cause as Error)?.message ?? e.message);
      return { kind: 'failed', status: null, error: String(reason).slice(0, 200) };
    }
  }

  private async failed(d: ClaimedDelivery, status: number | null, error: string): Promise<void> {
    this.failingHere.add(d.subscription_id);
    let disabled = await recordFailure(this.db, d.subscription_id, error, this.options.retryPeriodSeconds);
    const delay = backoffMs(d.attempts, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs);
    const deadline = d.created_at.getTime() + this.options.retryPeriodSeconds * 1000;
    if (Date.now() + delay > deadline) {
      const firstFailedAt = await markDead(this.db, d.id, status, error);
      this.metrics.dead.inc({ reason: 'retry_period' });
      this.log.warn({ deliveryId: d.id, subscriptionId: d.subscription_id, attempts: d.attempts, status }, 'delivery given up');
      if (firstFailedAt && !disabled) disabled = await disableAfterDeath(this.db, d.subscription_id, firstFailedAt);
    } else {
      await reschedule(this.db, d.id, delay, status, error);
      this.metrics.retried.inc();
      this.log.debug({ deliveryId: d.id, attempts: d.attempts, status, delayMs: delay, error }, 'delivery failed; retry scheduled');
    }
    if (disabled) {
      const killed = await killPendingOf(this.db, d.subscription_id, 'subscription disabled');
      this.metrics.subscriptionsDisabled.inc();
      if (killed > 0) this.metrics.dead.inc({ reason: 'subscription_disabled' }, killed);
      this.log.warn({ subscriptionId: d.subscription_id, killed }, 'subscription disabled: failing for the whole retry period');
    }
  }

  private scheduleFlush(): void {
    if (this.successes.length >= CLAIM_BATCH) {
      void this.flush();
      return;
    }
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.successes;
    this.successes = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await markDelivered(
          this.db,
          batch.map(({ id, status }) => ({ id, status })),
        );
        for (const b of batch) this.held.delete(b.id);
        const reset = [...new Set(batch.filter((b) => b.failing).map((b) => b.subscriptionId))];
        await clearFailures(this.db, reset);
        for (const id of reset) this.failingHere.delete(id);
      } catch (err) {
        // Let their leases run out: they are sent again (at least once).
        for (const b of batch) this.held.delete(b.id);
        this.log.warn({ count: batch.length, err: (err as Error).message }, 'could not record deliveries; they will be resent');
      }
    });
    return this.flushing;
  }
}
