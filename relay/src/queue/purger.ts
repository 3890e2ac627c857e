import type { Db } from '../db/db';
import { purgeEvents, purgeExpiredRecords } from '../db/events_table';
import type { Logger } from '../log';
import { Waiter } from '../wait';

/**
 * Deletes stored bodies (contact data) once delivered to all and past the retention period, a batch at a time,
 * leaving their dedupe keys as tombstones while a replay could still arrive; then expired tombstones and API nonces.
 */
const BATCH = 1_000;

export class Purger {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waiter = new Waiter();

  constructor(
    private readonly db: Db,
    private readonly options: { retentionSeconds: number; deadLetterRetentionSeconds: number; intervalSeconds: number },
    private readonly log: Logger,
  ) {}

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

  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await purgeEvents(this.db, this.options.retentionSeconds, this.options.deadLetterRetentionSeconds, BATCH);
      total += n;
      if (n < BATCH || !this.running) break;
    }
    await purgeExpiredRecords(this.db);
    if (total > 0) this.log.info({ purged: total }, 'purged delivered events past retention');
    return total;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.runOnce();
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'purge failed; will retry');
      }
      await this.waiter.wait(this.options.intervalSeconds * 1000);
    }
  }
}
