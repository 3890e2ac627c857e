import * as zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import App from '../../index';

/**
 * Runs the app's operations the way Zapier does, through zapier-platform-core's app tester (so the app's own
 * middleware, auth headers and error mapping run), plus the parts of Zapier's backend the tester leaves out:
 * refresh-and-retry-once on RefreshAuthError (autoRefresh), search-or-create, the polling dedupe table, and a z.cache
 * that keeps TTLs and `nx` (the tester's mock ignores both) shared by every invocation of the connection.
 */

interface CacheEntry {
  json: string;
  expires: number;
}

/** Zapier's z.cache for one connection: JSON values, TTL in seconds, `nx` (set only when absent). */
export class ZapierCache {
  private readonly entries = new Map<string, CacheEntry>();
  /** False: every call fails, as z.cache does where Zapier's backend is not there (`zapier-platform invoke`). */
  available = true;

  private check(): void {
    if (!this.available) throw new Error('rpc is not available');
  }

  private live(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires <= Date.now()) this.entries.delete(key);
    return this.entries.get(key);
  }

  async get(key: string): Promise<unknown> {
    this.check();
    const entry = this.live(key);
    return entry ? (JSON.parse(entry.json) as unknown) : null;
  }

  async set(key: string, value: unknown, ttl?: number | null, _scope?: string[] | null, nx?: boolean | null): Promise<boolean> {
    this.check();
    if (nx && this.live(key)) return false;
    this.entries.set(key, { json: JSON.stringify(value), expires: ttl ? Date.now() + ttl * 1000 : Infinity });
    return true;
  }

  async delete(key: string): Promise<boolean> {
    this.check();
    return this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()].filter((key) => this.live(key));
  }
}

type Perform = (z: ZObject, bundle: Bundle) => unknown;
type AnyRecord = Record<string, unknown>;
export type AuthData = Record<string, string>;
export type HookFunction = 'perform' | 'performList' | 'performSubscribe' | 'performUnsubscribe';

interface OperationLike {
  operation: { perform: unknown; type?: string };
}
const performOf = (group: Record<string, OperationLike> | undefined, key: string): Perform => {
  const op = group?.[key];
  if (!op || typeof op.operation.perform !== 'function') throw new Error(`The app has no operation "${key}".`);
  return op.operation.perform as Perform;
};

interface AppGroups {
  triggers?: Record<string, OperationLike>;
  creates?: Record<string, OperationLike>;
  searches?: Record<string, OperationLike>;
  searchOrCreates?: Record<string, { search: string; create: string }>;
  authentication: {
    test: Perform;
    oauth2Config: { authorizeUrl: Perform; getAccessToken: Perform; refreshAccessToken: Perform };
  };
}

/**
 * A copy of the app whose performs (and auth functions) get this runtime's z.cache instead of the tester's mock.
 * A copy, not wrappers passed to the tester: the tester finds an operation by its function, and runs anything it
 * does not find as an ad-hoc request.
 */
const withCache = (app: AppGroups, cache: ZapierCache): AppGroups => {
  const wrap =
    (fn: Perform): Perform =>
    (z, bundle) =>
      fn(Object.assign(z, { cache }), bundle);
  const group = (ops: Record<string, OperationLike> | undefined) =>
    ops &&
    Object.fromEntries(
      Object.entries(ops).map(([key, op]) => [key, { ...op, operation: { ...op.operation, perform: wrap(op.operation.perform as Perform) } }]),
    );
  const { oauth2Config } = app.authentication;
  return {
    ...app,
    triggers: group(app.triggers),
    creates: group(app.creates),
    searches: group(app.searches),
    authentication: {
      ...app.authentication,
      test: wrap(app.authentication.test),
      oauth2Config: { ...oauth2Config, refreshAccessToken: wrap(oauth2Config.refreshAccessToken) },
    },
  };
};

const appGroups = App as unknown as AppGroups;

/** The output fields a trigger dedupes on: those marked `primary`, else `id` (zapier-platform-core's checks). */
const primaryKeysOf = (key: string): string[] => {
  const fields = (appGroups.triggers?.[key]?.operation as { outputFields?: unknown[] } | undefined)?.outputFields ?? [];
  const primary = fields.filter(
    (f): f is { key: string; primary: true } => typeof f === 'object' && f !== null && (f as { primary?: unknown }).primary === true,
  );
  return primary.length ? primary.map((f) => f.key) : ['id'];
};

/** Zapier passes on at most this many new items per poll; the rest are held for the user to release (not lost). */
export const NEW_ITEMS_PER_POLL = 100;

export interface PollOptions {
  /** The Zap the poll belongs to (its dedupe table and the app's z.cache state); default one per trigger and inputs. */
  zap?: string;
}

export class ZapierRuntime {
  readonly cache = new ZapierCache();
  private readonly app = withCache(App as unknown as AppGroups, this.cache);
  private readonly tester = zapier.createAppTester(this.app);
  /** Ids already seen per Zap, as Zapier's dedupe table keeps them. */
  private readonly seen = new Map<string, Set<string>>();
  /** Items of the last poll of each Zap beyond NEW_ITEMS_PER_POLL (Zapier holds them). */
  readonly held = new Map<string, number>();
  refreshes = 0;

  constructor(public authData: AuthData = {}) {}

  /**
   * Runs a perform; on RefreshAuthError refreshes the token (storing the rotated one) and retries once. The refresh
   * gets the authData this invocation started with, as parallel runs that all met the expired token would. `extra`
   * adds bundle fields Zapier sets for hooks (targetUrl, subscribeData, cleanedRequest, rawRequest).
   */
  async run<T = unknown>(perform: Perform, inputData: AnyRecord = {}, meta: AnyRecord = {}, extra: AnyRecord = {}): Promise<T> {
    const started = this.authData;
    const call = () => this.tester(perform, { authData: this.authData, inputData, meta, ...extra }) as Promise<T>;
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'RefreshAuthError') throw error;
      await this.refresh(started);
      return call();
    }
  }

  async refresh(from: AuthData = this.authData): Promise<void> {
    const fresh = (await this.tester(this.app.authentication.oauth2Config.refreshAccessToken, { authData: from })) as AuthData;
    this.authData = { ...this.authData, ...fresh };
    this.refreshes += 1;
  }

  authorizeUrl(redirectUri: string, state: string): Promise<string> {
    return this.tester(this.app.authentication.oauth2Config.authorizeUrl, { inputData: { redirect_uri: redirectUri, state } }) as Promise<string>;
  }

  async exchangeCode(code: string, redirectUri: string): Promise<AuthData> {
    this.authData = (await this.tester(this.app.authentication.oauth2Config.getAccessToken, { inputData: { code, redirect_uri: redirectUri } })) as AuthData;
    return this.authData;
  }

  testAuth(): Promise<AnyRecord> {
    return this.run<AnyRecord>(this.app.authentication.test);
  }

  /** An action step; `meta` as Zapier passes it (e.g. `{ zap: { id } }`, which replay-safe creates key on). */
  create<T = AnyRecord>(key: string, inputData: AnyRecord, meta: AnyRecord = {}): Promise<T> {
    return this.run<T>(performOf(this.app.creates, key), inputData, meta);
  }

  search<T = AnyRecord>(key: string, inputData: AnyRecord): Promise<T[]> {
    return this.run<T[]>(performOf(this.app.searches, key), inputData);
  }

  /** Zapier's search-or-create: the search first; the create only when the search finds nothing. */
  async searchOrCreate<T = AnyRecord>(key: string, inputData: AnyRecord): Promise<{ result: T; created: boolean }> {
    const pair = this.app.searchOrCreates?.[key];
    if (!pair) throw new Error(`The app has no search-or-create "${key}".`);
    const found = await this.search<T>(pair.search, inputData);
    if (found.length) return { result: found[0], created: false };
    return { result: await this.create<T>(pair.create, inputData), created: true };
  }

  /** A trigger run the way a dropdown or "load sample" runs it: every item, no dedupe, no Zap. */
  trigger<T = AnyRecord>(key: string, inputData: AnyRecord = {}, meta: AnyRecord = {}): Promise<T[]> {
    return this.run<T[]>(performOf(this.app.triggers, key), inputData, meta);
  }

  /** One of an instant (hook) trigger's functions, with the bundle fields Zapier gives it (see HookEndpoint). */
  hook<T = unknown>(key: string, fn: HookFunction, inputData: AnyRecord, meta: AnyRecord, extra: AnyRecord): Promise<T> {
    const op = appGroups.triggers?.[key]?.operation as Record<string, unknown> | undefined;
    const perform = op?.[fn];
    if (op?.type !== 'hook' || typeof perform !== 'function') throw new Error(`The app has no hook trigger "${key}" with ${fn}.`);
    return this.run<T>(perform as Perform, inputData, meta, extra);
  }

  /** "Test trigger" in the Zap editor: `isLoadingSample`, no dedupe. */
  sample<T = AnyRecord>(key: string, inputData: AnyRecord = {}, zap = `${key}:${JSON.stringify(inputData)}`): Promise<T[]> {
    return this.trigger<T>(key, inputData, { isLoadingSample: true, limit: 3, zap: { id: zap } });
  }

  /**
   * One poll of a Zap with this trigger, the way Zapier's backend runs it: the first poll (`isPopulatingDedupe`, no
   * limit) only fills the dedupe table; later ones pass on the items whose primary key (`id`, or the fields marked
   * `primary`) is new, newest first as the trigger returned them. Items beyond NEW_ITEMS_PER_POLL are still
   * returned here but counted in `held` (Zapier holds them for the user to release).
   */
  async poll<T extends AnyRecord>(key: string, inputData: AnyRecord = {}, options: PollOptions = {}): Promise<T[]> {
    const perform = performOf(this.app.triggers, key);
    const zap = options.zap ?? `${key}:${JSON.stringify(inputData)}`;
    const seen = this.seen.get(zap);
    const meta = { isPopulatingDedupe: !seen, limit: seen ? NEW_ITEMS_PER_POLL : -1, page: 0, zap: { id: zap } };
    const items = await this.run<T[]>(perform, inputData, meta);
    const keys = primaryKeysOf(key);
    const dedupeKey = (item: T) => JSON.stringify(keys.map((k) => item[k] ?? null));
    const known = seen ?? new Set<string>();
    this.seen.set(zap, known);
    const fresh = seen ? items.filter((item) => !known.has(dedupeKey(item))) : [];
    for (const item of items) known.add(dedupeKey(item));
    this.held.set(zap, Math.max(0, fresh.length - NEW_ITEMS_PER_POLL));
    return fresh;
  }
}
