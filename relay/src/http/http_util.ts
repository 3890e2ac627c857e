import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query string (routing). */
  path: string;
  /** Path and query string exactly as sent (what the relay API signature covers). */
  target: string;
  requestId: string;
  log: Logger;
}

export class BodyTooLarge extends Error {
  constructor() {
    super('body too large');
    this.name = 'BodyTooLarge';
  }
}

/**
 * Reads the whole body, refusing more than `limit` bytes. An announced Content-Length over the limit is refused
 * without reading; an unannounced excess is read and thrown away (up to 8× the limit, then the connection is cut)
 * so the client still gets to read the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > limit * 8) {
          req.destroy();
          reject(new BodyTooLarge());
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function sendJson(ctx: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ctx.res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  ctx.res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  ctx.res.end(text);
}

export function sendText(ctx: RequestContext, status: number, text: string, contentType: string): void {
  if (ctx.res.headersSent) return;
  ctx.res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  ctx.res.end(text);
}

export function errorBody(status: number, message: string, details?: string[]): Record<string, unknown> {
  return { error: { status, message, ...(details ? { details } : {}) } };
}
