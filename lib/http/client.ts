import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import type { ZodError, ZodType } from 'zod';
import { checkId, isEmpty } from '../input';
import { apiBaseUrl } from './config';
import { isWrite, type Endpoint } from './endpoints';
import { throwForHighLevelError } from './middleware';

/**
 * The one HTTP layer: every call to HighLevel goes through `ghl()`. It fills in the path from validated ids,
 * sets the Version header of the endpoint's group, checks the connection has the scope, sends only allowed body
 * properties, unwraps the envelope and, given the schema it expects, checks the answer: a raw ZodError never reaches
 * a user. Auth headers and error mapping are middleware (lib/http/middleware.ts).
 */

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions<T = unknown> {
  /** Values for the `{param}` placeholders of the endpoint's path. */
  path?: Record<string, string | undefined>;
  query?: Query;
  body?: Record<string, unknown>;
  /** Labels for path params in error messages ("Contact ID"); defaults come from PARAM_LABELS. */
  labels?: Record<string, string>;
  /** Return null on 404 instead of throwing (searches report "nothing found" as an empty list). */
  allow404?: boolean;
  /** The schema the (unwrapped) answer must match; the answer is returned as it parsed. */
  answer?: ZodType<T>;
  /** How to say what was missing when the answer does not match, e.g. "without a list of contacts". */
  unreadable?: string;
  /**
   * The API Request action only: a body sent exactly as given, instead of the allow-listed `body` (lib/api_request
   * checks it: JSON, and no other location's id).
   */
  verbatimBody?: unknown;
}

export const PARAM_LABELS: Record<string, string> = {
  contactId: 'Contact ID',
  taskId: 'Task ID',
  noteId: 'Note ID',
  locationId: 'Location ID',
  businessId: 'Business ID',
  calendarId: 'Calendar ID',
  eventId: 'Appointment ID',
  userId: 'User ID',
  opportunityId: 'Opportunity ID',
  workflowId: 'Workflow ID',
  campaignId: 'Campaign ID',
};

export const buildPath = (z: ZObject, template: string, params: CallOptions['path'] = {}, labels: CallOptions['labels'] = {}): string =>
  template.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(checkId(z, labels[name] ?? PARAM_LABELS[name] ?? name, params[name])));

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

/**
 * Whether the connection was granted a scope. Connections that recorded no scope list count as granted (the request
 * then meets HighLevel's own check). For optional parts of a step: a required call is checked by ghl() itself.
 */
export const isGranted = (bundle: Bundle, scope: string): boolean => grantedScopes(bundle)?.includes(scope) ?? true;

export const locationIdOf = (z: ZObject, bundle: Bundle): string => checkId(z, "The connection's location ID", bundle.authData?.locationId);

/** The connection's location for links in the output; '' rather than an error, since the request already succeeded. */
export const outputLocation = (bundle: Bundle): string => {
  const id = bundle.authData?.locationId;
  return typeof id === 'string' ? id : '';
};

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

/** Where the answer differs from what was expected: paths and expected types only, never the values (contact data). */
const mismatch = (error: ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the answer'}: ${issue.message}`)
    .join('; ');

/** The one bad-answer error. After a write the record most likely exists: say so, and what to do. */
export const badAnswer = (z: ZObject, endpoint: Endpoint, detail: string, status?: number): Error =>
  new z.errors.Error(
    isWrite(endpoint)
      ? `HighLevel answered ${detail} after ${endpoint.action}. The change was most likely made: check it in HighLevel before you replay this step.`
      : `HighLevel answered ${detail} while ${endpoint.action}. This is usually temporary: try again in a few minutes.`,
    'bad_response',
    status,
  );

/** The one exchange behind ghl() and ghlWithStatus(): every check, the request, the error mapping, the answer gate. */
async function exchange<T>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions<T> = {}): Promise<{ status: number; value: unknown }> {
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
  if (options.verbatimBody !== undefined) request.body = options.verbatimBody as HttpRequestOptions['body'];
  else if (endpoint.body) request.body = allowBody(endpoint, options.body ?? {});
  if (options.allow404) request.skipThrowForStatus = true;

  let response;
  try {
    response = await z.request<Record<string, unknown>>(request);
  } catch (error) {
    throw unreachable(z, error, endpoint);
  }
  if (options.allow404 && response.status === 404) return { status: 404, value: null };
  throwForHighLevelError(z, response);
  const data = response.data;
  if (data === undefined && response.content.trim()) {
    throw new z.errors.Error(
      `HighLevel sent an answer that could not be read while ${endpoint.action} (not valid JSON). This is usually temporary: try again in a few minutes.`,
      'bad_response',
      response.status,
    );
  }
  const unwrapped = endpoint.envelope && data && typeof data === 'object' && endpoint.envelope in data ? data[endpoint.envelope] : data;
  if (!options.answer) return { status: response.status, value: unwrapped };
  const parsed = options.answer.safeParse(unwrapped);
  if (!parsed.success) throw badAnswer(z, endpoint, options.unreadable ?? `in a form the app cannot read (${mismatch(parsed.error)})`, response.status);
  return { status: response.status, value: parsed.data };
}

export async function ghl<T>(
  z: ZObject,
  bundle: Bundle,
  endpoint: Endpoint,
  options: CallOptions<T> & { answer: ZodType<T>; allow404: true },
): Promise<T | null>;
export async function ghl<T>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions<T> & { answer: ZodType<T> }): Promise<T>;
export async function ghl(z: ZObject, bundle: Bundle, endpoint: Endpoint, options?: CallOptions): Promise<unknown>;
export async function ghl<T>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions<T> = {}): Promise<unknown> {
  return (await exchange(z, bundle, endpoint, options)).value;
}

/** ghl() that also says which success status HighLevel answered (the API Request action reports it). */
export const ghlWithStatus = (z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions = {}): Promise<{ status: number; value: unknown }> =>
  exchange(z, bundle, endpoint, options);
