import * as zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import App from '../../index';

/**
 * Runs the app's operations the way Zapier does, through zapier-platform-core's app tester (so the app's own
 * middleware, auth headers and error mapping run), plus the parts of Zapier's backend the tester leaves out:
 * refresh-and-retry-once on RefreshAuthError (autoRefresh), search-or-create, and the polling dedupe table.
 */

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

const appGroups = App as unknown as {
  triggers?: Record<string, OperationLike>;
  creates?: Record<string, OperationLike>;
  searches?: Record<string, OperationLike>;
  searchOrCreates?: Record<string, { search: string; create: string }>;
  authentication: {
    test: Perform;
    oauth2Config: { authorizeUrl: Perform; getAccessToken: Perform; refreshAccessToken: Perform };
  };
};

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
  private readonly tester = zapier.createAppTester(App);
  /** Ids already seen per Zap, as Zapier's dedupe table keeps them. */
  private readonly seen = new Map<string, Set<string>>();
  /** Items of the last poll of each Zap beyond NEW_ITEMS_PER_POLL (Zapier holds them). */
  readonly held = new Map<string, number>();
  refreshes = 0;

  constructor(public authData: AuthData = {}) {}

  /**
   * Runs a perform; on RefreshAuthError refreshes the token (storing the rotated one) and retries once. `extra` adds
   * bundle fields Zapier sets for hooks (targetUrl, subscribeData, cleanedRequest, rawRequest).
   */
  async run<T = unknown>(perform: Perform, inputData: AnyRecord = {}, meta: AnyRecord = {}, extra: AnyRecord = {}): Promise<T> {
    const call = () => this.tester(perform, { authData: this.authData, inputData, meta, ...extra }) as Promise<T>;
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'RefreshAuthError') throw error;
      await this.refresh();
      return call();
    }
  }

  async refresh(): Promise<void> {
    const fresh = (await this.tester(appGroups.authentication.oauth2Config.refreshAccessToken, { authData: this.authData })) as AuthData;
    this.authData = { ...this.authData, ...fresh };
    this.refreshes += 1;
  }

  authorizeUrl(redirectUri: string, state: string): Promise<string> {
    return this.tester(appGroups.authentication.oauth2Config.authorizeUrl, { inputData: { redirect_uri: redirectUri, state } }) as Promise<string>;
  }

  async exchangeCode(code: string, redirectUri: string): Promise<AuthData> {
    this.authData = (await this.tester(appGroups.authentication.oauth2Config.getAccessToken, { inputData: { code, redirect_uri: redirectUri } })) as AuthData;
    return this.authData;
  }

  testAuth(): Promise<AnyRecord> {
    return this.run<AnyRecord>(appGroups.authentication.test);
  }

  create<T = AnyRecord>(key: string, inputData: AnyRecord): Promise<T> {
    return this.run<T>(performOf(appGroups.creates, key), inputData);
  }

  search<T = AnyRecord>(key: string, inputData: AnyRecord): Promise<T[]> {
    return this.run<T[]>(performOf(appGroups.searches, key), inputData);
  }

  /** Zapier's search-or-create: the search first; the create only when the search finds nothing. */
  async searchOrCreate<T = AnyRecord>(key: string, inputData: AnyRecord): Promise<{ result: T; created: boolean }> {
    const pair = appGroups.searchOrCreates?.[key];
    if (!pair) throw new Error(`The app has no search-or-create "${key}".`);
    const found = await this.search<T>(pair.search, inputData);
    if (found.length) return { result: found[0], created: false };
    return { result: await this.create<T>(pair.create, inputData), created: true };
  }

  /** A trigger run the way a dropdown or "load sample" runs it: every item, no dedupe, no Zap. */
  trigger<T = AnyRecord>(key: string, inputData: AnyRecord = {}, meta: AnyRecord = {}): Promise<T[]> {
    return this.run<T[]>(performOf(appGroups.triggers, key), inputData, meta);
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
    const perform = performOf(appGroups.triggers, key);
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
