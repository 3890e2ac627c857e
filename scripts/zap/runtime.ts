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

export class ZapierRuntime {
  private readonly tester = zapier.createAppTester(App);
  /** Ids already seen per trigger key, as Zapier's dedupe table keeps them. */
  private readonly seen = new Map<string, Set<string>>();
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

  /** A trigger run the way a dropdown or "load sample" runs it: every item, no dedupe. */
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

  /** One poll of a trigger, returning only the items Zapier would pass on (not yet in the dedupe table). */
  async poll<T extends { id: string }>(key: string, inputData: AnyRecord = {}): Promise<T[]> {
    const perform = performOf(appGroups.triggers, key);
    const dedupeKey = `${key}:${JSON.stringify(inputData)}`;
    const seen = this.seen.get(dedupeKey);
    const items = await this.run<T[]>(perform, inputData, { isPopulatingDedupe: !seen, limit: seen ? 100 : -1, page: 0 });
    const known = seen ?? new Set<string>();
    this.seen.set(dedupeKey, known);
    const fresh = seen ? items.filter((item) => !known.has(item.id)) : [];
    for (const item of items) known.add(item.id);
    return fresh;
  }
}
