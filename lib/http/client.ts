import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import type { ZodError, ZodType } from 'zod';
import { checkId, findTextProblem, inputError, isEmpty } from '../input';
import { apiBaseUrl } from './config';
import { MIN_REQUEST_MS, REQUEST_TIMEOUT_MS, invocationStart, requestTimeout, sleep, timeLeft } from './deadline';
import { isWrite, type Endpoint } from './endpoints';
import { throttleDelaySeconds } from './errors';
import { throwForHighLevelError } from './middleware';
import { pastOf, replaySentence, shapeOf, withOutcome, type ReplayMode, type WriteOutcome } from './outcome';

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
  /** For writes: what replaying the step does if this request's outcome is unknown (default from the endpoint). */
  replay?: ReplayMode;
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
};

/**
 * The path of a request, every `{param}` filled with an id checked by checkId: its characters, and not a word of
 * HighLevel's routes (lib/http/route_words.ts: `removeAll` as a Campaign ID would remove the contact from every
 * campaign). The one place ids go into paths: every HighLevel request (ghl()) and the relay's subscription path.
 */
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

/** Node's codes for failures before any byte of the request left: nothing can have been written. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

interface Failure {
  outcome: WriteOutcome;
  /** What happened, as the start of the message: "The connection to HighLevel broke (ECONNRESET) while creating the note". */
  what: string;
  /** For reads (and unsent writes): what to do. */
  advice: string;
  code: string;
  status?: number;
}

/** The sentence after what happened: for a write that may have happened, what a replay does; else what to do. */
const finish = (endpoint: Endpoint, failure: Failure, replay: ReplayMode): string => {
  if (!isWrite(endpoint) || failure.outcome === 'unsent') return `${failure.what}. ${failure.advice}`;
  const did = failure.outcome === 'written' ? '' : `, so HighLevel may or may not have ${pastOf(endpoint.action)}`;
  return `${failure.what}${did}. ${replaySentence(replay, endpoint.action, failure.outcome)}`;
};

const raise = (z: ZObject, endpoint: Endpoint, failure: Failure, replay: ReplayMode): Error =>
  withOutcome(new z.errors.Error(finish(endpoint, failure, replay), failure.code, failure.status), isWrite(endpoint) ? failure.outcome : 'unsent');

/** A request that failed without an answer: the network, or the timeout. Only the code, never the message (it can echo the URL). */
const networkFailure = (error: Error, endpoint: Endpoint, timeoutMs: number): Failure => {
  const { code, type } = error as Error & { code?: string; type?: string };
  if (type === 'request-timeout' || type === 'body-timeout') {
    return {
      outcome: 'unknown',
      what: `HighLevel did not answer within ${Math.round(timeoutMs / 1000)} seconds while ${endpoint.action}`,
      advice: 'HighLevel may be slow right now: try again in a few minutes.',
      code: 'timeout',
    };
  }
  if (code && NOT_SENT_CODES.has(code)) {
    return {
      outcome: 'unsent',
      what: `Could not reach HighLevel while ${endpoint.action} (${code})`,
      advice: 'Nothing was sent. This is usually a temporary network problem: try again in a few minutes.',
      code: 'network_error',
    };
  }
  return {
    outcome: 'unknown',
    what: `The connection to HighLevel broke${code ? ` (${code})` : ''} while ${endpoint.action}`,
    advice: 'This is usually a temporary network problem: try again in a few minutes.',
    code: 'network_error',
  };
};

/** Where the answer differs from what was expected: paths and expected types only, never the values (contact data). */
const mismatch = (error: ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the answer'}: ${issue.message}`)
    .join('; ');

/** The one bad-answer error: after a write, the record was written; the message says what came back (its shape) and what to do. */
export const badAnswer = (
  z: ZObject,
  endpoint: Endpoint,
  detail: string,
  answer: { json: unknown } | undefined,
  status?: number,
  replay: ReplayMode = defaultReplay(endpoint),
): Error => {
  const sent = answer ? `; it sent ${shapeOf(answer.json)}` : '';
  return raise(
    z,
    endpoint,
    {
      outcome: 'written',
      what: isWrite(endpoint)
        ? `HighLevel ${pastOf(endpoint.action)}, but answered ${detail}${sent}`
        : `HighLevel answered ${detail} while ${endpoint.action}${sent}`,
      advice: 'This is usually temporary: try again in a few minutes.',
      code: 'bad_response',
      status,
    },
    replay,
  );
};

/** Writes HighLevel applies the same way twice (updates, upsert, tags) say so; other writes ask the user to check. */
const defaultReplay = (endpoint: Endpoint): ReplayMode => (endpoint.idempotent ? 'repeats' : 'check');

/** A burst 429 whose wait fits in the invocation is waited out once here instead of failing the step (it was not executed). */
const INLINE_WAIT_MAX_MS = 10_000;

const missingScope = (z: ZObject, endpoint: Endpoint): Error =>
  // A step error, not ExpiredAuthError: reconnecting cannot grant a scope the marketplace app does not ask for, and
  // Zapier would mark the whole connection expired, stopping every Zap on it (issue 10).
  withOutcome(
    new z.errors.Error(
      `This HighLevel connection lacks the "${endpoint.scope}" permission, needed for ${endpoint.action} (${endpoint.method} ${endpoint.path}). Nothing was sent. ` +
        `The owner of the HighLevel marketplace app must add the "${endpoint.scope}" scope to the app (marketplace.gohighlevel.com → My Apps → the app → Advanced Settings → Auth → Scopes); ` +
        'then reconnect HighLevel in Zapier so the new token carries it. Other steps that do not need it keep working.',
      'missing_scope',
      403,
    ),
    'unsent',
  );

/** The one exchange behind ghl() and ghlWithStatus(): every check, the request, the error mapping, the answer gate. */
async function exchange<T>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions<T>): Promise<{ status: number; value: unknown }> {
  invocationStart(bundle);
  const replay = options.replay ?? defaultReplay(endpoint);
  const url = apiBaseUrl() + buildPath(z, endpoint.path, options.path, options.labels);
  const granted = grantedScopes(bundle);
  // Checked before sending: HighLevel would answer 401 "not authorized for this scope", which the platform's
  // auto-refresh would treat as an expired token.
  if (granted && !granted.includes(endpoint.scope)) throw missingScope(z, endpoint);
  const request: HttpRequestOptions & { url: string } = {
    url,
    method: endpoint.method,
    headers: { Version: endpoint.version },
    middlewareData: { action: endpoint.action },
    // Errors are mapped below, where it is known whether a write may have happened (the middleware cannot know).
    skipThrowForStatus: true,
  };
  if (options.query) {
    request.params = Object.fromEntries(Object.entries(options.query).filter(([, v]) => !isEmpty(v)));
  }
  if (options.verbatimBody !== undefined) request.body = options.verbatimBody as HttpRequestOptions['body'];
  else if (endpoint.body) request.body = allowBody(endpoint, options.body ?? {});
  const broken = findTextProblem({ ...(request.params ?? {}), ...(typeof request.body === 'object' ? request.body : {}) });
  if (broken) throw withOutcome(inputError(z, `Not sent to HighLevel: the value for ${broken.path} ${broken.problem}.`), 'unsent');

  for (let attempt = 0; ; attempt++) {
    const timeout = requestTimeout(bundle);
    if (timeout < MIN_REQUEST_MS) {
      throw raise(
        z,
        endpoint,
        {
          outcome: 'unsent',
          what: `This step ran out of time before ${endpoint.action} (Zapier allows 30 seconds, and the requests before it took most of them)`,
          advice: 'Nothing was sent: replay the step, or try again in a few minutes.',
          code: 'timeout',
        },
        replay,
      );
    }
    let response: HttpResponse<Record<string, unknown>>;
    try {
      response = await z.request<Record<string, unknown>>({ ...request, timeout });
    } catch (error) {
      // Zapier's own errors (RefreshAuthError on a 401, ThrottledError) pass: the request was refused, nothing written.
      if (!(error instanceof Error) || error.name !== 'FetchError') throw withOutcome(error instanceof Error ? error : new Error(String(error)), 'unsent');
      throw raise(z, endpoint, networkFailure(error, endpoint, timeout), replay);
    }
    if (options.allow404 && response.status === 404) return { status: 404, value: null };
    if (response.status === 429 && attempt === 0) {
      const waitMs = shortWait(response);
      if (waitMs !== undefined && timeLeft(bundle) > waitMs + REQUEST_TIMEOUT_MS / 2) {
        await sleep(waitMs);
        continue;
      }
    }
    if (response.status >= 400) {
      try {
        throwForHighLevelError(z, response);
      } catch (error) {
        // A 5xx after a write may come from a gateway that gave up while HighLevel went on (least convenient reading).
        if (response.status < 500 || !isWrite(endpoint) || !(error instanceof Error)) throw withOutcome(error as Error, 'unsent');
        throw raise(
          z,
          endpoint,
          { outcome: 'unknown', what: serverErrorText(error), advice: '', code: `http_${response.status}`, status: response.status },
          replay,
        );
      }
    }
    return { status: response.status, value: readAnswer(z, endpoint, response, options, replay) };
  }
}

/** The message of the mapped 5xx error, up to its advice ("HighLevel had a server error (502) while … (trace)"). */
const serverErrorText = (error: Error): string => {
  let message = error.message;
  try {
    message = (JSON.parse(error.message) as { message?: string }).message ?? message;
  } catch {
    // not a z.errors.Error: keep the text
  }
  return message.replace(/\. This is usually temporary: try again in a few minutes\.?/, '').replace(/\.$/, '');
};

/** The wait a burst 429 asks for, when it is short enough to wait out in this invocation (never the daily limit). */
const shortWait = (response: HttpResponse): number | undefined => {
  if (response.getHeader('x-ratelimit-daily-remaining') === '0') return undefined;
  const seconds = throttleDelaySeconds((name) => response.getHeader(name) ?? undefined);
  return seconds * 1000 <= INLINE_WAIT_MAX_MS ? seconds * 1000 : undefined;
};

const readAnswer = <T>(
  z: ZObject,
  endpoint: Endpoint,
  response: HttpResponse<Record<string, unknown>>,
  options: CallOptions<T>,
  replay: ReplayMode,
): unknown => {
  const data = response.data;
  if (data === undefined && response.content.trim()) {
    throw badAnswer(
      z,
      endpoint,
      `with text that is not valid JSON (${response.content.length} characters, perhaps cut off)`,
      undefined,
      response.status,
      replay,
    );
  }
  const unwrapped = endpoint.envelope && data && typeof data === 'object' && endpoint.envelope in data ? data[endpoint.envelope] : data;
  if (!options.answer) return unwrapped;
  const parsed = options.answer.safeParse(unwrapped);
  if (!parsed.success) {
    throw badAnswer(z, endpoint, options.unreadable ?? `in a form the app cannot read (${mismatch(parsed.error)})`, { json: data }, response.status, replay);
  }
  return parsed.data;
};

export async function ghl<T>(
  z: ZObject,
  bundle: Bundle,
  endpoint: Endpoint,
  options: CallOptions<T> & { answer: ZodType<T>; allow404: true },
): Promise<T | null>;
export async function ghl<T>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions<T> & { answer: ZodType<T> }): Promise<T>;
export async function ghl<T>(z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions<T> & { answer: ZodType<T> }): Promise<T | null> {
  return (await exchange(z, bundle, endpoint, options)).value as T | null;
}

/**
 * ghl() that also says which success status HighLevel answered, with the answer as HighLevel sent it (the API Request
 * action reports both; its routes have no answer schema of the app's).
 */
export const ghlWithStatus = (z: ZObject, bundle: Bundle, endpoint: Endpoint, options: CallOptions = {}): Promise<{ status: number; value: unknown }> =>
  exchange(z, bundle, endpoint, options);
