import type { IncomingMessage } from 'node:http';
import type { AccessToken, TokenStore } from '../auth';
import type { FaultHit, Faults } from '../faults';
import type { RouteResult } from '../http';
import type { RateLimiter } from '../rate_limit';
import type { ResourceRoute, Router, RouteMatch, SandboxConfig } from '../router';
import { isPublic } from '../router';
import type { SandboxState } from '../state';
import type { RequestLogEntry } from '../types';
import type { EventBody, Webhooks } from '../webhooks';
import type { ParsedBody } from './request';

/** Everything the pipeline stages share for the sandbox's lifetime. */
export interface ServerDeps {
  router: Router;
  state: SandboxState;
  tokens: TokenStore;
  faults: Faults;
  rateLimiter: RateLimiter;
  config: SandboxConfig;
  requests: RequestLogEntry[];
  /** Present when `startSandbox({webhooks})` turned them on. */
  webhooks?: Webhooks;
}

/** One request on its way through the stages; each stage fills in what it learns for the ones after it. */
export interface Exchange {
  req: IncomingMessage;
  started: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The request's entry in `sandbox.requests`, completed by `finish`. */
  entry: RequestLogEntry;
  rawBody: string;
  body: ParsedBody;
  /** Faults taken for this request (faults stage). */
  fault: FaultHit;
  /** X-RateLimit-* headers sent with the answer; none until the body was read. */
  rateHeaders: Record<string, string>;
  /** Route stage. */
  match?: RouteMatch;
  /** Token stage (resource routes only). */
  token?: AccessToken;
  /** Webhook events the handler reported, sent once it has succeeded. */
  events: EventBody[];
}

/** What the client gets. `trace` and `headers` as in RouteResult. */
export type Answer = RouteResult & { status: number };

/** A stage lets the request go on (undefined), answers it, or drops the connection. Errors it throws are answers. */
export type Verdict = Answer | 'drop' | undefined;
export type Stage = (deps: ServerDeps, ex: Exchange) => Verdict | Promise<Verdict>;

export function finish(ex: Exchange, status: number, responseBody: unknown): void {
  ex.entry.status = status;
  ex.entry.responseBody = responseBody;
  ex.entry.durationMs = Math.round((performance.now() - ex.started) * 100) / 100;
}

/** The matched route when it is a resource route (public OAuth routes skip token, rate limit, Version and scope). */
export function resourceRoute(ex: Exchange): ResourceRoute | undefined {
  const route = ex.match?.route;
  return route && !isPublic(route) ? route : undefined;
}
