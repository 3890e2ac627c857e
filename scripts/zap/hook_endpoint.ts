import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZapierRuntime } from './runtime';

/**
 * A stand-in for Zapier's REST hook endpoint (hooks.zapier.com) on loopback. Turning a Zap on runs the trigger's
 * performSubscribe with a target URL of its own; a POST to that URL is answered 200 at once (as Zapier does) and the
 * app's hook `perform` then runs through the Zapier runtime with the bundle Zapier builds (cleanedRequest, rawRequest
 * with `Http-` headers, subscribeData, meta.zap); a Zap that is off answers 410 Gone, so the relay drops it.
 */
type Item = Record<string, unknown>;

export interface HookOutput {
  /** Wall-clock ms when perform returned the item. */
  at: number;
  item: Item;
}

export interface HookRun {
  at: number;
  webhookId: string;
  event: string;
  items: number;
  error?: string;
}

export class InstantZap {
  readonly outputs: HookOutput[] = [];
  readonly runs: HookRun[] = [];
  subscribeData: Item = {};
  on = false;
  /** What the Zap's later steps do with each item (e.g. write to the other app); runs before the next delivery's item. */
  onItem: ((item: Item) => Promise<void>) | undefined;
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly key: string,
    readonly zapId: string,
    readonly inputData: Item,
    readonly targetUrl: string,
    private readonly runtime: ZapierRuntime,
  ) {}

  /** perform's runs in flight, plus the Zap's own steps still running. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Turning the Zap on. A throttled subscribe (HighLevel's 100 requests per 10 s used up, here by the steps just run)
   * is tried again after the wait it names, as a person turning the Zap on again would; up to 4 tries.
   */
  async turnOn(): Promise<Item> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.subscribeData = await this.runtime.hook<Item>(this.key, 'performSubscribe', this.inputData, this.meta(), { targetUrl: this.targetUrl });
        break;
      } catch (error) {
        if (attempt >= 4 || !(error instanceof Error) || error.name !== 'ThrottledError') throw error;
        const delay = Number((JSON.parse(error.message) as { delay?: unknown }).delay);
        await new Promise((resolve) => setTimeout(resolve, Math.min(15, Number.isFinite(delay) && delay > 0 ? delay : 10) * 1000));
      }
    }
    this.on = true;
    return this.subscribeData;
  }

  async turnOff(): Promise<Item> {
    this.on = false;
    return this.runtime.hook<Item>(this.key, 'performUnsubscribe', this.inputData, this.meta(), {
      subscribeData: this.subscribeData,
      targetUrl: this.targetUrl,
    });
  }

  /** Outputs since `since` that match, waiting up to `timeoutMs` for at least one. */
  async waitFor(match: (item: Item) => boolean, since: number, timeoutMs = 15_000): Promise<HookOutput[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.outputs.filter((o) => o.at >= since && match(o.item));
      if (found.length) return found;
      if (Date.now() > deadline) return [];
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Runs perform for one POST (after the 200 went out), then the Zap's steps for each item, one delivery at a time. */
  receive(raw: string, headers: IncomingMessage['headers'], querystring: string): void {
    this.pending += 1;
    let cleaned: Item = {};
    try {
      cleaned = JSON.parse(raw) as Item;
    } catch {
      cleaned = {};
    }
    const run = async () => {
      const entry: HookRun = { at: Date.now(), webhookId: String(cleaned.webhookId ?? ''), event: String(cleaned.event ?? ''), items: 0 };
      try {
        const items = await this.runtime.hook<Item[]>(this.key, 'perform', this.inputData, this.meta(), {
          cleanedRequest: cleaned,
          rawRequest: { method: 'POST', querystring, headers: zapierHeaders(headers), content: raw },
          subscribeData: this.subscribeData,
        });
        entry.items = items.length;
        for (const item of items) this.outputs.push({ at: Date.now(), item });
        for (const item of items) await this.onItem?.(item);
      } catch (error) {
        entry.error = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error);
      } finally {
        this.runs.push(entry);
        this.pending -= 1;
      }
    };
    this.chain = this.chain.then(run);
  }

  private meta(): Item {
    return { zap: { id: this.zapId, user: { timezone: 'Europe/Berlin' } } };
  }
}

/** Zapier hands hook headers over as `Http-Header-Name` (title case, with the prefix). */
const zapierHeaders = (headers: IncomingMessage['headers']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [`Http-${name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`)}`, value]),
  );

export class HookEndpoint {
  private readonly zaps = new Map<string, InstantZap>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly runtime: ZapierRuntime,
  ) {}

  static async start(runtime: ZapierRuntime): Promise<HookEndpoint> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const endpoint = new HookEndpoint(server, `http://127.0.0.1:${port}`, runtime);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => endpoint.handle(req, res));
    return endpoint;
  }

  /** A Zap on an instant trigger, with a hook URL of its own (not yet on: call turnOn). */
  zap(key: string, inputData: Item = {}, zapId = `${key}-${randomBytes(3).toString('hex')}`): InstantZap {
    const zap = new InstantZap(
      key,
      zapId,
      inputData,
      `${this.baseUrl}/hooks/standard/${encodeURIComponent(zapId)}/${randomBytes(8).toString('hex')}/`,
      this.runtime,
    );
    this.zaps.set(new URL(zap.targetUrl).pathname, zap);
    return zap;
  }

  /** True when no perform or Zap step is running on any Zap. */
  get idle(): boolean {
    return [...this.zaps.values()].every((z) => !z.busy);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.baseUrl);
      const zap = this.zaps.get(url.pathname);
      if (req.method !== 'POST' || !zap || !zap.on) {
        res.writeHead(410, { 'content-type': 'application/json' }).end('{"status":"gone"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', id: randomBytes(8).toString('hex') }));
      zap.receive(Buffer.concat(chunks).toString('utf8'), req.headers, url.search.slice(1));
    });
  }
}
