import { randomBytes } from 'node:crypto';
import type { TokenStore } from '../auth';
import type { SandboxState } from '../state';
import { WebhookDispatcher } from './dispatcher';
import type { ChangeEvent } from './events';
import { WEBHOOK_EVENT_TYPES } from './events';
import type { AppIdentity } from './payloads';
import { buildPayload } from './payloads';
import { WebhookSigner } from './signer';
import type { SandboxWebhooks, WebhookOptions } from './types';

export type { ChangeEvent, Emit, WebhookEventType } from './events';
export { WEBHOOK_EVENT_TYPES } from './events';
export type { SandboxWebhooks, WebhookAttempt, WebhookLogEntry, WebhookOptions } from './types';

/** A built event body, before `timestamp`/`webhookId`. */
export type EventBody = ReturnType<typeof buildPayload> & { type: ChangeEvent['type'] };

/**
 * The sandbox's webhook sender: turns reported changes into HighLevel event bodies (snapshots taken when the change
 * happens) and hands them to the dispatcher once the request that made them has succeeded.
 */
export class Webhooks {
  private readonly signer = new WebhookSigner();
  private readonly dispatcher: WebhookDispatcher;
  private readonly app: AppIdentity;
  readonly api: SandboxWebhooks;

  constructor(
    opts: WebhookOptions,
    private readonly state: SandboxState,
    identity: { companyId: string; userId: string },
    tokens: TokenStore,
  ) {
    const appId = opts.appId ?? randomBytes(12).toString('hex');
    // issue #264: a live event carries versionId equal to appId.
    this.app = { appId, versionId: appId, planId: randomBytes(12).toString('hex'), ...identity };
    const retryDelayMs = opts.retryDelayMs ?? 50;
    this.dispatcher = new WebhookDispatcher(
      {
        url: opts.url,
        retryDelayMs,
        retryJitterMs: opts.retryJitterMs ?? Math.floor(retryDelayMs / 2),
        maxRetries: opts.maxRetries ?? 6,
        timeoutMs: opts.timeoutMs ?? 10_000,
        events: new Set(opts.events ?? WEBHOOK_EVENT_TYPES),
        onSettled: opts.onSettled,
      },
      this.signer,
      state.now,
    );
    this.api = this.facade(opts.url, tokens);
  }

  /** The event body as of now. */
  build(event: ChangeEvent): EventBody {
    return { ...buildPayload(event, this.state, this.app), type: event.type };
  }

  send(bodies: readonly EventBody[]): void {
    for (const body of bodies) this.dispatcher.publish(body);
  }

  stop(): void {
    this.dispatcher.stop();
  }

  private facade(url: string, tokens: TokenStore): SandboxWebhooks {
    const dispatcher = this.dispatcher;
    return {
      url,
      publicKey: this.signer.publicKey,
      appId: this.app.appId,
      get log() {
        return dispatcher.log;
      },
      get delivered() {
        return dispatcher.log.filter((e) => e.outcome === 'delivered');
      },
      get dropped() {
        return dispatcher.log.filter((e) => e.outcome === 'dropped');
      },
      idle: () => dispatcher.idle(),
      install: () => this.send([this.build({ type: 'INSTALL' })]),
      uninstall: () => {
        this.send([this.build({ type: 'UNINSTALL' })]);
        tokens.expireAccessTokens();
        tokens.revokeRefreshTokens();
      },
      clearLog: () => {
        dispatcher.log.length = 0;
      },
    };
  }
}
