/**
 * Burst + daily quota per location (docs/highlevel-api.md §3). Uses the real wall clock (not the injected `now`) so
 * that a frozen test clock never freezes a window.
 */

export const DAILY_LIMIT = 200_000;
const DAY_MS = 24 * 3600 * 1000;

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

interface Bucket {
  windowStart: number;
  count: number;
  dayStart: number;
  dayCount: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly config: RateLimitConfig | false) {}

  /** Headers for a request that is not counted (no location known, or token endpoint). */
  idleHeaders(): Record<string, string> {
    return this.headers(undefined, Date.now());
  }

  /** Counts one request for `locationId` and tells whether it may proceed. */
  hit(locationId: string): RateDecision {
    const now = Date.now();
    let bucket = this.buckets.get(locationId);
    if (!bucket) {
      bucket = { windowStart: now, count: 0, dayStart: now, dayCount: 0 };
      this.buckets.set(locationId, bucket);
    }
    if (this.config && now - bucket.windowStart >= this.config.windowMs) {
      bucket.windowStart = now;
      bucket.count = 0;
    }
    if (now - bucket.dayStart >= DAY_MS) {
      bucket.dayStart = now;
      bucket.dayCount = 0;
    }
    const burstExceeded = this.config !== false && bucket.count >= this.config.limit;
    const dailyExceeded = bucket.dayCount >= DAILY_LIMIT;
    const allowed = !burstExceeded && !dailyExceeded;
    if (allowed) {
      bucket.count += 1;
      bucket.dayCount += 1;
    }
    const headers = this.headers(bucket, now);
    if (!allowed) {
      const waitMs = dailyExceeded ? DAY_MS - (now - bucket.dayStart) : this.config ? this.config.windowMs - (now - bucket.windowStart) : 1000;
      headers['retry-after'] = String(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    return { allowed, headers };
  }

  /** Headers of an exhausted burst window, used by the 429 fault. */
  exhaustedHeaders(retryAfterSeconds: number): Record<string, string> {
    const limit = this.config ? this.config.limit : 100;
    return {
      ...this.headers(undefined, Date.now()),
      'x-ratelimit-max': String(limit),
      'x-ratelimit-remaining': '0',
      'retry-after': String(retryAfterSeconds),
    };
  }

  private headers(bucket: Bucket | undefined, now: number): Record<string, string> {
    const out: Record<string, string> = {
      'x-ratelimit-limit-daily': String(DAILY_LIMIT),
      'x-ratelimit-daily-remaining': String(Math.max(0, DAILY_LIMIT - (bucket?.dayCount ?? 0))),
      'x-ratelimit-daily-reset': String(bucket ? DAY_MS - (now - bucket.dayStart) : DAY_MS),
    };
    if (this.config) {
      out['x-ratelimit-interval-milliseconds'] = String(this.config.windowMs);
      out['x-ratelimit-max'] = String(this.config.limit);
      out['x-ratelimit-remaining'] = String(Math.max(0, this.config.limit - (bucket?.count ?? 0)));
    }
    return out;
  }
}
