import type { AccessToken, TokenStore } from './auth';
import type { RouteResult } from './http';
import { forbiddenLocation } from './http';
import type { SandboxState } from './state';
import type { ApiVersion } from './types';
import type { Emit } from './webhooks/events';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SandboxConfig {
  clientId: string;
  clientSecret: string;
  accessTokenTtlSeconds: number;
}

export interface BaseContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** Parsed JSON (resource routes) or form fields (token route); undefined when empty. */
  body: unknown;
  rawBody: string;
  state: SandboxState;
  tokens: TokenStore;
  config: SandboxConfig;
  /** Reports a change as a webhook event; sent only if the handler then succeeds (and webhooks are on). */
  emit: Emit;
}

export interface AuthedContext extends BaseContext {
  token: AccessToken;
}

interface RouteBase {
  method: Method;
  /** Express-style pattern, e.g. `/contacts/:contactId/tasks`; a trailing slash is ignored when matching. */
  path: string;
}

/**
 * A resource route: Bearer token, Version header (docs/highlevel-api.md §1) and scope (§5.7) are checked before the
 * handler runs.
 */
export interface ResourceRoute extends RouteBase {
  version: ApiVersion;
  scope: string;
  handler(ctx: AuthedContext): RouteResult | Promise<RouteResult>;
}

/** An OAuth route: no Bearer token, no Version header (docs/highlevel-api.md §1 table, `POST /oauth/token`). */
export interface PublicRoute extends RouteBase {
  public: true;
  handler(ctx: BaseContext): RouteResult | Promise<RouteResult>;
}

export type Route = ResourceRoute | PublicRoute;

export function isPublic(route: Route): route is PublicRoute {
  return 'public' in route;
}

interface Compiled {
  route: Route;
  segments: string[];
  staticCount: number;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const segments = split(route.path);
      return { route, segments, staticCount: segments.filter((s) => !s.startsWith(':')).length };
    });
  }

  /**
   * Finds the route for a request. Static segments win over parameters (`/calendars/events` before
   * `/calendars/:calendarId`). A wrong method is simply no match (404 "Cannot METHOD /path", as NestJS does).
   */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = split(path);
    let best: { c: Compiled; params: Record<string, string> } | undefined;
    for (const c of this.compiled) {
      if (c.route.method !== method || c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = c.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith(':')) {
          params[seg.slice(1)] = decodeURIComponent(part);
        } else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok && (!best || c.staticCount > best.c.staticCount)) best = { c, params };
    }
    return best ? { route: best.c.route, params: best.params } : undefined;
  }
}

/**
 * docs/highlevel-api.md §11.3: a token belongs to one location; any other locationId (path, query or body) answers 403.
 */
export function assertLocation(ctx: AuthedContext, locationId: unknown): void {
  if (typeof locationId === 'string' && locationId !== ctx.token.locationId) throw forbiddenLocation();
}
