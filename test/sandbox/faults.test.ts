import { useSandbox } from './helpers';

describe('sandbox faults', () => {
  const ctx = useSandbox();
  const path = (): string => `/locations/${ctx.sb.locationId}`;

  test('latency delays matching requests, `count` times', async () => {
    ctx.sb.faults.latency(150, { count: 2, path: '/locations/' });
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      expect((await ctx.api.get(path())).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    }
    const t0 = performance.now();
    await ctx.api.get(path());
    expect(performance.now() - t0).toBeLessThan(140);
    expect(ctx.sb.requests.map((r) => r.faults)).toEqual([['latency'], ['latency'], []]);
  });

  test('5xx burst: status + count, then normal again', async () => {
    ctx.sb.faults.serverError(503, { count: 2 });
    expect((await ctx.api.get(path())).status).toBe(503);
    const second = await ctx.api.get(path());
    expect(second.status).toBe(503);
    expect(second.body).toMatchObject({ statusCode: 503 });
    expect((await ctx.api.get(path())).status).toBe(200);
  });

  test('429 burst with Retry-After and exhausted X-RateLimit-* headers', async () => {
    ctx.sb.faults.tooManyRequests({ count: 1, retryAfterSeconds: 7 });
    const res = await ctx.api.get(path());
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-max')).toBe('100');
    expect(res.headers.get('x-ratelimit-interval-milliseconds')).toBe('10000');
    expect(res.headers.get('x-ratelimit-daily-remaining')).not.toBeNull();
    expect((await ctx.api.get(path())).status).toBe(200);
  });

  test('dropped connection: socket destroyed without a response', async () => {
    ctx.sb.faults.dropConnection({ path: /^\/locations\// });
    await expect(ctx.api.get(path())).rejects.toThrow();
    expect(ctx.sb.requests[0]?.status).toBe(0);
    expect((await ctx.api.get(path())).status).toBe(200);
  });

  test('malformed JSON: the request runs, the body does not parse', async () => {
    const contact = [...ctx.sb.state.contacts.values()][0];
    ctx.sb.faults.malformedJson({ method: 'PUT' });
    const res = await ctx.api.put(`/contacts/${contact?.id}`, { firstName: 'Changed' });
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(ctx.sb.state.contacts.get(contact?.id ?? '')?.firstName).toBe('Changed');
  });

  test('revoked token: 401 Invalid JWT while the token itself stays valid', async () => {
    ctx.sb.faults.revokedToken({ count: 1 });
    const res = await ctx.api.get(path());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, message: 'Invalid JWT' });
    expect((await ctx.api.get(path())).status).toBe(200);
  });

  test('path filters, method filters, stacking and clear()', async () => {
    ctx.sb.faults.serverError(500, { path: '/contacts/', count: Infinity });
    ctx.sb.faults.latency(50, { path: '/contacts/' });
    expect((await ctx.api.get(path())).status).toBe(200);
    const res = await ctx.api.get(`/contacts/${[...ctx.sb.state.contacts.keys()][0]}`);
    expect(res.status).toBe(500);
    expect(ctx.sb.requests[1]?.faults).toEqual(['serverError', 'latency']);
    expect(ctx.sb.faults.active).toHaveLength(1);
    ctx.sb.faults.clear();
    expect(ctx.sb.faults.active).toHaveLength(0);
    expect((await ctx.api.get(`/contacts/${[...ctx.sb.state.contacts.keys()][0]}`)).status).toBe(200);
  });

  test('faults also hit the token endpoint (refresh failures can be simulated)', async () => {
    ctx.sb.faults.serverError(502, { path: '/oauth/token' });
    const res = await fetch(`${ctx.sb.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token',
    });
    expect(res.status).toBe(502);
  });
});
