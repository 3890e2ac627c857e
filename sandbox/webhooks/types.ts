import type { WebhookEventType } from './events';

/** `startSandbox({webhooks})`: off unless given. */
export interface WebhookOptions {
  /** Where every event goes (HighLevel: the marketplace app's one webhook URL, docs/highlevel-api.md §9.1). */
  url: string;
  /** Wait before each retry after a 429. HighLevel waits about 10 minutes; default 50 ms (time-compressed). */
  retryDelayMs?: number;
  /** Random extra wait, 0..retryJitterMs, added to each retry (HighLevel adds jitter). Default retryDelayMs / 2. */
  retryJitterMs?: number;
  /** Retries after the first attempt, only while the receiver answers 429. HighLevel: 6 (the default). */
  maxRetries?: number;
  /** An attempt with no answer within this time is dropped, not retried. Default 10,000 ms. */
  timeoutMs?: number;
  /** Event types the app subscribes to (the marketplace app's settings). Default: all. */
  events?: readonly WebhookEventType[];
  /** The marketplace app id carried in the bodies (`appId`, `versionId`). Default: a random 24-hex id. */
  appId?: string;
  /** Called once per event when it is delivered or dropped (e.g. to print it). */
  onSettled?: (entry: WebhookLogEntry) => void;
}

export interface WebhookAttempt {
  /** Wall-clock ms when the attempt started. */
  at: number;
  /** The receiver's status; 0 when it did not answer (timeout, refused, reset). */
  status: number;
  /** Why there was no answer. */
  error?: string;
}

export interface WebhookLogEntry {
  webhookId: string;
  type: WebhookEventType;
  /** The body as sent (with `timestamp` and `webhookId`). */
  payload: Record<string, unknown>;
  /** The exact bytes signed and sent on every attempt. */
  rawBody: string;
  /** `X-GHL-Signature`. */
  signature: string;
  attempts: WebhookAttempt[];
  outcome: 'pending' | 'delivered' | 'dropped';
  /** Why it was dropped. */
  reason?: string;
}

/** `sandbox.webhooks` when webhooks are on. */
export interface SandboxWebhooks {
  readonly url: string;
  /** Ed25519 public key, SPKI DER base64: configure the receiver with it. */
  readonly publicKey: string;
  readonly appId: string;
  /** Every event emitted, in emission order (arrival order at the receiver may differ). */
  readonly log: readonly WebhookLogEntry[];
  readonly delivered: WebhookLogEntry[];
  readonly dropped: WebhookLogEntry[];
  /** Resolves once no event is pending (delivered or dropped, retries included). */
  idle(): Promise<void>;
  /** Sends INSTALL for the location (as HighLevel does when the app is installed). */
  install(): void;
  /** Sends UNINSTALL; every token issued so far stops working, as after a real uninstall. */
  uninstall(): void;
  clearLog(): void;
}
