import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { apiBaseUrl } from './config';
import type { Endpoint } from './endpoints';
import { throwForHighLevelError } from './middleware';

/**
 * The one HTTP layer: every call to HighLevel goes through `ghl()`. It fills in the path from validated ids,
 * sets the Version header of the endpoint's group, checks the connection has the scope, sends only allowed body
 * properties, and unwraps the envelope. Auth headers and error mapping are middleware (lib/middleware.ts).
 */

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  /** Values for the `{param}` placeholders of the endpoint's path. */
  path?: Record<string, string | undefined>;
  query?: Query;
  body?: Record<string, unknown>;
  /** Labels for path params in error messages ("Contact ID"); defaults come from PARAM_LABELS. */
  labels?: Record<string, string>;
  /** Return null on 404 instead of throwing (searches report "nothing found" as an empty list). */
  allow404?: boolean;
}

/** HighLevel ids: 20-char opaque ids, 24-hex Mongo ids, recurring instances `<id>_<epochMs>_<n>`. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export const PARAM_LABELS: Record<string, string> = {
  contactId: 'Contact ID',
  taskId: 'Task ID',
  noteId: 'Note ID',
  locationId: 'Location ID',
  businessId: 'Business ID',
  calendarId: 'Calendar ID',
  eventId: 'Appointment ID',
  userId: 'User ID',
};

/** Thrown for bad input before any request is sent. */
export const inputError = (z: ZObject, message: string): Error => new z.errors.Error(message, 'invalid_input', 400);

export const checkId = (z: ZObject, label: string, value: unknown): string => {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!text) throw inputError(z, `${label} is required.`);
  if (!ID_PATTERN.test(text)) {
    throw inputError(z, `${label} "${text.slice(0, 60)}" is not a valid HighLevel ID: IDs contain only letters, digits, "_" and "-" (for example ve9EPM428h8vShlRW1KT).`);
  }
  return text;
};

export const buildPath = (z: ZObject, template: string, params: CallOptions['path'] = {}, labels: CallOptions['labels'] = {}): string =>
  template.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(checkId(z, labels[name] ?? PARAM_LABELS[name] ?? name, params[name])),
  );

/** True for values Zapier hands over for a field the user left empty. */
export const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** Keeps only the properties HighLevel accepts for this endpoint, and drops empty ones. */
export const allowBody = (endpoint: Endpoint, body: Record<string, unknown>): Record<string, unknown> => {
  const allowed = endpoint.body ?? [];
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length) {
    // A programming error, not user input: HighLevel would answer 422 "property X should not exist".
    throw new Error(`Not sent: ${endpoint.method} ${endpoint.path} does not accept ${unknown.join(', ')}.`);
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => !isEmpty(value)));
};

const grantedScopes = (bundle: Bundle): string[] | undefined => {
  const scope = bundle.authData?.scope;
  return typeof scope === 'string' && scope.trim() ? scope.trim().split(/[\s,]+/) : undefined;
};

export const locationIdOf = (z: ZObject, bundle: Bundle): string => checkId(z, 'The connection\'s location ID', bundle.authData?.locationId);

/** Network failures (connection reset, DNS, timeout) become a message that says what to do; Zapier errors pass. */
const unreachable = (z: ZObject, error: unknown, endpoint: Endpoint): unknown => {
  if (!(error instanceof Error) || error.name !== 'FetchError') return error;
  const code = (error as Error & { code?: string }).code;
  // Only the error code: the message can echo the request (URL, headers), which must not reach logs or users.
  return new z.errors.Error(
    `Could not reach HighLevel while ${endpoint.action}${code ? ` (${code})` : ''}. ` +
      'This is usually a temporary network problem: try again in a few minutes.',
    'network_error',
  );
};

export async function ghl<T = unknown>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions = {}): Promise<T> {
  const url = apiBaseUrl() + buildPath(z, endpoint.path, options.path, options.labels);
  const granted = grantedScopes(bundle);
  if (granted && !granted.includes(endpoint.scope)) {
    // Checked before sending: HighLevel would answer 401 "not authorized for this scope", which the platform's
    // auto-refresh would treat as an expired token. Only a reconnect grants a new scope.
    throw new z.errors.ExpiredAuthError(
      `This HighLevel connection was not granted the "${endpoint.scope}" permission needed for ${endpoint.action}. ` +
        'Reconnect your HighLevel account in Zapier and approve every permission the app asks for.',
    );
  }
  const request: HttpRequestOptions & { url: string } = {
    url,
    method: endpoint.method,
    headers: { Version: endpoint.version },
    middlewareData: { action: endpoint.action },
  };
  if (options.query) {
    request.params = Object.fromEntries(Object.entries(options.query).filter(([, v]) => !isEmpty(v)));
  }
  if (endpoint.body) request.body = allowBody(endpoint, options.body ?? {});
  if (options.allow404) request.skipThrowForStatus = true;

  let response;
  try {
    response = await z.request<Record<string, unknown>>(request);
  } catch (error) {
    throw unreachable(z, error, endpoint);
  }
  if (options.allow404 && response.status === 404) return null as T;
  throwForHighLevelError(z, response);
  const data = response.data;
  if (data === undefined && response.content.trim()) {
    throw new z.errors.Error(
      `HighLevel sent an answer that could not be read while ${endpoint.action} (not valid JSON). This is usually temporary: try again in a few minutes.`,
      'bad_response',
      response.status,
    );
  }
  if (endpoint.envelope && data && typeof data === 'object' && endpoint.envelope in data) {
    return data[endpoint.envelope] as T;
  }
  return data as T;
}
