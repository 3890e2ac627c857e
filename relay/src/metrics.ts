import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from './db/db';
import { countPendingDeliveries } from './db/deliveries_table';
import { eventBacklog } from './db/events_table';
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
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
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
  deliveryLatency: Histogram;
}

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
    deliveryLatency: new Histogram({
      name: 'relay_delivery_latency_seconds',
      help: 'From the webhook being stored to the target answering 2xx',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
      ...reg,
    }),
  };

  const scrape = <T>(read: (d: Db) => Promise<T>, apply: (value: T) => void) =>
    async function collect() {
      try {
        apply(await read(db));
      } catch {
        // database away: leave the last value; /readyz reports the outage
      }
    };

  new Gauge({
    name: 'relay_queue_depth',
    help: 'Deliveries pending (due or waiting for a retry), all instances',
    ...reg,
    collect: scrape(countPendingDeliveries, (n) => metricsGauge('relay_queue_depth')?.set(n)),
  });
  // Each gauge reads its own value: prom-client collects the metrics of one scrape side by side, so a gauge set
  // by another's collect would show the previous scrape.
  new Gauge({
    name: 'relay_events_awaiting_fanout',
    help: 'Stored events not yet turned into deliveries, all instances',
    ...reg,
    collect: scrape(eventBacklog, (b) => metricsGauge('relay_events_awaiting_fanout')?.set(b.awaitingFanout)),
  });
  new Gauge({
    name: 'relay_oldest_undelivered_event_age_seconds',
    help: 'Age of the oldest event not yet delivered to every matching subscription (0 when none)',
    ...reg,
    collect: scrape(eventBacklog, (b) => metricsGauge('relay_oldest_undelivered_event_age_seconds')?.set(b.oldestUndeliveredSeconds)),
  });
  new Gauge({
    name: 'relay_subscriptions',
    help: 'Subscriptions by status (disabled ones failed for the whole retry period)',
    labelNames: ['status'],
    ...reg,
    collect: scrape(countSubscriptionsByStatus, (c) => {
      const g = metricsGauge('relay_subscriptions');
      g?.set({ status: 'active' }, c.active);
      g?.set({ status: 'disabled' }, c.disabled);
    }),
  });

  function metricsGauge(name: string): Gauge | undefined {
    return registry.getSingleMetric(name) as Gauge | undefined;
  }

  return metrics;
}
