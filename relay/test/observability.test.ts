import { Writable } from 'node:stream';
import type { Db } from '../src/db/db';
import { openPglite } from '../src/db/db';
import { createLogger } from '../src/log';
import type { Relay } from '../src/relay';
import { startRelay } from '../src/relay';
import { loadSettings } from '../src/settings';
import { TEST_SECRET, metricValue, postWebhook, relayApi, testEnv, waitUntil, webhookBody } from './helpers/relay_fixture';
import type { FakeGhl, Target } from './helpers/servers';
import { startFakeGhl, startTarget, tokenFor } from './helpers/servers';

vi.setConfig({ testTimeout: 60_000 });

/**
 * What the relay writes about a whole journey (subscribe with a token, a webhook full of contact data, a failing
 * then succeeding delivery to a secret hook URL, a 410, refused requests) at the most verbose level: JSON lines
 * that carry none of it. Logging does not depend on the database, so this runs on embedded PGlite only.
 */
describe('logs and metrics', () => {
  let db: Db;
  let ghl: FakeGhl;
  let target: Target;
  let relay: Relay;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await openPglite('memory://');
    ghl = await startFakeGhl();
    target = await startTarget();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const settings = loadSettings(testEnv(ghl.url, { LOG_LEVEL: 'trace' }));
    relay = await startRelay(settings, { db, logger: createLogger('trace', sink) });
  });
  afterAll(async () => {
    await relay?.close();
    await db?.close();
    await target?.close();
    await ghl?.close();
  });

  it('logs JSON with request ids, and no token, secret, hook URL or contact data', async () => {
    const secretPath = '/hooks/catch/123456/zapier-secret-path-abc';
    const contact = {
      id: 'contact-1',
      email: 'jane.doe@example.com',
      phone: '+15555550123',
      firstName: 'Janeprivate',
      lastName: 'Doeprivate',
      address1: '1 Secret Street',
      tags: ['vip-private-tag'],
    };
    let calls = 0;
    target.respond = (r) => (r.path === '/gone' ? 410 : ++calls === 1 ? 500 : 200);
    const created = await relayApi(
      relay.url,
      'POST',
      '/subscriptions',
      { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}${secretPath}` },
      { token: tokenFor('L1') },
    );
    expect(created.status).toBe(201);
    await relayApi(
      relay.url,
      'POST',
      '/subscriptions',
      { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/gone` },
      { token: tokenFor('L1') },
    );
    // refused calls: a wrong token, a bad relay signature, a forged webhook
    await relayApi(
      relay.url,
      'POST',
      '/subscriptions',
      { locationId: 'L1', event: 'contact.created', targetUrl: `${target.url}/x` },
      { token: 'token-stolen' },
    );
    await relayApi(relay.url, 'DELETE', `/subscriptions/${String(created.json.id)}`, undefined, { secret: 'wrong-secret-wrong-secret-wrong-secret' });
    await postWebhook(relay.url, webhookBody('ContactCreate', { locationId: 'L1', ...contact }), 'none');
    const body = webhookBody('ContactCreate', { locationId: 'L1', ...contact });
    expect((await postWebhook(relay.url, body)).status).toBe(200);
    await target.waitFor(3); // 500, then 200, and the 410
    await waitUntil(async () => (await relayApi(relay.url, 'GET', `/subscriptions/${String(created.json.id)}`)).json.deliveries !== undefined);

    const text = lines.join('\n');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(10);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.length).toBeGreaterThan(5);
    for (const e of requests) expect(e.requestId).toEqual(expect.any(String));
    // it did log the journey ...
    expect(entries.some((e) => e.msg === 'webhook accepted' && e.webhookId === body.webhookId)).toBe(true);
    expect(entries.some((e) => e.msg === 'delivery failed; retry scheduled')).toBe(true);
    expect(entries.some((e) => e.msg === 'target answered 410: subscription removed')).toBe(true);
    // ... and nothing that is a credential or a contact's
    for (const secret of [
      tokenFor('L1'),
      'token-stolen',
      TEST_SECRET,
      'wrong-secret',
      secretPath,
      'zapier-secret-path',
      contact.email,
      contact.phone,
      contact.firstName,
      contact.lastName,
      contact.address1,
      'vip-private-tag',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('reports queue depth and the age of the oldest undelivered event while a target fails', async () => {
    target.respond = () => 503;
    const sub = await relayApi(
      relay.url,
      'POST',
      '/subscriptions',
      { locationId: 'L2', event: 'task.created', targetUrl: `${target.url}/down` },
      { token: tokenFor('L2') },
    );
    expect(sub.status).toBe(201);
    const before = await metricValue(relay.metricsUrl, 'relay_deliveries_retried_total');
    await postWebhook(relay.url, webhookBody('TaskCreate', { locationId: 'L2', id: 't1' }));
    await waitUntil(async () => (await metricValue(relay.metricsUrl, 'relay_deliveries_retried_total')) > before, 15_000, 'a retry');
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await metricValue(relay.metricsUrl, 'relay_queue_depth')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(relay.metricsUrl, 'relay_oldest_undelivered_event_age_seconds')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(relay.metricsUrl, 'relay_events_stored_total')).toBeGreaterThanOrEqual(2);
    expect(await metricValue(relay.metricsUrl, 'relay_webhooks_rejected_total', 'reason="signature_missing"')).toBe(1);
  });
});
