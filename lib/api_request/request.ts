import type { Bundle, ZObject } from 'zapier-platform-core';
import { ghlWithStatus, isGranted, locationIdOf } from '../http/client';
import { V_2021_04_15, V_2021_07_28, type Endpoint, type HttpMethod } from '../http/endpoints';
import { SCOPES, type Scope } from '../http/scopes';
import { InvalidInput, checkText, text, validated } from '../input';
import { BEYOND_LOCATION, ROUTES, type RouteEntry } from './routes';

/**
 * The API Request action's guard rails: a request to any HighLevel v2 route, held to HighLevel's own host (the path
 * is appended to the app's API base, never a URL of the user's), to the connection's location, and to the
 * connection's scopes, with the Version header of the route's group (docs/highlevel-api.md §1). Everything is checked
 * before anything is sent; each refusal says what to change.
 */
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const satisfies readonly HttpMethod[];
export const VERSIONS = [V_2021_07_28, V_2021_04_15] as const;
type Version = (typeof VERSIONS)[number];

/** The connection's location, for paths: `/locations/{locationId}/tags`. */
export const LOCATION_PLACEHOLDER = '{locationId}';

interface CompiledRoute {
  method: HttpMethod;
  template: string;
  segments: string[];
  scope: string;
  locationQuery?: 'locationId' | 'location_id';
  beyondLocation: boolean;
}

const compile =
  (beyondLocation: boolean) =>
  ([route, scope, locationQuery]: RouteEntry): CompiledRoute => {
    const [method, template] = route.split(' ') as [HttpMethod, string];
    return { method, template, segments: template.split('/').filter(Boolean), scope, locationQuery, beyondLocation };
  };

const COMPILED: CompiledRoute[] = [...ROUTES.map(compile(false)), ...BEYOND_LOCATION.map(compile(true))];

/** Ids and keys in paths: the characters HighLevel ids use (lib/input.ts checkId). Anything else is refused. */
const SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;

/** Version by path group (§1): calendars 2021-04-15, everything else 2021-07-28. */
export const versionFor = (template: string): Version => (template.startsWith('/calendars') ? V_2021_04_15 : V_2021_07_28);

/** Location ids named in a query or body: these keys must hold the connection's location and nothing else. */
const LOCATION_KEY = /^location_?ids?$/i;

export interface CheckedRequest {
  endpoint: Endpoint;
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

const readPath = (raw: string, locationId: string): string[] => {
  const path = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    throw new InvalidInput(
      `Path "${path.slice(0, 80)}" is a full address: give only the path after the host, e.g. \`/contacts/ocQHyuzHvysMo5N5VsXc\`. The request always goes to HighLevel's API.`,
    );
  }
  if (!path.startsWith('/')) throw new InvalidInput(`Path "${path.slice(0, 80)}" must start with "/", e.g. \`/opportunities/pipelines\`.`);
  if (/[?#]/.test(path)) throw new InvalidInput('Path must not contain "?" or "#": put query parameters in Query Parameters.');
  if (/[%\\\s]/.test(path)) throw new InvalidInput('Path must not contain "%", "\\" or spaces: write ids as they are, without encoding.');
  const segments = path.replaceAll(LOCATION_PLACEHOLDER, locationId).split('/').slice(1);
  if (segments.at(-1) === '') segments.pop(); // a trailing slash (`/contacts/`) is part of some routes
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new InvalidInput('Path must not contain empty, "." or ".." segments.');
  return segments;
};

const matchRoute = (method: HttpMethod, segments: string[]): { route: CompiledRoute; params: Record<string, string> } | undefined => {
  let best: { route: CompiledRoute; params: Record<string, string>; fixed: number } | undefined;
  for (const route of COMPILED) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let fixed = 0;
    const ok = route.segments.every((seg, i) => {
      const part = segments[i] ?? '';
      if (seg.startsWith('{')) {
        params[seg.slice(1, -1)] = part;
        return SEGMENT.test(part);
      }
      fixed += 1;
      return seg === part;
    });
    if (ok && (!best || fixed > best.fixed)) best = { route, params, fixed };
  }
  return best && { route: best.route, params: best.params };
};

/** Every value under a location key, at any depth, must be the connection's location. */
const otherLocations = (value: unknown, locationId: string, found: string[] = []): string[] => {
  if (Array.isArray(value)) value.forEach((v) => otherLocations(v, locationId, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (LOCATION_KEY.test(key)) {
        for (const id of Array.isArray(v) ? v : [v]) if (id !== locationId) found.push(`${key}=${JSON.stringify(id)?.slice(0, 40)}`);
      } else otherLocations(v, locationId, found);
    }
  }
  return found;
};

const readQuery = (raw: unknown): Record<string, string> => {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw === 'string') text(raw, 'Query Parameters'); // a broken character or a typed {{reference}}: say that
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidInput('Query Parameters must be key-value pairs.');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const k = key.trim();
    if (!k) continue;
    if (!/^[A-Za-z0-9_.[\]-]{1,100}$/.test(k))
      throw new InvalidInput(`Query parameter "${k.slice(0, 40)}" has characters a HighLevel parameter name does not use.`);
    const v = text(value, `Query parameter "${k.slice(0, 40)}"`);
    if (v !== undefined) out[k] = v;
  }
  return out;
};

const readBody = (raw: unknown, method: HttpMethod): unknown => {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  if (method === 'GET') throw new InvalidInput('A GET request has no body: leave Body empty, or put the values in Query Parameters.');
  let body: unknown = raw;
  if (typeof raw === 'string') {
    checkText('Body', raw); // a broken character or a typed {{reference}}: say that rather than "not JSON"
    try {
      body = JSON.parse(raw);
    } catch {
      throw new InvalidInput('Body is not valid JSON: write it as a JSON object, e.g. `{"name": "Lena Vogt: Level 1"}`.');
    }
  }
  if (body === null || typeof body !== 'object') throw new InvalidInput('Body must be a JSON object or list, e.g. `{"tags": ["vip"]}`.');
  return body;
};

const scopeProblem = (bundle: Bundle, scope: string, what: string): string | undefined => {
  if (!(SCOPES as readonly string[]).includes(scope)) {
    return `${what} needs the "${scope}" permission, which this app does not ask HighLevel for, so no connection of it can make this request.`;
  }
  if (!isGranted(bundle, scope)) {
    return `${what} needs the "${scope}" permission, which this connection was not granted: reconnect your HighLevel account in Zapier and approve every permission the app asks for.`;
  }
  return undefined;
};

/** The request the user described, checked; throws the one input error (nothing sent) otherwise. */
export const checkRequest = (z: ZObject, bundle: Bundle): CheckedRequest => {
  const locationId = locationIdOf(z, bundle);
  return validated(z, () => {
    const input = bundle.inputData as Record<string, unknown>;
    const method = text(input.method, 'Method')?.toUpperCase() as HttpMethod | undefined;
    if (!method || !(METHODS as readonly string[]).includes(method)) throw new InvalidInput(`Method must be one of ${METHODS.join(', ')}.`);
    const rawPath = text(input.path, 'Path');
    if (!rawPath) throw new InvalidInput('Path is required, e.g. `/opportunities/pipelines`.');
    const segments = readPath(rawPath, locationId);
    const found = matchRoute(method, segments);
    const what = `${method} /${segments.join('/')}`;
    if (!found) {
      throw new InvalidInput(
        `${what} is not a HighLevel v2 route this app knows the permission of, so it is not sent. Check the method and path against HighLevel's API reference (ids as they are, e.g. \`/contacts/ocQHyuzHvysMo5N5VsXc/notes\`).`,
      );
    }
    const { route, params } = found;
    if (route.beyondLocation) {
      throw new InvalidInput(`${what} reaches past this connection's location (it lists other locations), so it is not sent.`);
    }
    const problem = scopeProblem(bundle, route.scope, what);
    if (problem) throw new InvalidInput(problem);
    if (params.locationId !== undefined && params.locationId !== locationId) {
      throw new InvalidInput(
        `${what} names another location (${params.locationId}). This connection works on its own location only: use \`${LOCATION_PLACEHOLDER}\` in the path.`,
      );
    }
    const query = readQuery(input.query);
    if (route.locationQuery && query[route.locationQuery] === undefined) query[route.locationQuery] = locationId;
    const body = readBody(input.body, method);
    const others = [...otherLocations(query, locationId), ...otherLocations(body, locationId)];
    if (others.length) {
      throw new InvalidInput(
        `The request names another location (${others.slice(0, 3).join(', ')}). This connection works on its own location only (${locationId}).`,
      );
    }
    const version = text(input.version, 'Version Header');
    if (version !== undefined && !(VERSIONS as readonly string[]).includes(version)) {
      throw new InvalidInput(`Version Header must be one of ${VERSIONS.join(', ')} (or empty for the route's own).`);
    }
    const endpoint: Endpoint = {
      method,
      path: route.template,
      version: (version as Version | undefined) ?? versionFor(route.template),
      scope: route.scope as Scope,
      action: `calling ${method} ${route.template}`,
    };
    return { endpoint, path: params, query, body };
  });
};

/** Sends the checked request; the answer comes back as HighLevel sent it, with its status. */
export const sendRequest = async (z: ZObject, bundle: Bundle, request: CheckedRequest): Promise<{ status: number; data: unknown }> => {
  const { status, value } = await ghlWithStatus(z, bundle, request.endpoint, {
    path: request.path,
    query: request.query,
    verbatimBody: request.body,
  });
  return { status, data: value ?? null };
};
