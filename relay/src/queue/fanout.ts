import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { ClaimedDelivery, NewDelivery } from '../db/deliveries_table';
import { insertDeliveries } from '../db/deliveries_table';
import { errorLabel, isRetryableLater } from '../db/db_errors';
import type { FanoutEvent } from '../db/events_table';
import { claimForFanout, markFannedOut, recordFanoutFailure } from '../db/events_table';
import type { MatchableSubscription } from '../db/subscriptions_table';
import { activeForLocations, deleteForUninstall, locationsOfCompany, writePace } from '../db/subscriptions_table';
import type { SnapshotKey } from '../db/tag_snapshots_table';
import { deleteSnapshots, deleteSnapshotsOfLocations, readSnapshots, snapshotKey, writeSnapshots } from '../db/tag_snapshots_table';
import type { EventKind, MatchContext } from '../events/kinds';
import { CONTACT_DELETE_TYPE, KIND_OF_TYPE, TAG_BEARING_TYPES, UNINSTALL_TYPE, matchesFilters } from '../events/kinds';
import type { SnapshotState, TagDiff } from '../events/tags';
import { bodyTags, tagStep } from '../events/tags';
import { storableText } from '../ingest/storable';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { Waiter } from '../wait';

/**
 * Turns stored events into deliveries, oldest first within a location and fairly across locations (claimForFanout).
 * One instance at a time does it (a transaction-scoped advisory lock; the others skip and only deliver): fan-out is
 * quick database work, and doing it in one order keeps the tag snapshots consistent when two events of one contact
 * arrive together.
 *
 * A batch is one transaction. If it fails for a reason that is not the database being away or busy, one of its
 * events is odd: each is then fanned out on its own, and the one that fails alone is paused and tried again later,
 * `maxAttempts` times in all, then set aside (dead-lettered, with the reason; see the admin routes) while the events
 * behind it go on.
 *
 * Each new delivery is scheduled on its hook's pace (`hookRatePerSecond`, relay_hook_pace): a burst of one location
 * is spread out in the queue, so other hooks' deliveries, due now, are claimed between them.
 */
const FANOUT_LOCK = 4_020_002;
const BATCH = 200;
/** A location's share of one batch: the oldest this many of each location waiting, first of each, then second... */
const PER_LOCATION = 100;

export interface FanoutOptions {
  pollIntervalMs: number;
  hookRatePerSecond: number;
  maxAttempts: number;
  retryDelayMs: number;
}
/** After a wake-up, wait this long for more events: one transaction for a few events instead of one each. */
const GATHER_MS = 50;

/**
 * The local deliverer. Fan-out inserts as many deliveries as it has free slots already claimed by this instance
 * (same lease as a claim) and hands them over after commit, which saves the claim query on the common path; if
 * this instance dies first, the lease runs out and any instance sends them.
 */
export interface Handoff {
  /** A fresh check for one batch: can this instance start a delivery of this subscription now? */
  planner(): (subscriptionId: string, targetUrl: string, consecutiveFailures: number) => boolean;
  dispatch(deliveries: ClaimedDelivery[]): void;
  leaseMs: number;
}

interface PlannedDelivery extends NewDelivery {
  event_: FanoutEvent;
  sub: MatchableSubscription;
}

interface Planned {
  kind: EventKind;
  ctx: MatchContext;
}

const isContactType = (type: string) => type.startsWith('Contact');

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function contactKey(event: FanoutEvent, body: Record<string, unknown>): SnapshotKey | undefined {
  const contactId = typeof body.id === 'string' ? body.id : undefined;
  if (!event.location_id || !contactId || !isContactType(event.type)) return undefined;
  return { locationId: event.location_id, contactId };
}

export class Fanout {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waiter = new Waiter();

  constructor(
    private readonly db: Db,
    private readonly options: FanoutOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly onDeliveries: () => void,
    private readonly handoff?: Handoff,
  ) {}

  wake(): void {
    this.waiter.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.waiter.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let done = 0;
      try {
        done = await this.runOnce();
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'fan-out failed; will retry');
      }
      if (done < BATCH && this.running) {
        await this.waiter.wait(this.options.pollIntervalMs);
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      }
    }
  }

  /** One batch; returns how many events it fanned out (0 when none waited or another instance holds the lock). */
  async runOnce(): Promise<number> {
    let events: FanoutEvent[] = [];
    try {
      return await this.fanOut(async (tx) => (events = await claimForFanout(tx, BATCH, PER_LOCATION)));
    } catch (err) {
      if (isRetryableLater(err) || events.length === 0) throw err;
      this.log.warn({ err: (err as Error).message, events: events.length }, 'fan-out batch failed; fanning out its events one by one');
    }
    // One of them is odd. Each on its own, so the others go on and only the odd one is paused or set aside.
    let done = 0;
    for (const event of events) {
      try {
        done += await this.fanOut(async () => [event]);
      } catch (err) {
        if (isRetryableLater(err)) throw err;
        await this.setAside(event, err);
      }
    }
    return done;
  }

  private async setAside(event: FanoutEvent, err: unknown): Promise<void> {
    const reason = errorLabel(err);
    const detail = `${reason}: ${(err as Error).message ?? String(err)}`;
    const dead = await recordFanoutFailure(this.db, event.id, detail, this.options.maxAttempts, this.options.retryDelayMs);
    this.metrics.fanoutFailed.inc({ reason });
    if (dead) {
      this.metrics.deadLettered.inc({ reason });
      this.log.error(
        { eventId: event.id, webhookId: event.webhook_id, type: event.type, locationId: event.location_id, reason, attempts: event.fanout_attempts + 1 },
        'event set aside (dead-lettered): its fan-out kept failing; the events behind it go on',
      );
    } else {
      this.log.warn(
        { eventId: event.id, type: event.type, reason, attempts: event.fanout_attempts + 1 },
        'fan-out of one event failed; it will be tried again',
      );
    }
  }

  /** Fans out the events `pick` chooses, in one transaction; hands this instance's share to the deliverer after it. */
  private async fanOut(pick: (tx: Queryable) => Promise<FanoutEvent[]>): Promise<number> {
    const result = await this.db.transaction(async (tx) => {
      // PGlite runs one transaction at a time anyway (and only in this process): the lock is for servers.
      const head = await tx.query<{ ok: boolean; now: Date }>(
        this.db.kind === 'postgres' ? 'SELECT pg_try_advisory_xact_lock($1) AS ok, now() AS now' : 'SELECT true AS ok, now() AS now',
        this.db.kind === 'postgres' ? [FANOUT_LOCK] : [],
      );
      if (!head.rows[0]?.ok) return { events: 0, deliveries: 0, claimed: [] };
      const dbNow = new Date(head.rows[0].now).getTime();
      const events = await pick(tx);
      if (events.length === 0) return { events: 0, deliveries: 0, claimed: [] };
      const deliveries = await this.plan(tx, events);
      await this.schedule(tx, deliveries, dbNow);
      const accepts = this.handoff?.planner();
      for (const d of deliveries) {
        d.claimed =
          accepts !== undefined &&
          (d.dueAt === undefined || d.dueAt.getTime() <= dbNow) &&
          accepts(d.subscriptionId, d.sub.target_url, d.sub.consecutive_failures);
      }
      const inserted = await insertDeliveries(tx, deliveries, this.handoff?.leaseMs ?? 0);
      await markFannedOut(
        tx,
        events.map((e) => e.id),
      );
      const claimed: ClaimedDelivery[] = [];
      for (const d of deliveries) {
        const createdAt = inserted.get(d.id);
        if (!d.claimed || !createdAt) continue;
        claimed.push({
          id: d.id,
          event_id: d.eventId,
          subscription_id: d.subscriptionId,
          event: d.event,
          tags: d.tags,
          attempts: 1,
          created_at: createdAt,
          webhook_id: d.event_.webhook_id,
          location_id: d.event_.location_id,
          body: d.event_.body,
          received_at: d.event_.received_at,
          target_url: d.sub.target_url,
          consecutive_failures: d.sub.consecutive_failures,
        });
      }
      return { events: events.length, deliveries: inserted.size, claimed };
    });
    if (result.events > 0) this.metrics.fannedOut.inc(result.events);
    if (result.claimed.length > 0) this.handoff?.dispatch(result.claimed);
    if (result.deliveries > result.claimed.length) this.onDeliveries();
    return result.events;
  }

  /**
   * Each delivery at its hook's next free slot (one per 1/rate s, after any pause), in the order planned; the
   * subscriptions' next slots are moved on in the same transaction.
   */
  private async schedule(tx: Queryable, deliveries: PlannedDelivery[], dbNow: number): Promise<void> {
    const slotMs = 1_000 / this.options.hookRatePerSecond;
    const next = new Map<string, number>();
    for (const d of deliveries) {
      const sub = d.sub;
      const at = Math.max(dbNow, next.get(sub.id) ?? sub.next_slot_at?.getTime() ?? 0, sub.paused_until?.getTime() ?? 0);
      d.dueAt = at > dbNow ? new Date(at) : undefined;
      next.set(sub.id, at + slotMs);
    }
    await writePace(
      tx,
      [...next].map(([subscriptionId, at]) => ({ subscriptionId, nextSlotAt: new Date(at) })),
    );
  }

  private async plan(tx: Queryable, events: FanoutEvent[]): Promise<PlannedDelivery[]> {
    const bodies = events.map((e) => parseBody(e.body));
    const keys: SnapshotKey[] = [];
    events.forEach((e, i) => {
      const body = bodies[i];
      const key = body && contactKey(e, body);
      if (key) keys.push(key);
    });
    // Working copy of the snapshots: events of one contact in this batch see each other's changes in order.
    const snapshots: Map<string, SnapshotState | null> = await readSnapshots(tx, keys);
    const touched = new Map<string, SnapshotKey>();
    const locations = [...new Set(events.map((e) => e.location_id).filter((l): l is string => l !== null))];
    const byLocationKind = new Map<string, MatchableSubscription[]>();
    for (const sub of await activeForLocations(tx, locations)) {
      const k = `${sub.location_id}|${sub.event}`;
      byLocationKind.set(k, [...(byLocationKind.get(k) ?? []), sub]);
    }

    const deliveries: PlannedDelivery[] = [];
    const uninstalls: FanoutEvent[] = [];
    events.forEach((event, i) => {
      const body = bodies[i];
      if (!body) {
        this.log.warn({ eventId: event.id }, 'stored event body no longer parses; skipped');
        return;
      }
      if (event.type === UNINSTALL_TYPE) {
        uninstalls.push(event);
        return;
      }
      const planned = this.kindsOf(event, body, snapshots, touched);
      if (!event.location_id) return;
      for (const { kind, ctx } of planned) {
        for (const sub of byLocationKind.get(`${event.location_id}|${kind}`) ?? []) {
          // A subscription receives what arrived after it was made, as a REST hook should.
          if (sub.created_at.getTime() > event.received_at.getTime()) continue;
          if (!matchesFilters(sub.filters, ctx)) continue;
          deliveries.push({
            id: randomUUID(),
            eventId: event.id,
            subscriptionId: sub.id,
            event: kind,
            tags: ctx.tags ?? null,
            claimed: false,
            event_: event,
            sub,
          });
        }
      }
    });

    const writes: (SnapshotKey & SnapshotState)[] = [];
    const deletes: SnapshotKey[] = [];
    for (const [k, key] of touched) {
      const state = snapshots.get(k);
      if (state) writes.push({ ...key, ...state });
      else deletes.push(key);
    }
    await writeSnapshots(tx, writes);
    await deleteSnapshots(tx, deletes);
    for (const event of uninstalls) await this.uninstall(tx, event);
    return deliveries;
  }

  private kindsOf(
    event: FanoutEvent,
    body: Record<string, unknown>,
    snapshots: Map<string, SnapshotState | null>,
    touched: Map<string, SnapshotKey>,
  ): Planned[] {
    const base = KIND_OF_TYPE[event.type];
    const key = contactKey(event, body);
    if (!key) return base ? [{ kind: base, ctx: { kind: base, body, contactTags: undefined } }] : [];

    const k = snapshotKey(key);
    const previous = snapshots.get(k) ?? undefined;
    // Tags go to the snapshot (text[]) and the delivery's `tags` (jsonb), which refuse U+0000 and lone surrogates:
    // compared and announced in a storable form (U+FFFD for those); the payload keeps them as sent.
    const tags = bodyTags(body)?.map(storableText);
    const planned: Planned[] = [];
    // The tags the contact has as of this event: its own list, else the last one seen (ContactDndUpdate has none).
    const contactTags = tags ?? previous?.tags;
    if (base) planned.push({ kind: base, ctx: { kind: base, body, contactTags } });

    if (TAG_BEARING_TYPES.has(event.type) && tags) {
      const step = tagStep(event.type, tags, event.event_time, previous);
      if (step.store) {
        snapshots.set(k, step.store);
        touched.set(k, key);
      }
      const diff: TagDiff | undefined = step.diff;
      if (diff && diff.added.length > 0) {
        planned.push({ kind: 'contact.tag_added', ctx: { kind: 'contact.tag_added', body, contactTags, tags: diff } });
      }
      if (diff && diff.removed.length > 0) {
        planned.push({
          kind: 'contact.tag_removed',
          ctx: { kind: 'contact.tag_removed', body, contactTags, tags: diff },
        });
      }
    }
    if (event.type === CONTACT_DELETE_TYPE) {
      snapshots.set(k, null);
      touched.set(k, key);
    }
    return planned;
  }

  /** UNINSTALL: the location's (or, agency-level, the company's) subscriptions and tag snapshots go. */
  private async uninstall(tx: Queryable, event: FanoutEvent): Promise<void> {
    const body = parseBody(event.body) ?? {};
    const companyId = typeof body.companyId === 'string' ? body.companyId : undefined;
    const scope = event.location_id ? { locationId: event.location_id } : companyId ? { companyId } : undefined;
    if (!scope) return;
    const locations = scope.locationId ? [scope.locationId] : await locationsOfCompany(tx, scope.companyId ?? '');
    const removed = await deleteForUninstall(tx, scope, event.received_at);
    await deleteSnapshotsOfLocations(tx, locations);
    if (removed > 0) this.metrics.subscriptionsRemoved.inc({ reason: 'uninstall' }, removed);
    this.log.info({ locationId: scope.locationId, companyId: scope.companyId, removed }, 'app uninstalled');
  }
}
