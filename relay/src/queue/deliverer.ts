import { signRelayRequest } from '../auth/relay_signature';
import type { Db } from '../db/db';
import type { ClaimedDelivery } from '../db/deliveries_table';
import { claimDeliveries, killPendingOf, markDead, markDelivered, releaseClaims, renewLeases, reschedule } from '../db/deliveries_table';
import type { BreakerSettings } from '../db/subscriptions_table';
import { clearFailures, deleteSubscription, disableAfterDeath, pauseTarget, recordFailure } from '../db/subscriptions_table';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { Waiter } from '../wait';

/**
 * Sends due deliveries to their targets. A 2xx is a success (recorded in small batches), 410 Gone removes the
 * subscription (Zapier's answer once a Zap is off), 429 pauses the target for its Retry-After, anything else — another
 * status, a timeout, a refused connection, a redirect (never followed: it could lead off the allowed hosts) — is
 * retried with exponential backoff and jitter until the retry period since the delivery was created runs out.
 *
 * Isolation, so one subscription's trouble is not another's:
 * - at most `subscriptionConcurrency` deliveries of one subscription and `targetConcurrency` to one target URL in
 *   flight (of `concurrency` in all), so a target that hangs holds a few slots, not all of them;
 * - a circuit breaker: `breaker.failures` failures in a row pause the target (every instance: the pause is in the
 *   database) for breaker.baseMs, doubling up to maxMs; after a pause one probe at a time until one succeeds;
 * - a 429 with Retry-After pauses that target (only) for that long;
 * - per-hook pacing: no more than `hookRatePerSecond` deliveries per second started for one subscription (the
 *   fan-out also schedules new deliveries on that pace, so a burst is spread out in the queue itself).
 * Each subscription has a lane here: its claimed deliveries wait in it until their lane, target and the instance
 * have room.
 *
 * Exactly once when nothing but the database fails: a success that cannot be recorded (database away) is kept and
 * recorded again until it is, its lease renewed meanwhile; if the lease runs out during a long outage and this
 * instance claims the row again, it is recorded, not sent a second time.
 */
export interface DelivererOptions {
  concurrency: number;
  subscriptionConcurrency: number;
  targetConcurrency: number;
  hookRatePerSecond: number;
  breaker: BreakerSettings;
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
const RECORD_RETRY_MS = [100, 250, 500, 1_000, 2_000];
/** Longest Retry-After honoured (a longer one is taken as this). */
const MAX_RETRY_AFTER_MS = 3_600_000;

/** Attempt n (1-based) waits base·2^(n-1), capped, then "equal jitter": a random point in its upper half. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** A target's Retry-After (seconds or an HTTP date) in ms, at least 1 s, at most an hour; undefined when absent. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(1_000, ms));
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

type Outcome =
  | { kind: 'ok'; status: number }
  | { kind: 'gone' }
  | { kind: 'throttled'; retryAfterMs: number | undefined }
  | { kind: 'failed'; status: number | null; error: string };

/** One subscription's deliveries held by this instance. */
interface Lane {
  id: string;
  target: string;
  queue: ClaimedDelivery[];
  inFlight: number;
  /** Pacing: the earliest the next delivery may start (ms). */
  nextStartAt: number;
  /** Its breaker is open or half-open (failed `breaker.failures` times in a row): one at a time. From each claim. */
  failing: boolean;
  pausedUntil: number;
  timer: NodeJS.Timeout | undefined;
}

interface Success {
  id: string;
  status: number;
  subscriptionId: string;
  failing: boolean;
}

export class Deliverer {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waiter = new Waiter();
  private readonly inFlight = new Set<Promise<void>>();
  private slotFreed: (() => void) | undefined;
  private successes: Success[] = [];
  /** Successes sent and not yet recorded, by delivery id (still held: their lease is renewed). */
  private readonly unrecorded = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private recordFailures = 0;
  private readonly abort = new AbortController();
  /** Subscriptions this instance saw fail since their last reset: their next success must reset the streak. */
  private readonly failingHere = new Set<string>();
  private readonly lanes = new Map<string, Lane>();
  private readonly targets = new Map<string, number>();
  /** Lanes with queued deliveries waiting for a target's or the instance's slot. */
  private readonly waitingLanes = new Set<Lane>();
  private queued = 0;
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

  /**
   * For the local fan-out (see Handoff in fanout.ts): a function telling, for each new delivery, whether this
   * instance can start it right away (free slots, its lane and target under their limits, not paused or failing).
   * Counts what it accepted, so one fan-out batch does not hand over more than there is room for.
   */
  planner(): (subscriptionId: string, targetUrl: string, consecutiveFailures: number) => boolean {
    let free = this.running ? this.options.concurrency - this.inFlight.size - this.queued : 0;
    const perLane = new Map<string, number>();
    const perTarget = new Map<string, number>();
    const now = Date.now();
    return (subscriptionId, targetUrl, consecutiveFailures) => {
      if (free <= 0 || consecutiveFailures >= this.options.breaker.failures) return false;
      const lane = this.lanes.get(subscriptionId);
      if (lane && (lane.failing || lane.pausedUntil > now || lane.queue.length > 0)) return false;
      const laneCount = (lane?.inFlight ?? 0) + (perLane.get(subscriptionId) ?? 0);
      const targetCount = (this.targets.get(targetUrl) ?? 0) + (perTarget.get(targetUrl) ?? 0);
      if (laneCount >= this.options.subscriptionConcurrency || targetCount >= this.options.targetConcurrency) return false;
      free--;
      perLane.set(subscriptionId, (perLane.get(subscriptionId) ?? 0) + 1);
      perTarget.set(targetUrl, (perTarget.get(targetUrl) ?? 0) + 1);
      return true;
    };
  }

  /** Sends deliveries this instance already holds the lease of (inserted claimed by the fan-out). */
  dispatch(deliveries: ClaimedDelivery[]): void {
    // Stopped meanwhile: leave them; their lease runs out and they are claimed again.
    if (!this.running) return;
    for (const delivery of deliveries) this.enqueue(delivery);
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
    // Claimed but not started: handed back now, so another instance sends them without waiting out the lease.
    const unstarted: ClaimedDelivery[] = [];
    for (const lane of this.lanes.values()) {
      clearTimeout(lane.timer);
      unstarted.push(...lane.queue.splice(0));
    }
    this.queued = 0;
    await this.release(unstarted, new Date());
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
    // Successes not recorded yet: a few more tries within what is left of the budget, then they are resent later.
    const deadline = Date.now() + Math.max(1_000, this.options.shutdownTimeoutMs / 2);
    do {
      await this.flush();
      if (this.successes.length > 0) await new Promise((r) => setTimeout(r, 100));
    } while (this.successes.length > 0 && Date.now() < deadline);
    clearTimeout(this.flushTimer);
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

  /** Subscriptions this instance has no room for now: the claim skips them. */
  private skipList(): string[] {
    const now = Date.now();
    const skip: string[] = [];
    for (const lane of this.lanes.values()) {
      const cap = lane.failing ? 1 : this.options.subscriptionConcurrency;
      const targetFull = (this.targets.get(lane.target) ?? 0) >= this.options.targetConcurrency;
      if (lane.inFlight + lane.queue.length >= cap || targetFull || lane.pausedUntil > now) skip.push(lane.id);
    }
    return skip;
  }

  private async run(): Promise<void> {
    // True while the last claim came back full: more is due, so a freed slot is worth a claim right away.
    // Otherwise freed slots wait for a wake-up (the fan-out left work in the table) or the poll interval.
    let backlog = false;
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size - this.queued;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        if (!backlog && this.running) await this.waiter.wait(this.options.pollIntervalMs);
        continue;
      }
      const wanted = Math.min(free, CLAIM_BATCH);
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claimDeliveries(this.db, wanted, this.options.leaseMs, {
          skip: this.skipList(),
          perSubscription: this.options.subscriptionConcurrency,
          probeAfter: this.options.breaker.failures,
        });
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'claiming deliveries failed; will retry');
      }
      for (const delivery of claimed) {
        if (this.unrecorded.has(delivery.id)) {
          // Sent and answered 2xx already; its lease ran out while the database was away. Record it, do not resend.
          this.held.set(delivery.id, delivery.attempts);
          continue;
        }
        this.enqueue(delivery);
      }
      backlog = claimed.length === wanted;
      if (!backlog && this.running) await this.waiter.wait(this.options.pollIntervalMs);
    }
  }

  private lane(d: ClaimedDelivery): Lane {
    let lane = this.lanes.get(d.subscription_id);
    if (!lane) {
      lane = { id: d.subscription_id, target: d.target_url, queue: [], inFlight: 0, nextStartAt: 0, failing: false, pausedUntil: 0, timer: undefined };
      this.lanes.set(d.subscription_id, lane);
    }
    lane.failing = d.consecutive_failures >= this.options.breaker.failures;
    return lane;
  }

  private enqueue(d: ClaimedDelivery): void {
    this.held.set(d.id, d.attempts);
    const lane = this.lane(d);
    lane.queue.push(d);
    this.queued++;
    this.pump(lane);
  }

  /** Starts what the lane, its target, the instance and the pace allow; sets a timer for the pace. */
  private pump(lane: Lane): void {
    if (!this.running) return;
    const now = Date.now();
    if (lane.pausedUntil > now && lane.queue.length > 0) {
      const released = lane.queue.splice(0);
      this.queued -= released.length;
      void this.release(released, new Date(lane.pausedUntil));
    }
    while (lane.queue.length > 0) {
      const cap = lane.failing ? 1 : this.options.subscriptionConcurrency;
      if (lane.inFlight >= cap) break;
      if ((this.targets.get(lane.target) ?? 0) >= this.options.targetConcurrency || this.inFlight.size >= this.options.concurrency) {
        this.waitingLanes.add(lane);
        break;
      }
      const at = Date.now();
      if (lane.nextStartAt > at) {
        if (!lane.timer) {
          lane.timer = setTimeout(() => {
            lane.timer = undefined;
            this.pump(lane);
          }, lane.nextStartAt - at);
        }
        break;
      }
      const d = lane.queue.shift() as ClaimedDelivery;
      this.queued--;
      lane.nextStartAt = Math.max(at, lane.nextStartAt) + 1_000 / this.options.hookRatePerSecond;
      this.begin(lane, d);
    }
    if (lane.queue.length === 0) this.waitingLanes.delete(lane);
    this.forget(lane);
  }

  /** Drops an idle lane (nothing held, pace and pause behind it), so the map does not grow with every subscription. */
  private forget(lane: Lane): void {
    const now = Date.now();
    if (lane.inFlight === 0 && lane.queue.length === 0 && !lane.timer && lane.nextStartAt <= now && lane.pausedUntil <= now) {
      this.lanes.delete(lane.id);
    }
  }

  private begin(lane: Lane, d: ClaimedDelivery): void {
    lane.inFlight++;
    this.targets.set(lane.target, (this.targets.get(lane.target) ?? 0) + 1);
    const p = this.deliver(lane, d);
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      lane.inFlight--;
      const t = (this.targets.get(lane.target) ?? 1) - 1;
      if (t <= 0) this.targets.delete(lane.target);
      else this.targets.set(lane.target, t);
      this.pump(lane);
      for (const waiting of [...this.waitingLanes]) {
        this.waitingLanes.delete(waiting);
        this.pump(waiting);
      }
      const freed = this.slotFreed;
      this.slotFreed = undefined;
      freed?.();
    });
  }

  private async release(deliveries: ClaimedDelivery[], dueAt: Date): Promise<void> {
    if (deliveries.length === 0) return;
    for (const d of deliveries) this.held.delete(d.id);
    try {
      await releaseClaims(
        this.db,
        deliveries.map((d) => ({ id: d.id, attempts: d.attempts })),
        dueAt,
      );
    } catch (err) {
      // Their leases run out instead.
      this.log.warn({ count: deliveries.length, err: (err as Error).message }, 'could not hand back claimed deliveries');
    }
  }

  private async deliver(lane: Lane, d: ClaimedDelivery): Promise<void> {
    const outcome = await this.send(d);
    // A success stays held until it is recorded (flush); any other outcome is recorded now, and must not have its
    // retry time overwritten by a renewal.
    if (outcome.kind !== 'ok') this.held.delete(d.id);
    try {
      if (outcome.kind === 'ok') {
        lane.failing = false;
        this.metrics.delivered.inc();
        this.metrics.deliveryLatency.observe((Date.now() - d.received_at.getTime()) / 1000);
        this.unrecorded.add(d.id);
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
      } else if (outcome.kind === 'throttled') {
        await this.throttled(lane, d, outcome.retryAfterMs);
      } else {
        await this.failed(lane, d, outcome.status, outcome.error);
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
      if (res.status === 429) return { kind: 'throttled', retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
      return { kind: 'failed', status: res.status, error: `target answered ${res.status}` };
    } catch (err) {
      const e = err as Error;
      const reason = e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : ((e.cause as Error)?.message ?? e.message);
      return { kind: 'failed', status: null, error: String(reason).slice(0, 200) };
    }
  }

  /** Pauses every lane of a target here; their queued deliveries are handed back, due when the pause ends. */
  private pauseLanes(target: string, until: Date): void {
    for (const lane of this.lanes.values()) {
      if (lane.target !== target) continue;
      lane.pausedUntil = Math.max(lane.pausedUntil, until.getTime());
      this.pump(lane);
    }
  }

  /** 429: the target asked to wait. That target only, for as long as it said (or the backoff when it did not). */
  private async throttled(lane: Lane, d: ClaimedDelivery, asked: number | undefined): Promise<void> {
    const waitMs = asked ?? backoffMs(d.attempts, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs);
    const until = new Date(Date.now() + waitMs);
    this.pauseLanes(lane.target, until);
    await pauseTarget(this.db, d.target_url, until, 'retry_after');
    const deadline = d.created_at.getTime() + this.options.retryPeriodSeconds * 1000;
    if (until.getTime() > deadline) {
      await markDead(this.db, d.id, 429, 'target answered 429 until the retry period ran out');
      this.metrics.dead.inc({ reason: 'retry_period' });
    } else {
      await reschedule(this.db, d.id, waitMs, 429, `target answered 429 (wait ${Math.round(waitMs / 1000)} s)`);
      this.metrics.retried.inc();
    }
    this.metrics.throttled.inc();
    this.log.info({ subscriptionId: d.subscription_id, deliveryId: d.id, waitMs }, 'target answered 429: paused for its Retry-After');
  }

  private async failed(lane: Lane, d: ClaimedDelivery, status: number | null, error: string): Promise<void> {
    this.failingHere.add(d.subscription_id);
    const record = await recordFailure(this.db, d.subscription_id, error, this.options.retryPeriodSeconds, this.options.breaker);
    let disabled = record.disabled;
    if (record.consecutiveFailures >= this.options.breaker.failures) lane.failing = true;
    if (record.breakerUntil) {
      this.pauseLanes(lane.target, record.breakerUntil);
      await pauseTarget(this.db, d.target_url, record.breakerUntil, 'breaker');
      this.metrics.breakerOpened.inc();
      this.log.warn(
        { subscriptionId: d.subscription_id, failures: record.consecutiveFailures, pausedUntil: record.breakerUntil.toISOString() },
        'target keeps failing: paused (circuit breaker)',
      );
    }
    const delay = Math.max(
      backoffMs(d.attempts, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs),
      record.breakerUntil ? record.breakerUntil.getTime() - Date.now() : 0,
    );
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

  private scheduleFlush(delayMs = FLUSH_MS): void {
    if (this.successes.length >= CLAIM_BATCH && delayMs === FLUSH_MS) {
      void this.flush();
      return;
    }
    this.flushTimer ??= setTimeout(() => void this.flush(), delayMs);
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
        for (const b of batch) {
          this.held.delete(b.id);
          this.unrecorded.delete(b.id);
        }
        this.recordFailures = 0;
      } catch (err) {
        // The database is away: keep them (held, leases renewed) and record them again shortly. Sending them again
        // would deliver them twice.
        this.successes.unshift(...batch);
        const wait = RECORD_RETRY_MS[Math.min(this.recordFailures++, RECORD_RETRY_MS.length - 1)] as number;
        this.log.warn({ count: batch.length, err: (err as Error).message, retryMs: wait }, 'could not record deliveries; will retry');
        if (this.running) this.scheduleFlush(wait);
        return;
      }
      try {
        const reset = [...new Set(batch.filter((b) => b.failing).map((b) => b.subscriptionId))];
        await clearFailures(this.db, reset);
        for (const id of reset) this.failingHere.delete(id);
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'could not reset failure streaks; the next success will');
      }
    });
    return this.flushing;
  }
}
