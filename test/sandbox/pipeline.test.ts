import { startSandbox, VERSION_2021_04_15, VERSION_2021_07_28, VERSION_SDK_DEFAULT } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { Client, first, useSandbox } from './helpers';

interface RouteCase {
  name: string;
  method: string;
  path: (sb: Sandbox) => string;
  version: string;
  scope: string;
  body?: (sb: Sandbox) => unknown;
}

const contactId = (sb: Sandbox): string => first(sb.state.contacts).id;
const calendarId = (sb: Sandbox): string => first(sb.state.calendars).id;

/** docs/highlevel-api.md §1 Version table and §5.7 scope table, one representative route per group. */
const ROUTES: RouteCase[] = [
  { name: 'get contact', method: 'GET', path: (sb) => `/contacts/${contactId(sb)}`, version: VERSION_2021_07_28, scope: 'contacts.readonly' },
  {
    name: 'search contacts',
    method: 'POST',
    path: () => '/contacts/search',
    version: VERSION_2021_07_28,
    scope: 'contacts.readonly',
    body: (sb) => ({ locationId: sb.locationId, pageLimit: 1 }),
  },
  { name: 'create contact', method: 'POST', path: () => '/contacts/', version: VERSION_2021_07_28, scope: 'contacts.write', body: () => ({}) },
  { name: 'contact tasks', method: 'GET', path: (sb) => `/contacts/${contactId(sb)}/tasks`, version: VERSION_2021_07_28, scope: 'contacts.readonly' },
  {
    name: 'contact appointments (a contacts route, §11.1)',
    method: 'GET',
    path: (sb) => `/contacts/${contactId(sb)}/appointments`,
    version: VERSION_2021_07_28,
    scope: 'contacts.readonly',
  },
  {
    name: 'location task search',
    method: 'POST',
    path: (sb) => `/locations/${sb.locationId}/tasks/search`,
    version: VERSION_2021_07_28,
    scope: 'locations/tasks.readonly',
    body: () => ({}),
  },
  { name: 'get location', method: 'GET', path: (sb) => `/locations/${sb.locationId}`, version: VERSION_2021_07_28, scope: 'locations.readonly' },
  { name: 'location tags', method: 'GET', path: (sb) => `/locations/${sb.locationId}/tags`, version: VERSION_2021_07_28, scope: 'locations/tags.readonly' },
  {
    name: 'custom fields',
    method: 'GET',
    path: (sb) => `/locations/${sb.locationId}/customFields?model=contact`,
    version: VERSION_2021_07_28,
    scope: 'locations/customFields.readonly',
  },
  { name: 'users', method: 'GET', path: (sb) => `/users/?locationId=${sb.locationId}`, version: VERSION_2021_07_28, scope: 'users.readonly' },
  { name: 'get user', method: 'GET', path: (sb) => `/users/${sb.userId}`, version: VERSION_2021_07_28, scope: 'users.readonly' },
  { name: 'businesses', method: 'GET', path: (sb) => `/businesses/?locationId=${sb.locationId}`, version: VERSION_2021_07_28, scope: 'businesses.readonly' },
  { name: 'calendars', method: 'GET', path: (sb) => `/calendars/?locationId=${sb.locationId}`, version: VERSION_2021_04_15, scope: 'calendars.readonly' },
  { name: 'get calendar', method: 'GET', path: (sb) => `/calendars/${calendarId(sb)}`, version: VERSION_2021_04_15, scope: 'calendars.readonly' },
  {
    name: 'calendar events',
    method: 'GET',
    path: (sb) => `/calendars/events?locationId=${sb.locationId}&calendarId=${calendarId(sb)}&startTime=0&endTime=1`,
    version: VERSION_2021_04_15,
    scope: 'calendars/events.readonly',
  },
  {
    name: 'free slots',
    method: 'GET',
    path: (sb) => `/calendars/${calendarId(sb)}/free-slots?startDate=${Date.now()}&endDate=${Date.now() + 86_400_000}`,
    version: VERSION_2021_04_15,
    scope: 'calendars.readonly',
  },
  {
    name: 'create appointment',
    method: 'POST',
    path: () => '/calendars/events/appointments',
    version: VERSION_2021_04_15,
    scope: 'calendars/events.write',
    body: () => ({}),
  },
];

describe('sandbox request pipeline', () => {
  const ctx = useSandbox();

  const send = (rc: RouteCase, opts: { version?: string | null; token?: string } = {}) =>
    ctx.api.request(rc.method, rc.path(ctx.sb), { version: opts.version, token: opts.token, body: rc.body?.(ctx.sb) });

  test.each(ROUTES)('Version header per group (§1): $name', async (rc) => {
    const ok = await send(rc, { version: rc.version });
    expect(ok.status).not.toBe(400);
    const missing = await send(rc, { version: null });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ statusCode: 400, message: 'version header was not found' });
    // The official SDK sends one Version on every call: its default, or the other group's date when configured so.
    const other = rc.version === VERSION_2021_07_28 ? VERSION_2021_04_15 : VERSION_2021_07_28;
    for (const version of [other, VERSION_SDK_DEFAULT]) expect((await send(rc, { version })).status).toBe(ok.status);
    for (const version of ['2021-07-29', 'v3', 'latest']) {
      const wrong = await send(rc, { version });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(String(wrong.body.message)).toContain(rc.version);
    }
  });

  test.each(ROUTES)('scope per route (§5.7): $name', async (rc) => {
    const without = ctx.sb.issueToken({ scopes: ctx.sb.allScopes.filter((s) => s !== rc.scope) });
    const denied = await send(rc, { version: rc.version, token: without.access_token });
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ statusCode: 401, message: 'The token is not authorized for this scope.' });
    const only = ctx.sb.issueToken({ scopes: [rc.scope] });
    const allowed = await send(rc, { version: rc.version, token: only.access_token });
    expect(allowed.status).not.toBe(401);
  });

  test('missing or unknown bearer token → 401 (token-type message, not the scope one)', async () => {
    const path = `/contacts/${contactId(ctx.sb)}`;
    const missing = await ctx.api.get(path, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ statusCode: 401, message: 'Invalid token: access token is invalid' });
    const unknown = await ctx.api.get(path, { token: 'eyJhbGciOi.not.real' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).not.toBe('The token is not authorized for this scope.');
  });

  test("another location's id in path, query or body → 403", async () => {
    const other = 'OtherLocation1234567';
    expect((await ctx.api.get(`/locations/${other}`)).status).toBe(403);
    expect((await ctx.api.get(`/users/?locationId=${other}`)).status).toBe(403);
    const res = await ctx.api.post('/contacts/', { locationId: other, firstName: 'X' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403 });
    expect((await ctx.api.post('/contacts/search', { locationId: other, pageLimit: 1 })).status).toBe(403);
  });

  test('unknown routes → 404 "Cannot METHOD /path" (NestJS style)', async () => {
    const res = await ctx.api.get('/nope/here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, message: 'Cannot GET /nope/here' });
    const wrongMethod = await ctx.api.request('PATCH', `/contacts/${contactId(ctx.sb)}`);
    expect(wrongMethod.body).toMatchObject({ statusCode: 404, message: `Cannot PATCH /contacts/${contactId(ctx.sb)}` });
    // docs/highlevel-api.md §10: these seed-list paths do not exist in v2.
    expect((await ctx.api.post(`/contacts/${contactId(ctx.sb)}/appointments`, {})).status).toBe(404);
  });

  test('invalid JSON body → 400', async () => {
    const res = await ctx.api.request('POST', '/contacts/search', { rawBody: '{"locationId": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400 });
  });

  test('X-RateLimit-* headers on every response (§3), traceId on error and envelope bodies', async () => {
    const res = await ctx.api.get(`/locations/${ctx.sb.locationId}`);
    expect(res.headers.get('x-ratelimit-limit-daily')).toBe('200000');
    expect(res.headers.get('x-ratelimit-daily-remaining')).toBe('199999');
    expect(res.headers.get('x-ratelimit-interval-milliseconds')).toBe('10000');
    expect(res.headers.get('x-ratelimit-max')).toBe('100');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(res.body.traceId).toEqual(expect.any(String));
    const notFound = await ctx.api.get('/contacts/doesNotExist0000000');
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-ratelimit-max')).toBe('100');
    expect(notFound.body.traceId).toEqual(expect.any(String));
  });

  test('request log: method, path, query, version, redacted authorization, body, status, response', async () => {
    ctx.sb.clearRequests();
    await ctx.api.post('/contacts/search', { locationId: ctx.sb.locationId, pageLimit: 2 }, { query: { x: undefined } });
    await ctx.api.get(`/users/search?companyId=${ctx.sb.companyId}&limit=2`);
    expect(ctx.sb.requests).toHaveLength(2);
    const [search, users] = ctx.sb.requests;
    expect(search).toMatchObject({
      method: 'POST',
      path: '/contacts/search',
      version: VERSION_2021_07_28,
      body: { locationId: ctx.sb.locationId, pageLimit: 2 },
      status: 200,
      faults: [],
    });
    expect(search?.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(ctx.sb.requests)).not.toContain(ctx.api.token);
    expect(search?.durationMs).toBeGreaterThanOrEqual(0);
    expect(search?.responseBody).toMatchObject({ total: 40 });
    expect(users?.query).toEqual({ companyId: ctx.sb.companyId, limit: '2' });
    ctx.sb.clearRequests();
    expect(ctx.sb.requests).toHaveLength(0);
  });
});

describe('sandbox rate limit (§3)', () => {
  const ctx = useSandbox({ rateLimit: { limit: 3, windowMs: 400 } });

  test('over the burst limit → 429 with Retry-After and X-RateLimit-* headers; the window resets', async () => {
    const path = `/locations/${ctx.sb.locationId}`;
    for (let i = 0; i < 3; i++) {
      const ok = await ctx.api.get(path);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    const limited = await ctx.api.get(path);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429 });
    expect(limited.headers.get('x-ratelimit-max')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-interval-milliseconds')).toBe('400');
    expect(limited.headers.get('x-ratelimit-limit-daily')).toBe('200000');
    expect(limited.headers.get('x-ratelimit-daily-remaining')).toBe('199997');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 450));
    expect((await ctx.api.get(path)).status).toBe(200);
  });

  test('the token endpoint is not counted', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${ctx.sb.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token',
      });
      expect(res.status).toBe(400);
    }
    expect((await ctx.api.get(`/locations/${ctx.sb.locationId}`)).status).toBe(200);
  });
});

describe('sandbox lifecycle and seed', () => {
  test('starts in well under a second and stops cleanly', async () => {
    const t0 = performance.now();
    const sb = await startSandbox();
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(1000);
    expect(sb.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.authorizeUrl).toBe(`${sb.baseUrl}/v2/oauth/chooselocation`);
    expect(sb.state.contacts.size).toBe(300 + 0);
    await sb.stop();
    await expect(fetch(`${sb.baseUrl}/locations/x`)).rejects.toThrow();
  });

  test('seed data is deterministic for the same clock', async () => {
    const now = (): Date => new Date('2026-03-02T08:00:00.000Z');
    const a = await startSandbox({ contacts: 25, now });
    const b = await startSandbox({ contacts: 25, now });
    try {
      expect(a.locationId).toBe(b.locationId);
      expect([...a.state.contacts.values()]).toEqual([...b.state.contacts.values()]);
      expect([...a.state.appointments.values()]).toEqual([...b.state.appointments.values()]);
      expect(a.state.location.name).toBe('Pilates Studio Berlin');
      expect(a.state.users.size).toBe(5);
      expect(a.state.calendars.size).toBe(3);
      expect(a.state.businesses.size).toBe(10);
      expect(a.state.tags.size).toBeGreaterThanOrEqual(15);
      const contacts = [...a.state.contacts.values()];
      expect(contacts.some((c) => c.businessId)).toBe(true);
      expect(contacts.every((c) => !c.phone || /^\+\d{8,15}$/.test(c.phone))).toBe(true);
      expect(a.state.tasks.size).toBeGreaterThan(0);
      expect(a.state.notes.size).toBeGreaterThan(0);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test('seedContacts(20000) is fast and keeps emails and phones unique', async () => {
    const sb = await startSandbox({ contacts: 0 });
    try {
      const t0 = performance.now();
      sb.seedContacts(20_000);
      // Typically well under a second; the margin absorbs a busy CI machine.
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(sb.state.contacts.size).toBe(20_000);
      const contacts = [...sb.state.contacts.values()];
      const emails = contacts.flatMap((c) => (c.emailLowerCase ? [c.emailLowerCase] : []));
      const phones = contacts.flatMap((c) => (c.phone ? [c.phone] : []));
      expect(new Set(emails).size).toBe(emails.length);
      expect(new Set(phones).size).toBe(phones.length);
      const api = new Client(sb, sb.issueToken().access_token);
      const res = await api.post<{ total: number }>('/contacts/search', { locationId: sb.locationId, pageLimit: 500 });
      expect(res.body.total).toBe(20_000);
    } finally {
      await sb.stop();
    }
  });
});
