import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, isRecord } from './http';
import type { Answer, Exchange, ServerDeps, Stage, Verdict } from './pipeline/exchange';
import { finish } from './pipeline/exchange';
import { flattenHeaders, parseQuery } from './pipeline/request';
import { applyFaults, checkRateLimit, serverErrorMessage, checkScope, checkToken, checkVersion, findRoute, logBody, runHandler } from './pipeline/stages';

export type { ServerDeps } from './pipeline/exchange';

/**
 * The request pipeline: log → faults → route (404) → token (401) → rate limit (429) → Version (400) → scope (401)
 * → handler. Each stage is in `pipeline/stages.ts`; the first one that answers (or throws) ends the run.
 */
const STAGES: readonly Stage[] = [logBody, applyFaults, findRoute, checkToken, checkRateLimit, checkVersion, checkScope, runHandler];

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      console.error('[sandbox] unhandled error', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, message: 'Internal server error' }));
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ex = openLogEntry(deps, req);
  let verdict = await runStages(deps, ex);
  // Faults after the write: the handler ran (and wrote); only a success is replaced, as a gateway or network would.
  const after = ex.fault.outcome;
  if (verdict !== 'drop' && verdict.status < 400 && after?.kind === 'dropAfterWrite') verdict = 'drop';
  if (verdict !== 'drop' && verdict.status < 400 && after?.kind === 'serverErrorAfterWrite') {
    verdict = { status: after.value, body: { statusCode: after.value, message: serverErrorMessage(after.value) } };
  }
  if (verdict === 'drop') {
    finish(ex, 0, undefined);
    req.socket.destroy();
    return;
  }
  respond(ex, res, verdict);
}

/** Log (first half): every request is in `sandbox.requests` before any stage can fail. */
function openLogEntry(deps: ServerDeps, req: IncomingMessage): Exchange {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const headers = flattenHeaders(req);
  const ex: Exchange = {
    req,
    started: performance.now(),
    method,
    path: url.pathname,
    headers,
    entry: {
      at: Date.now(),
      method,
      path: url.pathname,
      query: parseQuery(url.searchParams),
      headers: { ...headers, ...(headers.authorization ? { authorization: 'Bearer [redacted]' } : {}) },
      ...(headers.version !== undefined ? { version: headers.version } : {}),
      body: undefined,
      status: 0,
      durationMs: 0,
      responseBody: undefined,
      faults: [],
    },
    rawBody: '',
    body: { ok: true, value: undefined },
    fault: { latencyMs: 0, names: [] },
    rateHeaders: {},
    events: [],
  };
  deps.requests.push(ex.entry);
  return ex;
}

async function runStages(deps: ServerDeps, ex: Exchange): Promise<Exclude<Verdict, undefined>> {
  try {
    for (const stage of STAGES) {
      const verdict = await stage(deps, ex);
      if (verdict !== undefined) return verdict;
    }
    throw new Error('no stage answered');
  } catch (err) {
    if (err instanceof HttpError) {
      return { status: err.status, body: err.body, trace: err.options.trace, headers: err.options.headers };
    }
    console.error('[sandbox] route error', err);
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }
}

/** Writes the answer: `traceId` on enveloped bodies, rate-limit headers, and the malformed-JSON fault's cut. */
function respond(ex: Exchange, res: ServerResponse, answer: Answer): void {
  let body = answer.body;
  if ((answer.trace ?? true) && isRecord(body)) body = { ...body, traceId: randomUUID() };
  const headers: Record<string, string> = { ...ex.rateHeaders, ...(answer.headers ?? {}) };
  if (body === undefined) {
    finish(ex, answer.status, undefined);
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  let text = JSON.stringify(body);
  let logged: unknown = body;
  if (ex.fault.outcome?.kind === 'malformedJson') {
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    logged = text;
  }
  headers['content-type'] = 'application/json; charset=utf-8';
  finish(ex, answer.status, logged);
  if (res.destroyed) return; // e.g. an oversized body: the socket is already gone
  res.writeHead(answer.status, headers);
  res.end(text);
}
