import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_SCOPES, TokenStore, type TokenSnapshot } from './auth';
import type { FaultController } from './faults';
import { Faults } from './faults';
import { Prng } from './prng';
import { RateLimiter } from './rate_limit';
import { Router } from './router';
import { allRoutes } from './routes';
import { seedActivity, seedAutomation, seedBase, seedContacts, seedSales } from './seed';
import { createRequestHandler } from './server';
import { submitForm, type SubmitForm } from './sales_model/forms';
import { SandboxState } from './state';
import type { FormSubmission, RequestLogEntry, TokenResponse } from './types';
import type { Variety } from './variety';
import { varietyFor } from './variety';
import type { SandboxWebhooks, WebhookOptions } from './webhooks';
import { Webhooks } from './webhooks';

export type { FaultController, FaultMatch, ArmedFault, FaultKind } from './faults';
export type {
  Appointment,
  Business,
  Calendar,
  Campaign,
  Contact,
  CustomField,
  Form,
  FormSubmission,
  Location,
  LocationTag,
  LostReason,
  Note,
  Opportunity,
  Pipeline,
  RequestLogEntry,
  Task,
  TokenResponse,
  User,
  Workflow,
} from './types';
export type { SubmitForm } from './sales_model/forms';
export { SandboxState } from './state';
export { ALL_SCOPES } from './auth';
export type { TokenSnapshot } from './auth';
export { ACCEPTED_VERSIONS, VERSION_2021_04_15, VERSION_2021_07_28, VERSION_SDK_DEFAULT } from './types';
export type { SandboxWebhooks, WebhookAttempt, WebhookEventType, WebhookLogEntry, WebhookOptions } from './webhooks';
export { WEBHOOK_EVENT_TYPES } from './webhooks';
export type { Variety, VarietyKey } from './variety';
export { VARIETY_READINGS, varietyFor } from './variety';

export interface SandboxOptions {
  /** Default 0 (random free port); the host is always 127.0.0.1. */
  port?: number;
  /** Seeded contact count, default 300. */
  contacts?: number;
  clientId?: string;
  clientSecret?: string;
  /** Default 86399 (docs/highlevel-api.md §5.3). */
  accessTokenTtlSeconds?: number;
  /**
   * Default `{limit: 100, windowMs: 10000}` per location (docs/highlevel-api.md §3); `false` disables the burst limit.
   */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** Default false: duplicate email/phone on create answers 400 (docs/highlevel-api.md §11.4). */
  allowDuplicateContact?: boolean;
  /** Clock for stored timestamps, token expiry and free slots. Rate-limit windows use the real clock. */
  now?: () => Date;
  /** PRNG seed for the seed data; default fixed, so two sandboxes with the same clock hold the same data. */
  seed?: number;
  /**
   * How long contact search lags API writes, in ms of the sandbox clock (docs/highlevel-api.md §14.10): a search shows
   * a contact as it was this long ago. Default 1000; 0 turns the lag off.
   */
  searchLagMs?: number;
  /**
   * Order of the location task search (undocumented, docs/highlevel-api.md §14.4). Default: chosen by `seed`
   * (even → oldest first, odd → a fixed shuffle); never newest first.
   */
  taskSearchOrder?: 'oldest-first' | 'shuffled';
  /**
   * Pins answer shapes that otherwise follow `seed` (sandbox/variety.ts: search items thin or full, the street key,
   * `*Raw` names, zone-less contact-appointment times, additional phones as objects, extra contact fields).
   */
  variety?: Partial<Variety>;
  /** Off by default. When given, every write through the API sends HighLevel's webhook event(s) to `url`, signed. */
  webhooks?: WebhookOptions;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the API base and the token endpoint (`POST /oauth/token`). */
  baseUrl: string;
  /** `${baseUrl}/v2/oauth/chooselocation` (docs/highlevel-api.md §5.2). */
  authorizeUrl: string;
  locationId: string;
  companyId: string;
  userId: string;
  clientId: string;
  clientSecret: string;
  allScopes: string[];
  issueToken(opts?: { scopes?: string[]; expiresInSeconds?: number }): TokenResponse;
  createAuthCode(opts?: { scopes?: string[]; redirectUri?: string }): string;
  /** Every access token issued so far answers 401 `Invalid JWT` from now on. */
  expireAccessTokens(): void;
  /** Every refresh token issued so far answers `invalid_grant` from now on. */
  revokeRefreshTokens(): void;
  /** The OAuth state (tokens, codes), to keep across a restart; `restoreTokens` takes it back. */
  snapshotTokens(): TokenSnapshot;
  restoreTokens(snapshot: TokenSnapshot): void;
  faults: FaultController;
  state: SandboxState;
  requests: RequestLogEntry[];
  clearRequests(): void;
  seedContacts(n: number): void;
  /** Makes every API write visible to contact search now, as waiting `searchLagMs` would. */
  catchUpSearch(): void;
  /** The lag of contact search behind API writes, in ms (SandboxOptions.searchLagMs). */
  searchLagMs: number;
  /** The answer shapes this sandbox uses where HighLevel's vary (chosen by `seed`, or pinned by `variety`). */
  readonly variety: Variety;
  /** Someone fills in a form (no API route submits one): the submission GET /forms/submissions then lists. */
  submitForm(input: SubmitForm): FormSubmission;
  /** Present when started with `webhooks`: the public key to verify with, what was sent and dropped. */
  webhooks?: SandboxWebhooks;
  /** Stops the server; webhook retries still waiting are dropped. */
  stop(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';
export const DEFAULT_SEED = 20240521;
/**
 * Two seeds that between them give both readings of every variety (sandbox/variety.ts), and both task-search orders:
 * suites that must hold under every reading run under each.
 */
export const VARIETY_SEEDS: readonly number[] = [DEFAULT_SEED, 20240610];
export const DEFAULT_SEARCH_LAG_MS = 1000;

/**
 * Seeds the store: the location and its catalogues, `contacts` contacts, some activity on the first few, then
 * pipelines, opportunities, workflows, campaigns, forms and submissions.
 */
function seedState(opts: SandboxOptions, now: () => Date, prng: Prng): SandboxState {
  const state = new SandboxState(now);
  const seed = opts.seed ?? DEFAULT_SEED;
  state.taskOrder = opts.taskSearchOrder ?? (seed % 2 === 0 ? 'oldest-first' : 'shuffled');
  state.taskOrderSalt = seed;
  state.variety = varietyFor(seed, opts.variety);
  seedBase(state, prng, opts.allowDuplicateContact ?? false);
  const seeded = seedContacts(state, prng, opts.contacts ?? 300);
  seedActivity(state, prng, seeded);
  // The seed is what search already shows; the lag applies to API writes from now on.
  state.searchIndex.lagMs = opts.searchLagMs ?? DEFAULT_SEARCH_LAG_MS;
  // After everything else: the earlier seed data stays identical (one PRNG, fixed order).
  seedSales(state, prng, seeded);
  seedAutomation(state, prng, seeded);
  return state;
}

/** Listens on 127.0.0.1 (port 0 = a free one) and resolves with the server's base URL. */
async function listen(server: Server, port: number): Promise<string> {
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const now = opts.now ?? (() => new Date());
  const prng = new Prng(opts.seed ?? DEFAULT_SEED);
  const state = seedState(opts, now, prng);
  const config = {
    clientId: opts.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: opts.clientSecret ?? DEFAULT_CLIENT_SECRET,
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 86399,
  };
  const userId = [...state.users.keys()][0] ?? '';
  const identity = { locationId: state.location.id, companyId: state.location.companyId, userId };
  const tokens = new TokenStore(identity, now, config.accessTokenTtlSeconds);
  const faults = new Faults();
  const requests: RequestLogEntry[] = [];
  const rateLimiter = new RateLimiter(opts.rateLimit ?? { limit: 100, windowMs: 10_000 });
  const router = new Router(allRoutes);
  const webhooks = opts.webhooks ? new Webhooks(opts.webhooks, state, identity, tokens) : undefined;
  const deps = { router, state, tokens, faults, rateLimiter, config, requests, webhooks };
  const server = createServer(createRequestHandler(deps));
  const baseUrl = await listen(server, opts.port ?? 0);

  return {
    baseUrl,
    authorizeUrl: `${baseUrl}/v2/oauth/chooselocation`,
    ...identity,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    allScopes: [...ALL_SCOPES],
    issueToken: (o) => tokens.issue(o),
    createAuthCode: (o) => tokens.createCode(o),
    expireAccessTokens: () => tokens.expireAccessTokens(),
    revokeRefreshTokens: () => tokens.revokeRefreshTokens(),
    snapshotTokens: () => tokens.snapshot(),
    restoreTokens: (snapshot) => tokens.restore(snapshot),
    faults,
    state,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    seedContacts: (n) => {
      seedContacts(state, prng, n);
    },
    catchUpSearch: () => state.searchIndex.catchUp(),
    variety: state.variety,
    get searchLagMs() {
      return state.searchIndex.lagMs;
    },
    set searchLagMs(ms: number) {
      state.searchIndex.lagMs = ms;
    },
    submitForm: (input) => submitForm(state, input),
    ...(webhooks ? { webhooks: webhooks.api } : {}),
    stop: () => {
      webhooks?.stop();
      return close(server);
    },
  };
}
