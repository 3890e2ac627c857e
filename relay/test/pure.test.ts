import { checkGhlSignature } from '../src/auth/ghl_signature';
import { checkRelayApiSignature, checkRelaySignature, relaySignature, signRelayApiRequest, signRelayRequest } from '../src/auth/relay_signature';
import type { ClaimedDelivery } from '../src/db/deliveries_table';
import { filterProblems, matchesFilters } from '../src/events/kinds';
import { diffTags, tagStep } from '../src/events/tags';
import { targetUrlProblem } from '../src/http/subscription_routes';
import { decodeUtf8, idProblem, storableText } from '../src/ingest/storable';
import { parseTimestamp, parseWebhook } from '../src/ingest/webhook_parse';
import { backoffMs, deliveryBody, retryAfterMs } from '../src/queue/deliverer';
import { createPublicKey } from 'node:crypto';
import { signEd25519, signRsa, strangerEd25519, testKeys } from './helpers/keys';

describe('tag snapshots', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const t1 = new Date('2026-01-01T00:01:00Z');

  it('diffs case-insensitively and reports each tag once', () => {
    expect(diffTags(['VIP', 'lead'], ['vip', 'customer', 'Customer'])).toEqual({ added: ['customer'], removed: ['lead'] });
  });

  it('announces a new contact’s tags, but only records a baseline for a contact first seen in an update', () => {
    expect(tagStep('ContactCreate', ['a'], t0, undefined)).toEqual({
      diff: { added: ['a'], removed: [] },
      store: { tags: ['a'], eventTime: t0 },
    });
    expect(tagStep('ContactTagUpdate', ['a'], t0, undefined)).toEqual({ diff: undefined, store: { tags: ['a'], eventTime: t0 } });
    expect(tagStep('ContactUpdate', ['a'], t0, undefined).diff).toBeUndefined();
  });

  it('diffs later bodies against the snapshot and ignores bodies older than it', () => {
    const snap = { tags: ['a'], eventTime: t0 };
    expect(tagStep('ContactTagUpdate', ['a', 'b'], t1, snap)).toEqual({
      diff: { added: ['b'], removed: [] },
      store: { tags: ['a', 'b'], eventTime: t1 },
    });
    expect(tagStep('ContactTagUpdate', [], t0, { tags: ['a'], eventTime: t1 })).toEqual({ diff: undefined, store: undefined });
  });
});

describe('filters', () => {
  const body = { pipelineId: 'p1', pipelineStageId: 's1', status: 'won', appointment: { calendarId: 'c1' } };
  it('match by tag (case-insensitive), calendar, pipeline, stage and status', () => {
    expect(matchesFilters({ tag: 'VIP' }, { kind: 'contact.updated', body: {}, contactTags: ['vip'] })).toBe(true);
    expect(matchesFilters({ tag: 'vip' }, { kind: 'contact.updated', body: {}, contactTags: undefined })).toBe(false);
    expect(matchesFilters({ tag: 'vip' }, { kind: 'contact.tag_added', body: {}, contactTags: ['vip'], tags: { added: [], removed: ['vip'] } })).toBe(false);
    expect(matchesFilters({ tag: 'Vip' }, { kind: 'contact.tag_removed', body: {}, contactTags: [], tags: { added: [], removed: ['vip'] } })).toBe(true);
    expect(matchesFilters({ calendarId: 'c1' }, { kind: 'appointment.created', body, contactTags: undefined })).toBe(true);
    expect(matchesFilters({ calendarId: 'c2' }, { kind: 'appointment.created', body, contactTags: undefined })).toBe(false);
    const opp = { kind: 'opportunity.updated' as const, body, contactTags: undefined };
    expect(matchesFilters({ pipelineId: 'p1', stageId: 's1', status: 'WON' }, opp)).toBe(true);
    expect(matchesFilters({ pipelineId: 'p1', stageId: 's2' }, opp)).toBe(false);
  });

  it('refuses filters that can never apply to the event', () => {
    expect(filterProblems('task.created', { tag: 'x' })).toEqual(['filter "tag" applies only to contact.* events, not task.created']);
    expect(filterProblems('opportunity.created', { status: 'open', calendarId: 'c' })).toHaveLength(1);
    expect(filterProblems('contact.tag_added', { tag: 'x' })).toEqual([]);
  });
});

describe('target URLs', () => {
  const hosts = ['hooks.zapier.com'];
  it('must be https on an allowed host, or loopback when allowed', () => {
    expect(targetUrlProblem('https://hooks.zapier.com/hooks/standard/1/abc/', hosts, false)).toBeUndefined();
    expect(targetUrlProblem('http://hooks.zapier.com/hooks/', hosts, false)).toBe('targetUrl must be https');
    expect(targetUrlProblem('https://evil.example/hooks/', hosts, false)).toMatch(/host must be one of/);
    expect(targetUrlProblem('https://hooks.zapier.com:8443/x', hosts, false)).toMatch(/default https port/);
    expect(targetUrlProblem('https://u:p@hooks.zapier.com/x', hosts, false)).toMatch(/credentials/);
    expect(targetUrlProblem('http://127.0.0.1:9999/x', hosts, false)).toBe('targetUrl must be https');
    expect(targetUrlProblem('http://127.0.0.1:9999/x', hosts, true)).toBeUndefined();
    expect(targetUrlProblem('not a url', hosts, true)).toBe('targetUrl is not a URL');
  });
});

describe('webhook parsing', () => {
  const now = Date.parse('2026-01-01T00:10:00Z');
  const parse = (body: unknown) =>
    parseWebhook(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), { maxAgeSeconds: 7200, maxFutureSeconds: 300 }, now);

  it('keys on webhookId, else on the body hash', () => {
    const a = parse({ type: 'ContactCreate', webhookId: 'w1', timestamp: '2026-01-01T00:09:00Z', locationId: 'L' });
    expect(a.ok && a.event.dedupeKey).toBe('w1');
    const b = parse({ type: 'ContactCreate', locationId: 'L' });
    expect(b.ok && b.event.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.ok && b.hasTimestamp).toBe(false);
  });

  it("accepts HighLevel's last retry (~70 minutes after the event) and clock skew up to the future limit", () => {
    // the retry repeats the original body, timestamp and all: 1 h 10 min old when the sixth retry arrives
    expect(parse({ type: 'ContactCreate', webhookId: 'w1', timestamp: '2025-12-31T23:00:00Z' })).toMatchObject({ ok: true });
    expect(parse({ type: 'ContactCreate', webhookId: 'w1', timestamp: '2025-12-31T22:10:01Z' })).toMatchObject({ ok: true });
    expect(parse({ type: 'ContactCreate', webhookId: 'w1', timestamp: '2026-01-01T00:14:59Z' })).toMatchObject({ ok: true });
  });

  it('refuses stale and unreadable timestamps and non-objects', () => {
    expect(parse({ timestamp: '2025-12-31T22:09:59Z' })).toMatchObject({ ok: false, status: 401, reason: 'stale_timestamp' });
    expect(parse({ timestamp: '2026-01-01T00:15:01Z' })).toMatchObject({ ok: false, status: 401, reason: 'future_timestamp' });
    expect(parse({ timestamp: 'yesterday' })).toMatchObject({ ok: false, status: 400, reason: 'bad_timestamp' });
    expect(parse({ timestamp: now / 1000 })).toMatchObject({ ok: true });
    expect(parse({ timestamp: now })).toMatchObject({ ok: true });
    expect(parse('[1,2]')).toMatchObject({ ok: false, status: 400, reason: 'bad_json' });
    expect(parse('{"a":')).toMatchObject({ ok: false, status: 400, reason: 'bad_json' });
  });

  it('refuses timestamps no date can hold (400), never passing them on to the database', () => {
    for (const t of ['99999999999999999999', 1e20, 8.7e15, '+275761-01-01T00:00:00Z', 'x'.repeat(100)]) {
      expect(parseTimestamp(t)).toBe('invalid');
      expect(parse({ type: 'ContactCreate', timestamp: t })).toMatchObject({ ok: false, status: 400, reason: 'bad_timestamp' });
    }
  });

  it('refuses ids PostgreSQL cannot store exactly or an index cannot hold (422); keeps the payload’s other strings as sent', () => {
    const ok = { type: 'ContactUpdate', locationId: 'L', webhookId: 'w', timestamp: '2026-01-01T00:09:00Z' };
    expect(parse({ ...ok, webhookId: 'w\u0000' })).toMatchObject({ ok: false, status: 422, reason: 'id_unstorable' });
    expect(parse({ ...ok, locationId: '\udc00L' })).toMatchObject({ ok: false, status: 422, reason: 'id_unstorable' });
    expect(parse({ ...ok, id: 'c\ud83d' })).toMatchObject({ ok: false, status: 422, reason: 'id_unstorable' });
    expect(parse({ ...ok, webhookId: 'w'.repeat(257) })).toMatchObject({ ok: false, status: 422, reason: 'id_too_long' });
    expect(parse({ type: 'UNINSTALL', companyId: 'c\u0000' })).toMatchObject({ ok: false, reason: 'id_unstorable' });
    // a whole emoji is fine; odd text elsewhere is the payload's business
    expect(parse({ ...ok, id: 'c😀', firstName: 'A\u0000\ud83d', tags: ['\u0000'] })).toMatchObject({ ok: true });
    // the body is kept as the text it arrived as, escapes and all
    const raw = JSON.stringify({ ...ok, tags: ['a\u0000'] });
    const parsed = parse(raw);
    expect(parsed.ok && parsed.event.body).toBe(raw);
    expect(parsed.ok && parsed.event.replayableUntil).toBe('2026-01-01T02:09:00.000Z');
    const undated = parse({ type: 'ContactCreate', locationId: 'L' });
    expect(undated.ok && undated.event.replayableUntil).toBe('infinity');
  });

  it('refuses a body that is not UTF-8 (it could not be kept byte for byte)', () => {
    const bad = Buffer.concat([Buffer.from('{"type":"ContactCreate","a":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(parseWebhook(bad, { maxAgeSeconds: 7200, maxFutureSeconds: 300 }, now)).toMatchObject({ ok: false, status: 400, reason: 'bad_encoding' });
    expect(decodeUtf8(Buffer.from('é😀'))).toBe('é😀');
  });

  it('makes routing copies storable and tells which ids are not', () => {
    expect(storableText('a\u0000b\ud83dc😀\udc00')).toBe('a\ufffdb\ufffdc😀\ufffd');
    expect(storableText('plain')).toBe('plain');
    expect(idProblem('x'.repeat(256))).toBeUndefined();
    expect(idProblem('é'.repeat(129))).toBe('id_too_long'); // bytes, not characters
    expect(idProblem('a\u0000')).toBe('id_unstorable');
  });
});

describe('signatures', () => {
  const keys = testKeys();
  const sigKeys = {
    ed25519: [createPublicKey({ key: Buffer.from(keys.ed25519PublicBase64, 'base64'), format: 'der', type: 'spki' })],
    legacy: createPublicKey(keys.rsaPublicPem),
  };
  const raw = Buffer.from('{"type":"ContactCreate"}');

  it('accepts Ed25519 and legacy RSA over the raw bytes, and nothing else', () => {
    expect(checkGhlSignature(raw, { 'x-ghl-signature': signEd25519(raw) }, sigKeys)).toEqual({ ok: true, scheme: 'ed25519' });
    expect(checkGhlSignature(raw, { 'x-wh-signature': signRsa(raw) }, sigKeys)).toEqual({ ok: true, scheme: 'rsa' });
    expect(checkGhlSignature(raw, {}, sigKeys)).toEqual({ ok: false, reason: 'missing' });
    expect(checkGhlSignature(raw, { 'x-ghl-signature': signEd25519(raw, strangerEd25519()) }, sigKeys).ok).toBe(false);
    const spaced = Buffer.from('{"type": "ContactCreate"}');
    expect(checkGhlSignature(spaced, { 'x-ghl-signature': signEd25519(raw) }, sigKeys).ok).toBe(false);
    // a bad new signature is not rescued by a good legacy one
    expect(checkGhlSignature(raw, { 'x-ghl-signature': signEd25519(spaced), 'x-wh-signature': signRsa(raw) }, sigKeys).ok).toBe(false);
    expect(checkGhlSignature(raw, { 'x-wh-signature': signRsa(raw) }, { ...sigKeys, legacy: undefined }).ok).toBe(false);
  });

  it('relay HMAC covers timestamp, method, path and body', () => {
    const secret = 's'.repeat(32);
    const headers = signRelayRequest(secret, 'POST', '/subscriptions', '{}', 1_000);
    expect(headers['x-relay-signature']).toBe(relaySignature(secret, '1000', 'post', '/subscriptions', '{}'));
    expect(checkRelaySignature(secret, headers, 'POST', '/subscriptions', '{}', 1_100)).toEqual({ ok: true });
    expect(checkRelaySignature(secret, headers, 'DELETE', '/subscriptions', '{}', 1_100).ok).toBe(false);
    expect(checkRelaySignature(secret, headers, 'POST', '/subscriptions', '{ }', 1_100).ok).toBe(false);
    expect(checkRelaySignature(secret, headers, 'POST', '/subscriptions', '{}', 1_301).ok).toBe(false);
    expect(checkRelaySignature('t'.repeat(32), headers, 'POST', '/subscriptions', '{}', 1_100).ok).toBe(false);
  });

  it('relay API HMAC also covers the nonce, which every call must carry', () => {
    const secret = 's'.repeat(32);
    const nonce = 'n0nce-0123456789abcdef';
    const headers = signRelayApiRequest(secret, 'GET', '/subscriptions/x', '', 1_000, nonce);
    expect(checkRelayApiSignature(secret, headers, 'GET', '/subscriptions/x', '', 1_100)).toEqual({ ok: true, nonce, timestampSeconds: 1_000 });
    expect(checkRelayApiSignature(secret, { ...headers, 'x-relay-nonce': `${nonce}x` }, 'GET', '/subscriptions/x', '', 1_100).ok).toBe(false);
    expect(checkRelayApiSignature(secret, { ...headers, 'x-relay-nonce': undefined }, 'GET', '/subscriptions/x', '', 1_100)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/X-Relay-Nonce/),
    });
    expect(checkRelayApiSignature(secret, { ...headers, 'x-relay-nonce': 'short' }, 'GET', '/subscriptions/x', '', 1_100).ok).toBe(false);
    // a delivery's signature (no nonce) is not an API call's
    expect(
      checkRelayApiSignature(
        secret,
        { ...signRelayRequest(secret, 'GET', '/subscriptions/x', '', 1_000), 'x-relay-nonce': nonce },
        'GET',
        '/subscriptions/x',
        '',
        1_100,
      ).ok,
    ).toBe(false);
  });
});

describe('delivery', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('reads a target’s Retry-After in seconds or as a date, at least 1 s and at most an hour', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('0', now)).toBe(1_000);
    expect(retryAfterMs('999999', now)).toBe(3_600_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('forwards HighLevel’s body byte for byte inside the envelope', () => {
    const body = '{"type":"ContactTagUpdate","b":1.50,"a":"é"}';
    const d: ClaimedDelivery = {
      id: 'd1',
      event_id: 'e1',
      subscription_id: 's1',
      event: 'contact.tag_added',
      tags: { added: ['x'], removed: [] },
      attempts: 1,
      created_at: new Date(0),
      webhook_id: 'w1',
      location_id: 'L1',
      body,
      received_at: new Date('2026-01-01T00:00:00Z'),
      target_url: 'http://127.0.0.1/x',
      consecutive_failures: 0,
    };
    const text = deliveryBody(d);
    expect(text).toContain(`"payload":${body}`);
    expect(JSON.parse(text)).toEqual({
      id: 'd1',
      event: 'contact.tag_added',
      locationId: 'L1',
      webhookId: 'w1',
      receivedAt: '2026-01-01T00:00:00.000Z',
      payload: { type: 'ContactTagUpdate', b: 1.5, a: 'é' },
      tags: { added: ['x'], removed: [] },
    });
  });
});
