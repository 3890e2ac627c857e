import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox, VERSION_2021_04_15, VERSION_2021_07_28 } from '../../sandbox';

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text (sent as is, with `contentType`). */
  rawBody?: string;
  contentType?: string;
  /** `null` sends no Version header; default: the right one for the path (docs/highlevel-api.md §1). */
  version?: string | null;
  /** `null` sends no Authorization header; default: the client's token. */
  token?: string | null;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

/** docs/highlevel-api.md §1: calendars group uses 2021-04-15, everything else here 2021-07-28. */
export function versionFor(path: string): string {
  return path.startsWith('/calendars') ? VERSION_2021_04_15 : VERSION_2021_07_28;
}

/** A tiny fetch client over loopback. Bodies come back as `T` (tests state the shape they expect). */
export class Client {
  constructor(
    readonly sb: Sandbox,
    public token: string,
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(path, this.sb.baseUrl);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
    const version = opts.version === undefined ? versionFor(path) : opts.version;
    if (version !== null) headers.Version = version;
    const token = opts.token === undefined ? this.token : opts.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      headers['Content-Type'] = opts.contentType ?? 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = Record<string, unknown>>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, opts);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...opts, body });
  }

  put<T = Record<string, unknown>>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, { ...opts, body });
  }

  delete<T = Record<string, unknown>>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, { ...opts, body });
  }
}

/** POST /oauth/token with a form body. */
export async function tokenRequest(sb: Sandbox, form: Record<string, string>): Promise<ApiResponse<Record<string, unknown>>> {
  const res = await fetch(`${sb.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown>, text };
}

/**
 * Starts a fresh sandbox before each test of the file (port 0) and stops it after.
 * Returns a getter object: `ctx.sb`, `ctx.api` (client with an all-scopes token).
 */
export function useSandbox(opts: SandboxOptions = {}): { readonly sb: Sandbox; readonly api: Client } {
  let sb: Sandbox | undefined;
  let api: Client | undefined;
  beforeEach(async () => {
    sb = await startSandbox({ contacts: 40, ...opts });
    api = new Client(sb, sb.issueToken().access_token);
  });
  afterEach(async () => {
    await sb?.stop();
    sb = undefined;
  });
  return {
    get sb(): Sandbox {
      if (!sb) throw new Error('sandbox not started');
      return sb;
    },
    get api(): Client {
      if (!api) throw new Error('sandbox not started');
      return api;
    },
  };
}

/** First value of a map (seed data is never empty). */
export function first<T>(map: Map<string, T>): T {
  const value = map.values().next().value;
  if (value === undefined) throw new Error('empty map');
  return value;
}
