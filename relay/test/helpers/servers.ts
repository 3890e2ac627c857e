import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { createServer as createTcpServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

async function listen(server: Server | ReturnType<typeof createTcpServer>, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function close(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A stand-in for HighLevel's `GET /locations/{id}`: 200 for `Bearer token-<id>`, 429 (Retry-After 7) for `Bearer busy`, 401 otherwise. */
export interface FakeGhl {
  url: string;
  calls: { path: string; authorization: string | undefined; version: string | undefined }[];
  close(): Promise<void>;
}

export const tokenFor = (locationId: string): string => `token-${locationId}`;

export async function startFakeGhl(): Promise<FakeGhl> {
  const calls: FakeGhl['calls'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const version = req.headers.version;
    calls.push({ path, authorization: req.headers.authorization, version: typeof version === 'string' ? version : undefined });
    const m = /^\/locations\/([^/?]+)$/.exec(path);
    const id = m ? decodeURIComponent(m[1] ?? '') : '';
    if (m && req.headers.authorization === `Bearer ${tokenFor(id)}` && version === '2021-07-28') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ location: { id, companyId: `company-of-${id}`, name: 'Test location' } }));
      return;
    }
    if (req.headers.authorization === 'Bearer busy') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end(JSON.stringify({ statusCode: 429, message: 'Too many requests' }));
      return;
    }
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: 401, message: 'Invalid JWT' }));
  });
  server.keepAliveTimeout = 1;
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, calls, close: () => close(server) };
}

/** A Zapier-hook stand-in: records every POST; `respond` decides each answer (status, or 'hang' to never answer). */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  at: number;
}

/** A status, a status with headers (e.g. a 429's Retry-After), or 'hang' to never answer. */
export type Answer = number | { status: number; headers?: Record<string, string> };
export type Respond = (r: Received) => Answer | 'hang' | Promise<Answer>;

export interface Target {
  url: string;
  received: Received[];
  respond: Respond;
  /** Resolves when `count` requests (in total) have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startTarget(respond: Respond = () => 200): Promise<Target> {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<ServerResponse>();
  const target: Target = {
    url: '',
    received,
    respond,
    waitFor(count, timeoutMs = 15_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`target got ${received.length} requests, expected ${count}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await close(server);
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = {};
      }
      const r: Received = { path: req.url ?? '/', headers: req.headers, body, json, at: Date.now() };
      received.push(r);
      for (const w of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const answer = target.respond(r);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      void Promise.resolve(answer).then((a) => {
        const { status, headers } = typeof a === 'number' ? { status: a, headers: {} } : a;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end('{}');
      });
    });
  });
  const port = await listen(server);
  target.url = `http://127.0.0.1:${port}`;
  return target;
}

/**
 * A TCP proxy in front of a database server: `down()` cuts every connection and refuses new ones, `up()` lets them
 * through again on the same port — the database going away and coming back, as the relay sees it.
 */
export interface DbProxy {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const upstream = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let server = createTcpServer();
  const handle = (client: Socket) => {
    const db = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client);
    sockets.add(db);
    const end = () => {
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on('error', end).on('close', end);
    db.on('error', end).on('close', end);
    client.pipe(db).pipe(client);
  };
  server.on('connection', handle);
  const port = await listen(server);
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  let isUp = true;
  return {
    url: url.toString(),
    async down() {
      if (!isUp) return;
      isUp = false;
      const closed = close(server);
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
    },
    async up() {
      if (isUp) return;
      server = createTcpServer();
      server.on('connection', handle);
      await listen(server, port);
      isUp = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (isUp) await close(server);
    },
  };
}
