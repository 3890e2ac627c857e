/**
 * Zapier's `throttle` as its schema describes it (zapier-platform-schema ThrottleObjectSchema): at most `limit`
 * invocations start per fixed window of `windowMs`, the count beginning at zero at the start of each window; the rest
 * wait for a later window. Windows are aligned to multiples of `windowMs` (where Zapier aligns them is not documented;
 * aligned windows are one reading, and the bench says so).
 */
export class ZapierThrottle {
  private window = -1;
  private started = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Starts that had to wait for a later window (0: the throttle never held anything back). */
  held = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Resolves when an invocation may start; starts are handed out in call order. */
  slot(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = Date.now();
        const window = Math.floor(now / this.windowMs);
        if (window !== this.window) {
          this.window = window;
          this.started = 0;
        }
        if (this.started < this.limit) {
          this.started += 1;
          return;
        }
        this.held += 1;
        await new Promise((resolve) => setTimeout(resolve, (window + 1) * this.windowMs - now));
      }
    });
    this.queue = turn;
    return turn;
  }
}
