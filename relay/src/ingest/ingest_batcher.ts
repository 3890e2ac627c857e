import type { Db } from '../db/db';
import type { NewEvent } from '../db/events_table';
import { insertEvents } from '../db/events_table';

/**
 * Group commit: webhooks arriving together are stored by one multi-row INSERT, so a burst costs one round trip and
 * one commit instead of one each. Every caller still waits for its own row to be committed before it answers 200.
 * A caller that cannot be stored in time, or arrives when too many are waiting, is told so and answers 429: if its
 * insert commits after all, HighLevel's retry finds the webhookId and is acknowledged as a duplicate.
 */
export type IngestOutcome = 'stored' | 'duplicate';

export class IngestUnavailable extends Error {
  constructor(
    readonly reason: 'overloaded' | 'timeout' | 'database' | 'closed',
    cause?: unknown,
  ) {
    super(`cannot store the event now (${reason})`, { cause });
    this.name = 'IngestUnavailable';
  }
}

interface Waiting {
  event: NewEvent;
  resolve: (outcome: IngestOutcome) => void;
  reject: (err: IngestUnavailable) => void;
  settled: boolean;
  timer: NodeJS.Timeout;
}

const MAX_BATCH = 500;

export class IngestBatcher {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private waiting = 0;

  constructor(
    private readonly db: Db,
    private readonly options: { timeoutMs: number; maxPending: number; onStored: (count: number) => void },
  ) {}

  submit(event: NewEvent): Promise<IngestOutcome> {
    if (this.closed) return Promise.reject(new IngestUnavailable('closed'));
    if (this.waiting >= this.options.maxPending) return Promise.reject(new IngestUnavailable('overloaded'));
    return new Promise<IngestOutcome>((resolve, reject) => {
      const entry: Waiting = {
        event,
        settled: false,
        resolve: (o) => {
          if (entry.settled) return;
          entry.settled = true;
          clearTimeout(entry.timer);
          this.waiting--;
          resolve(o);
        },
        reject: (e) => {
          if (entry.settled) return;
          entry.settled = true;
          clearTimeout(entry.timer);
          this.waiting--;
          reject(e);
        },
        timer: setTimeout(() => entry.reject(new IngestUnavailable('timeout')), this.options.timeoutMs),
      };
      this.waiting++;
      this.queue.push(entry);
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flushAll())
      .finally(() => {
        this.flushing = undefined;
        if (this.queue.length > 0) this.kick();
      });
  }

  private async flushAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH).filter((w) => !w.settled);
      if (batch.length === 0) continue;
      try {
        const fresh = await insertEvents(
          this.db,
          // One row per dedupe key: a webhook sent twice within one batch is stored once.
          [...new Map(batch.map((w) => [w.event.dedupeKey, w.event])).values()],
        );
        const claimed = new Set<string>();
        for (const w of batch) {
          const isNew = fresh.has(w.event.dedupeKey) && !claimed.has(w.event.dedupeKey);
          if (isNew) claimed.add(w.event.dedupeKey);
          w.resolve(isNew ? 'stored' : 'duplicate');
        }
        if (fresh.size > 0) this.options.onStored(fresh.size);
      } catch (err) {
        for (const w of batch) w.reject(new IngestUnavailable('database', err));
      }
    }
  }

  /** Stops taking events and waits for the ones already taken. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
  }
}
