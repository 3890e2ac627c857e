import type { ZapierRuntime } from './runtime';
import { httpCalls } from './http_counter';
import type { StepRow } from './report';

/**
 * A run of partner zaps: named steps, each an operation through the Zapier runtime followed by checks of what
 * HighLevel (the sandbox, or a live location) now holds. A failed check marks the step FAIL and is listed.
 */
export interface World {
  /** Reads back what HighLevel holds, independent of the operation under test. */
  contactsByEmail(email: string): Promise<Record<string, unknown>[]>;
  contact(id: string): Promise<Record<string, unknown> | undefined>;
  tasksOf(contactId: string): Promise<Record<string, unknown>[]>;
  notesOf(contactId: string): Promise<Record<string, unknown>[]>;
  appointment(id: string): Promise<Record<string, unknown> | undefined>;
  opportunity(id: string): Promise<Record<string, unknown> | undefined>;
  opportunitiesOf(contactId: string): Promise<Record<string, unknown>[]>;
  /** The location's pipelines with their stages, in order. */
  pipelines(): Promise<WorldPipeline[]>;
  calendarId(): Promise<string>;
  userId(): Promise<string>;
  locationName(): Promise<string>;
  /** Sandbox only: expire every access token so the next call must refresh. */
  expireTokens?(): void;
  /** Waits until HighLevel's contact search shows the writes made so far (it lags them, docs/highlevel-api.md §14.10). */
  settle(): Promise<void>;
}

export interface WorldPipeline {
  id: string;
  name: string;
  stages: { id: string; name: string }[];
}

export class Scenario {
  readonly rows: StepRow[] = [];
  readonly failures: string[] = [];
  private current: string[] = [];
  /** Records created, for live clean-up: [kind, id]. */
  readonly created: [string, string][] = [];

  constructor(
    readonly runtime: ZapierRuntime,
    readonly world: World,
  ) {}

  check(ok: boolean, message: string): void {
    if (!ok) this.current.push(message);
  }

  equal(actual: unknown, expected: unknown, what: string): void {
    const same = JSON.stringify(actual) === JSON.stringify(expected);
    this.check(same, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }

  async step<T>(step: string, operation: string, run: () => Promise<T>, verify: (result: T) => Promise<string> | string): Promise<T | undefined> {
    this.current = [];
    const calls = httpCalls();
    const started = Date.now();
    let result: T | undefined;
    let summary = '';
    try {
      result = await run();
    } catch (error) {
      this.current.push(`${operation} threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    const ms = Date.now() - started;
    const stepCalls = httpCalls() - calls;
    if (result !== undefined) {
      try {
        summary = await verify(result);
      } catch (error) {
        this.current.push(`checking ${operation} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const ok = this.current.length === 0;
    this.rows.push({ step, operation, calls: stepCalls, ms, ok, result: ok ? summary : this.current[0].slice(0, 100) });
    this.failures.push(...this.current.map((f) => `${step}: ${f}`));
    return result;
  }
}
