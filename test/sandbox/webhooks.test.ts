import type { Sandbox, SandboxOptions, SandboxWebhooks, WebhookOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { Client } from './helpers';
import { Receiver, signatureValid } from './webhook_receiver';

/**
 * Delivery as HighLevel does it (docs/highlevel-api.md §9.3, §9.4): Ed25519-signed bodies with webhookId and
 * timestamp, only 429 retried (six more times), anything else dropped, asynchronous to the API answer.
 */

let receiver: Receiver;
const running: Sandbox[] = [];

beforeEach(async () => {
  receiver = await Receiver.start();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.stop()));
  await receiver.stop();
});

async function start(webhooks: Partial<WebhookOptions> = {}, extra: SandboxOptions = {}): Promise<{ sb: Sandbox; api: Client; hooks: SandboxWebhooks }> {
  const sb = await startSandbox({
    contacts: 5,
    ...extra,
    webhooks: { url: receiver.url, retryDelayMs: 10, retryJitterMs: 5, ...webhooks },
  });
  running.push(sb);
  if (!sb.webhooks) throw new Error('webhooks were not enabled');
  return { sb, api: new Client(sb, sb.issueToken().access_token), hooks: sb.webhooks };
}

/** One write that emits exactly one event (ContactCreate: no tags, no dnd in the body). */
async function createContact(sb: Sandbox, api: Client, firstName = 'Ada'): Promise<string> {
  const res = await api.post<{ contact: { id: string } }>('/contacts/', { locationId: sb.locationId, firstName });
  expect(res.status).toBe(201);
  return res.body.contact.id;
}

describe('webhooks: signing and envelope', () => {
  test('off by default: no sandbox.webhooks, nothing sent', async () => {
    const sb = await startSandbox({ contacts: 1 });
    running.push(sb);
    expect(sb.webhooks).toBeUndefined();
    await createContact(sb, new Client(sb, sb.issueToken().access_token));
    expect(receiver.received).toHaveLength(0);
  });

  test('X-GHL-Signature verifies over the raw body with the exposed SPKI key; a changed body or another key does not', async () => {
    const { sb, api, hooks } = await start();
    const other = await start();
    await createContact(sb, api);
    await hooks.idle();
    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    if (!req) throw new Error('nothing received');
    expect(hooks.publicKey).toMatch(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/); // Ed25519 SPKI, like HighLevel's key
    expect(req.headers['content-type']).toBe('application/json');
    expect(signatureValid(hooks.publicKey, req.rawBody, req.headers['x-ghl-signature'])).toBe(true);
    expect(signatureValid(hooks.publicKey, req.rawBody.replace('Ada', 'Eve'), req.headers['x-ghl-signature'])).toBe(false);
    expect(signatureValid(other.hooks.publicKey, req.rawBody, req.headers['x-ghl-signature'])).toBe(false);
    expect(req.rawBody).toBe(hooks.log[0]?.rawBody);
  });

  test('webhookId and timestamp at the top level; timestamp from the sandbox clock', async () => {
    const at = new Date('2026-02-03T10:20:30.456Z');
    const { sb, api, hooks } = await start({}, { now: () => at });
    await createContact(sb, api);
    await hooks.idle();
    const body = receiver.received[0]?.body;
    expect(body).toMatchObject({ timestamp: '2026-02-03T10:20:30.456Z', type: 'ContactCreate', locationId: sb.locationId });
    expect(typeof body?.webhookId).toBe('string');
    expect(Object.keys(body ?? {}).slice(0, 2)).toEqual(['timestamp', 'webhookId']);
  });

  test('webhookIds are unique across events', async () => {
    const { sb, api, hooks } = await start();
    for (let i = 0; i < 12; i++) await createContact(sb, api, `N${i}`);
    await hooks.idle();
    const ids = receiver.received.map((r) => r.body.webhookId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});

describe('webhooks: delivery rules', () => {
  test('429 is retried six more times with the identical signed body, then dropped', async () => {
    receiver.answer = () => 429;
    const { sb, api, hooks } = await start();
    await createContact(sb, api);
    await hooks.idle();
    const entry = hooks.log[0];
    if (!entry) throw new Error('no event');
    const attempts = receiver.attemptsOf(entry.webhookId);
    expect(attempts).toHaveLength(7);
    expect(new Set(attempts.map((a) => a.rawBody)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['x-ghl-signature'])).size).toBe(1);
    expect(entry.attempts.map((a) => a.status)).toEqual([429, 429, 429, 429, 429, 429, 429]);
    expect(entry).toMatchObject({ outcome: 'dropped', reason: 'answered 429 on all 7 attempts' });
    expect(hooks.dropped).toEqual([entry]);
  });

  test('429 then 200: delivered on the third attempt, same webhookId', async () => {
    receiver.answer = (_req, i) => (i < 2 ? 429 : 200);
    const { sb, api, hooks } = await start();
    await createContact(sb, api);
    await hooks.idle();
    const entry = hooks.log[0];
    expect(entry?.outcome).toBe('delivered');
    expect(entry?.attempts.map((a) => a.status)).toEqual([429, 429, 200]);
    expect(new Set(receiver.received.map((r) => r.body.webhookId))).toEqual(new Set([entry?.webhookId]));
    expect(hooks.delivered).toEqual([entry]);
  });

  test('maxRetries is a setting', async () => {
    receiver.answer = () => 429;
    const { sb, api, hooks } = await start({ maxRetries: 2 });
    await createContact(sb, api);
    await hooks.idle();
    expect(receiver.received).toHaveLength(3);
    expect(hooks.log[0]?.reason).toBe('answered 429 on all 3 attempts');
  });

  test.each([500, 503, 400, 404, 410, 302])('%i is dropped at once, never retried', async (status) => {
    receiver.answer = () => status;
    const { sb, api, hooks } = await start();
    await createContact(sb, api);
    await hooks.idle();
    expect(receiver.received).toHaveLength(1);
    expect(hooks.log[0]).toMatchObject({ outcome: 'dropped', reason: `answered ${status}` });
  });

  test('no answer within timeoutMs is dropped, not retried', async () => {
    receiver.answer = () => 'hang';
    const { sb, api, hooks } = await start({ timeoutMs: 150 });
    await createContact(sb, api);
    await hooks.idle();
    expect(receiver.received).toHaveLength(1);
    expect(hooks.log[0]).toMatchObject({ outcome: 'dropped', reason: 'no answer (timeout)' });
    expect(hooks.log[0]?.attempts[0]?.status).toBe(0);
  });

  test('a receiver that is not listening: dropped after one attempt', async () => {
    const gone = await Receiver.start();
    await gone.stop();
    const { sb, api, hooks } = await start({ url: gone.url });
    await createContact(sb, api);
    await hooks.idle();
    expect(hooks.log[0]?.outcome).toBe('dropped');
    expect(hooks.log[0]?.attempts).toHaveLength(1);
    expect(hooks.log[0]?.reason).toBe('no answer (ECONNREFUSED)');
  });

  test('the API answer does not wait for the receiver', async () => {
    receiver.answer = () => 'hang';
    const { sb, api, hooks } = await start();
    const id = await createContact(sb, api);
    expect(sb.state.contacts.has(id)).toBe(true);
    expect(hooks.log[0]?.outcome).toBe('pending');
    await sb.stop();
    running.splice(running.indexOf(sb), 1);
    expect(hooks.log[0]).toMatchObject({ outcome: 'dropped', reason: 'sandbox stopped' });
  });

  test('events of one write are delivered independently: a retried one arrives after a later one', async () => {
    // ContactCreate gets a 429 first; ContactTagUpdate, emitted after it, is delivered before its retry.
    receiver.answer = (req) => (req.body.type === 'ContactCreate' && receiver.attemptsOf(String(req.body.webhookId)).length === 1 ? 429 : 200);
    const { sb, api, hooks } = await start({ retryDelayMs: 200, retryJitterMs: 0 });
    await api.post('/contacts/', { locationId: sb.locationId, firstName: 'Ada', tags: ['vip'] });
    await hooks.idle();
    expect(hooks.log.map((e) => e.type)).toEqual(['ContactCreate', 'ContactTagUpdate']);
    expect(receiver.received.map((r) => [r.body.type, r.body.webhookId === hooks.log[0]?.webhookId])).toEqual([
      ['ContactCreate', true],
      ['ContactTagUpdate', false],
      ['ContactCreate', true],
    ]);
    expect(hooks.delivered).toHaveLength(2);
  });

  test('`events` limits what is sent to the subscribed types', async () => {
    const { sb, api, hooks } = await start({ events: ['ContactTagUpdate'] });
    await api.post('/contacts/', { locationId: sb.locationId, firstName: 'Ada', tags: ['vip'] });
    await hooks.idle();
    expect(receiver.received.map((r) => r.body.type)).toEqual(['ContactTagUpdate']);
  });

  test('onSettled reports each event once, and clearLog forgets them', async () => {
    const settled: string[] = [];
    receiver.answer = (_req, i) => (i === 0 ? 500 : 200);
    const { sb, api, hooks } = await start({ onSettled: (e) => settled.push(`${e.type} ${e.outcome}`) });
    await createContact(sb, api, 'A');
    await hooks.idle();
    await createContact(sb, api, 'B');
    await hooks.idle();
    expect(settled).toEqual(['ContactCreate dropped', 'ContactCreate delivered']);
    hooks.clearLog();
    expect(hooks.log).toHaveLength(0);
  });
});
