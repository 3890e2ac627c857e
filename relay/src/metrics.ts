import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from './db/db';
import { countPendingDeliveries } from './db/deliveries_table';
import { countDeadLetters, eventBacklog } from './db/events_table';
import { countSubscriptionsByStatus } from './db/subscriptions_table';

/**
 * Counters are this instance's; gauges are read from the database at scrape time, so every instance reports the
 * same shared queue (sum counters across instances, not gauges).
 */
export type RejectReason =
  | 'too_large'
  | 'signature_missing'
  | 'signature_invalid'
  | 'bad_json'
  | 'bad_encoding'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'id_unstorable'
  | 'id_too_long'
  | 'unstorable_row'
  | 'not_found'
  | 'method_not_allowed';

export interface Metrics {
  registry: Registry;
  received: Counter<'outcome'>;
  rejected: Counter<'reason'>;
  unavailable: Counter<'reason'>;
  stored: Counter;
  duplicates: Counter;
  ignored: Counter<'type'>;
  fannedOut: Counter;
  delivered: Counter;
  retried: Counter;
  dead: Counter<'reason'>;
  subscriptionsRemoved: Counter<'reason'>;
  subscriptionsDisabled: Counter;
  throttled: Counter;
  breakerOpened: Counter;
  fanoutFailed: Counter<'reason'>;
  deadLettered: Counter<'reason'>;
  unhandled: Counter<'kind'>;
  deliveryLatency: Histogram;
}

/** The database gauges of one scrape are read once and shared for this long (16 scrapers cost one read, not 16). */
export const GAUGE_CACHE_MS = 1_000;

export function createMetrics(db: Db): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'relay_process_' });
  const reg = { registers: [registry] };

  const metrics: Metrics = {
    registry,
    received: new Counter({
      name: 'relay_webhooks_received_total',
      help: 'Webhook requests received from HighLevel, by outcome',
      labelNames: ['outcome'],
      ...reg,
    }),
    rejected: new Counter({
      name: 'relay_webhooks_rejected_total',
      help: 'Webhook requests refused with a 4xx (HighLevel does not retry these), by reason',
      labelNames: ['reason'],
      ...reg,
    }),
    unavailable: new Counter({
      name: 'relay_webhooks_unavailable_total',
      help: 'Webhook requests answered 429 because the event could not be stored (HighLevel retries), by reason',
      labelNames: ['reason'],
      ...reg,
    }),
    stored: new Counter({ name: 'relay_events_stored_total', help: 'Events stored durably', ...reg }),
    duplicates: new Counter({
      name: 'relay_events_duplicate_total',
      help: 'Webhooks acknowledged without storing because their webhookId was already stored',
      ...reg,
    }),
    ignored: new Counter({
      name: 'relay_events_ignored_total',
      help: 'Verified webhooks of a type no subscription can ask for (acknowledged, not stored)',
      labelNames: ['type'],
      ...reg,
    }),
    fannedOut: new Counter({ name: 'relay_events_fanned_out_total', help: 'Events turned into deliveries', ...reg }),
    delivered: new Counter({ name: 'relay_deliveries_delivered_total', help: 'Deliveries answered 2xx', ...reg }),
    retried: new Counter({
      name: 'relay_deliveries_retried_total',
      help: 'Failed delivery attempts scheduled for another try',
      ...reg,
    }),
    dead: new Counter({
      name: 'relay_deliveries_dead_total',
      help: 'Deliveries given up, by reason',
      labelNames: ['reason'],
      ...reg,
    }),
    subscriptionsRemoved: new Counter({
      name: 'relay_subscriptions_removed_total',
      help: 'Subscriptions removed by the relay itself (target answered 410, app uninstalled)',
      labelNames: ['reason'],
      ...reg,
    }),
    subscriptionsDisabled: new Counter({
      name: 'relay_subscriptions_disabled_total',
      help: 'Subscriptions disabled after failing for the whole retry period',
      ...reg,
    }),
    throttled: new Counter({
      name: 'relay_deliveries_throttled_total',
      help: 'Deliveries a target answered 429 (its subscriptions paused for its Retry-After)',
      ...reg,
    }),
    breakerOpened: new Counter({
      name: 'relay_breaker_opened_total',
      help: 'Times a failing target was paused by the circuit breaker',
      ...reg,
    }),
    fanoutFailed: new Counter({
      name: 'relay_fanout_failures_total',
      help: 'Fan-out tries of one event that failed for a reason of its own (it is tried again, then set aside), by reason',
      labelNames: ['reason'],
      ...reg,
    }),
    deadLettered: new Counter({
      name: 'relay_events_dead_lettered_total',
      help: 'Events set aside after their fan-out failed every try (GET /admin/dead-letters), by reason',
      labelNames: ['reason'],
      ...reg,
    }),
    unhandled: new Counter({
      name: 'relay_unhandled_errors_total',
      help: 'Errors no code path expected (logged; the process keeps running), by kind',
      labelNames: ['kind'],
      ...reg,
    }),
    deliveryLatency: new Histogram({
      name: 'relay_delivery_latency_seconds',
      help: 'From the webhook being stored to the target answering 2xx',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
      ...reg,
    }),
  };

  interface DbGauges {
    pending: number;
    backlog: Awaited<ReturnType<typeof eventBacklog>>;
    subscriptions: Awaited<ReturnType<typeof countSubscriptionsByStatus>>;
    deadLetters: number;
  }
  let cached: { at: number; value: DbGauges } | undefined;
  let reading: Promise<DbGauges | undefined> | undefined;
  /** One read of every database gauge, shared by concurrent scrapes and cached briefly; undefined when it fails. */
  const dbGauges = (): Promise<DbGauges | undefined> => {
    if (cached && Date.now() - cached.at < GAUGE_CACHE_MS) return Promise.resolve(cached.value);
    reading ??= (async () => {
      try {
        const value = {
          pending: await countPendingDeliveries(db),
          backlog: await eventBacklog(db),
          subscriptions: await countSubscriptionsByStatus(db),
          deadLetters: await countDeadLetters(db),
        };
        cached = { at: Date.now(), value };
        return value;
      } catch {
        return undefined; // database away: leave the last values; /readyz reports the outage
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  };
  const gauge = (name: string, help: string, apply: (g: Gauge, v: DbGauges) => void, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      ...reg,
      async collect() {
        const value = await dbGauges();
        if (value) apply(this, value);
      },
    });

  gauge('relay_queue_depth', 'Deliveries pending (due or waiting for a retry), all instances', (g, v) => g.set(v.pending));
  gauge('relay_events_awaiting_fanout', 'Stored events not yet turned into deliveries, all instances', (g, v) => g.set(v.backlog.awaitingFanout));
  gauge('relay_oldest_undelivered_event_age_seconds', 'Age of the oldest event not yet delivered to every matching subscription (0 when none)', (g, v) =>
    g.set(v.backlog.oldestUndeliveredSeconds),
  );
  gauge('relay_events_dead_letter', 'Events set aside (dead-lettered) and waiting for an operator to retry or drop them', (g, v) => g.set(v.deadLetters));
  gauge(
    'relay_subscriptions',
    'Subscriptions by status (disabled ones failed for the whole retry period; paused: breaker open or Retry-After)',
    (g, v) => {
      g.set({ status: 'active' }, v.subscriptions.active);
      g.set({ status: 'disabled' }, v.subscriptions.disabled);
      g.set({ status: 'paused' }, v.subscriptions.paused);
    },
    ['status'],
  );

  return metrics;
}
