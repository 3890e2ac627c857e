/** Route results and the NestJS-style error answers HighLevel gives (docs/highlevel-api.md §2). */

export interface RouteResult {
  status?: number;
  body: unknown;
  /**
   * Add a top-level `traceId` to an object body (default true; false for unwrapped objects, docs/highlevel-api.md
   * §11.10).
   */
  trace?: boolean;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly options: { trace?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

export function badRequest(message: string, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(400, { statusCode: 400, message, ...extra });
}

export function notFound(message: string): HttpError {
  return new HttpError(404, { statusCode: 404, message, error: 'Not Found' });
}

/**
 * docs/highlevel-api.md §2: a token for one location used on another location's data. Message chosen by us (§2 is
 * silent).
 */
export function forbiddenLocation(): HttpError {
  return new HttpError(403, {
    statusCode: 403,
    message: 'The token does not have access to this location.',
    error: 'Forbidden',
  });
}

/** docs/highlevel-api.md §2: 422 always carries `message` as an array and `error: "Unprocessable Entity"`. */
export function unprocessable(messages: string[]): HttpError {
  return new HttpError(422, { statusCode: 422, message: messages, error: 'Unprocessable Entity' });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
