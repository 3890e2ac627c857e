/**
 * Switchable faults. Each armed fault affects the next `count` requests (default 1) whose path matches `path`
 * (substring or RegExp, tested against the path without query) and `method` (if given).
 */

export interface FaultMatch {
  /** How many matching requests this fault affects; default 1. Use Infinity for "until cleared". */
  count?: number;
  path?: string | RegExp;
  method?: string;
}

export type FaultKind =
  'latency' | 'serverError' | 'tooManyRequests' | 'dropConnection' | 'malformedJson' | 'revokedToken' | 'dropAfterWrite' | 'serverErrorAfterWrite';

export interface ArmedFault {
  kind: FaultKind;
  remaining: number;
  path?: string | RegExp;
  method?: string;
  /** latency: delay in ms; serverError: status code; tooManyRequests: Retry-After seconds. */
  value: number;
}

export interface FaultController {
  /** Delay matching requests by `ms` before anything else happens (stacks with the other faults). */
  latency(ms: number, match?: FaultMatch): void;
  /** Answer with a 5xx (default 500) JSON error; `count` makes it a burst. */
  serverError(status?: number, match?: FaultMatch): void;
  /** Answer 429 with Retry-After (default 1 s) and X-RateLimit-* headers showing an exhausted burst window. */
  tooManyRequests(opts?: FaultMatch & { retryAfterSeconds?: number }): void;
  /** Destroy the socket without writing any response. */
  dropConnection(match?: FaultMatch): void;
  /** Run the request normally but send a truncated, unparsable JSON body (status unchanged). */
  malformedJson(match?: FaultMatch): void;
  /** Answer 401 `Invalid JWT` as if the token had been revoked (the token itself stays valid). */
  revokedToken(match?: FaultMatch): void;
  /** Run the request (the write happens), then destroy the socket instead of answering a success. */
  dropAfterWrite(match?: FaultMatch): void;
  /** Run the request (the write happens), then answer a 5xx (default 502, a gateway that gave up) instead of a success. */
  serverErrorAfterWrite(status?: number, match?: FaultMatch): void;
  clear(): void;
  /** Faults still armed, in arming order. */
  readonly active: readonly ArmedFault[];
}

export interface FaultHit {
  latencyMs: number;
  outcome?: ArmedFault;
  names: FaultKind[];
}

export class Faults implements FaultController {
  private armed: ArmedFault[] = [];

  get active(): readonly ArmedFault[] {
    return this.armed;
  }

  private arm(kind: FaultKind, value: number, match: FaultMatch = {}): void {
    const count = match.count ?? 1;
    if (!(count > 0)) throw new Error(`fault count must be positive, got ${count}`);
    this.armed.push({ kind, value, remaining: count, path: match.path, method: match.method?.toUpperCase() });
  }

  latency(ms: number, match?: FaultMatch): void {
    this.arm('latency', ms, match);
  }

  serverError(status = 500, match?: FaultMatch): void {
    if (status < 500 || status > 599) throw new Error(`serverError status must be 5xx, got ${status}`);
    this.arm('serverError', status, match);
  }

  tooManyRequests(opts: FaultMatch & { retryAfterSeconds?: number } = {}): void {
    this.arm('tooManyRequests', opts.retryAfterSeconds ?? 1, opts);
  }

  dropConnection(match?: FaultMatch): void {
    this.arm('dropConnection', 0, match);
  }

  malformedJson(match?: FaultMatch): void {
    this.arm('malformedJson', 0, match);
  }

  revokedToken(match?: FaultMatch): void {
    this.arm('revokedToken', 0, match);
  }

  dropAfterWrite(match?: FaultMatch): void {
    this.arm('dropAfterWrite', 0, match);
  }

  serverErrorAfterWrite(status = 502, match?: FaultMatch): void {
    if (status < 500 || status > 599) throw new Error(`serverErrorAfterWrite status must be 5xx, got ${status}`);
    this.arm('serverErrorAfterWrite', status, match);
  }

  clear(): void {
    this.armed = [];
  }

  /** Consumes the faults that apply to one request: every matching latency, plus the first other matching fault. */
  take(method: string, path: string): FaultHit {
    const hit: FaultHit = { latencyMs: 0, names: [] };
    for (const fault of this.armed) {
      if (!matches(fault, method, path)) continue;
      if (fault.kind === 'latency') {
        hit.latencyMs += fault.value;
      } else if (hit.outcome) {
        continue;
      } else {
        hit.outcome = fault;
      }
      fault.remaining -= 1;
      hit.names.push(fault.kind);
    }
    this.armed = this.armed.filter((f) => f.remaining > 0);
    return hit;
  }
}

function matches(fault: ArmedFault, method: string, path: string): boolean {
  if (fault.method && fault.method !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path.includes(fault.path) : fault.path.test(path);
}
