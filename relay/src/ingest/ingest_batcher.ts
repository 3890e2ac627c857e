import type { Db } from '../db/db';
import { errorLabel, isDataError } from '../db/db_errors';
import type { NewEvent } from '../db/events_table';
import { insertEvents } from '../db/events_table';

/**
 * Group commit: webhooks arriving together are stored by one multi-row INSERT, so a burst costs one round trip and
 * one commit instead of one each. Every caller still waits for its own row to be committed before it answers 200.
 * A caller that cannot be stored in time, or arrives when too many are waiting, is told so and answers 429: if its
 * insert commits after all, HighLevel's retry finds the webhookId and is acknowledged as a duplicate.
 *
 * One row never fails the others: rows are checked before they get here (webhook_parse.ts, storable.ts), and should
 * the database still refuse a batch for its data (not because it is away), every row is tried on its own, so the
 * good ones are stored and only a row the database refuses by itself is refused (IngestRefused: a 4xx, never 429).
 */
export type IngestOutcome = 'stored' | 'duplicate';

export class IngestUnavailable extends Error {
  constructor(
    readonly reason: 'overloaded' | 'timeout' | 'database' | 'closed' | 'starting',
    cause?: unknown,
  ) {
    super(`cannot store the event now (${reason})`, { cause });
    this.name = 'IngestUnavailable';
  }
}

/** The database refused this row for what it holds: it can never be stored. */
export class IngestRefused extends Error {
  constructor(readonly label: string) {
    super(`the database refused the event (${label})`);
    this.name = 'IngestRefused';
  }
}

interface Waiting {
  event: NewEvent;
  resolve: (outcome: IngestOutcome) => void;
  reject: (err: IngestUnavailable | IngestRefused) => void;
  settled: boolean;
  timer: NodeJS.Timeout;
}

const MAX_BATCH = 500;

export class IngestBatcher {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private waiting = 0;
  /** False until the schema is in place (the relay may start while the database is down). */
  private ready = false;

  constructor(
    private readonly db: Db,
    private readonly options: { timeoutMs: number; maxPending: number; onStored: (count: number) => void },
  ) {}

  /** The database is reachable and migrated: start storing. */
  open(): void {
    this.ready = true;
  }

  submit(event: NewEvent): Promise<IngestOutcome> {
    if (this.closed) return Promise.reject(new IngestUnavailable('closed'));
    if (!this.ready) return Promise.reject(new IngestUnavailable('starting'));
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
      // One row per dedupe key: a webhook sent twice within one batch is stored once.
      const rows = [...new Map(batch.map((w) => [w.event.dedupeKey, w.event])).values()];
      try {
        this.settle(batch, await insertEvents(this.db, rows));
      } catch (err) {
        if (rows.length > 1 && isDataError(err)) await this.oneByOne(batch, rows);
        else this.fail(batch, rows, err);
      }
    }
  }

  /** The batch was refused for its data: each row on its own, so only the row the database refuses is refused. */
  private async oneByOne(batch: Waiting[], rows: NewEvent[]): Promise<void> {
    const fresh = new Set<string>();
    const failed = new Map<string, unknown>();
    for (const row of rows) {
      try {
        for (const key of await insertEvents(this.db, [row])) fresh.add(key);
      } catch (err) {
        failed.set(row.dedupeKey, err);
      }
    }
    this.settle(
      batch.filter((w) => !failed.has(w.event.dedupeKey)),
      fresh,
    );
    for (const w of batch) {
      if (failed.has(w.event.dedupeKey)) this.fail([w], [w.event], failed.get(w.event.dedupeKey));
    }
  }

  private settle(batch: Waiting[], fresh: Set<string>): void {
    const claimed = new Set<string>();
    for (const w of batch) {
      const isNew = fresh.has(w.event.dedupeKey) && !claimed.has(w.event.dedupeKey);
      if (isNew) claimed.add(w.event.dedupeKey);
      w.resolve(isNew ? 'stored' : 'duplicate');
    }
    if (fresh.size > 0) this.options.onStored(fresh.size);
  }

  private fail(batch: Waiting[], rows: NewEvent[], err: unknown): void {
    // A single row refused for its data can never be stored: say so (4xx). Anything else may pass later: 429.
    const refused = rows.length === 1 && isDataError(err);
    for (const w of batch) w.reject(refused ? new IngestRefused(errorLabel(err)) : new IngestUnavailable('database', err));
  }

  /** Stops taking events and waits for the ones already taken. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
  }
}
