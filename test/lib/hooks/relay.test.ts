import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { checkDelivery, readDelivery, relayApiSignature, relayConfig, relaySignature, subscribeToRelay } from '../../../lib/hooks/relay';
import { LOCATION_ID, appTester, authData, thrown } from '../../helpers/app';
import { expectLocationRead } from '../../helpers/hook_trigger';
import { HOOK_URL, RELAY, RELAY_SECRET, apiHmac, clearRelayEnv, contactEvent, deliveryBody, hmac, hookBundle, setRelayEnv } from '../../helpers/hooks';

const read = (bundle: Record<string, unknown>) => appTester((z: ZObject, b: Bundle) => readDelivery(z, b, 'contact.created') ?? null, { authData, ...bundle });
const subscribe = (bundle: Record<string, unknown> = {}) =>
  appTester((z: ZObject, b: Bundle) => subscribeToRelay(z, b, { event: 'contact.created', pollingLabel: 'New Contact' }), {
    authData,
    targetUrl: HOOK_URL,
    ...bundle,
  });

describe('lib/hooks/relay', () => {
  beforeEach(setRelayEnv);
  afterEach(clearRelayEnv);

  it('signs exactly as the relay checks: hex HMAC-SHA256 over timestamp, method, path and raw body', () => {
    expect(relaySignature(RELAY_SECRET, '1700000000', 'post', '/subscriptions', '{"a":1}')).toBe(hmac('1700000000', 'POST', '/subscriptions', '{"a":1}'));
    expect(relaySignature(RELAY_SECRET, '1700000000', 'POST', '/subscriptions', '{"a":2}')).not.toBe(hmac('1700000000', 'POST', '/subscriptions', '{"a":1}'));
    // API calls sign their nonce too (the relay refuses a repeated one)
    const nonce = '0f8e1d2c-3b4a-4596-8877-665544332211';
    expect(relayApiSignature(RELAY_SECRET, '1700000000', nonce, 'post', '/subscriptions', '{"a":1}')).toBe(
      apiHmac('1700000000', nonce, 'POST', '/subscriptions', '{"a":1}'),
    );
    expect(relayApiSignature(RELAY_SECRET, '1700000000', `${nonce}x`, 'POST', '/subscriptions', '{"a":1}')).not.toBe(
      apiHmac('1700000000', nonce, 'POST', '/subscriptions', '{"a":1}'),
    );
  });

  describe('settings', () => {
    const config = () => appTester((z: ZObject) => relayConfig(z) ?? null, { authData });

    it('is off without RELAY_URL or RELAY_SHARED_SECRET', async () => {
      delete process.env.RELAY_URL;
      expect(await config()).toBeNull();
      setRelayEnv();
      delete process.env.RELAY_SHARED_SECRET;
      expect(await config()).toBeNull();
    });

    it('refuses plain http off this machine, URLs with credentials, and short secrets, naming the setting but not its value', async () => {
      process.env.RELAY_URL = 'http://relay.example.com';
      expect((await thrown(config())).message).toMatch(/RELAY_URL must use https/);
      process.env.RELAY_URL = 'https://user:pw@relay.example.com';
      expect((await thrown(config())).message).toMatch(/without query, fragment or credentials/);
      process.env.RELAY_URL = 'http://127.0.0.1:4020/';
      expect(await config()).toEqual({ url: 'http://127.0.0.1:4020', secret: RELAY_SECRET });
      process.env.RELAY_SHARED_SECRET = 'short-secret';
      const error = await thrown(config());
      expect(error.message).toMatch(/RELAY_SHARED_SECRET must be .*at least 32 characters/);
      expect(error.message).not.toContain('short-secret');
    });
  });

  describe('subscribe errors', () => {
    it.each([
      [
        403,
        { error: { status: 403, message: 'HighLevel did not confirm this connection for location x' } },
        /did not confirm this connection's location.*Reconnect/,
      ],
      [
        422,
        { error: { status: 422, message: 'the subscription is not valid', details: ['targetUrl host must be one of: hooks.zapier.com'] } },
        /refused the subscription.*targetUrl host must be one of/,
      ],
      [503, { error: { status: 503, message: 'database unavailable' } }, /answered 503.*Try again/],
    ])('maps a %s answer to a message a user can act on', async (status, body, message) => {
      expectLocationRead();
      nock(RELAY).post('/subscriptions').reply(status, body);
      expect((await thrown(subscribe())).message).toMatch(message);
    });

    it('a busy relay (429) is a throttled error, retried by Zapier', async () => {
      expectLocationRead();
      nock(RELAY).post('/subscriptions').reply(429, {});
      expect((await thrown(subscribe())).name).toBe('ThrottledError');
    });

    it('an unreachable relay says so, without the URL or the secret', async () => {
      expectLocationRead();
      nock(RELAY).post('/subscriptions').replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
      const error = await thrown(subscribe());
      expect(error.message).toMatch(/Could not reach the HighLevel relay/);
      expect(error.message).not.toContain(RELAY_SECRET);
    });

    it('an answer without a subscription id is an error, not a Zap on nothing', async () => {
      expectLocationRead();
      nock(RELAY).post('/subscriptions').reply(201, { ok: true });
      expect((await thrown(subscribe())).message).toMatch(/without a subscription id/);
    });

    it('a HighLevel token that expired is refreshed by Zapier first (the location read answers 401), the relay never sees it', async () => {
      nock('https://services.leadconnectorhq.com').get(`/locations/${LOCATION_ID}`).reply(401, { statusCode: 401, message: 'Invalid JWT' });
      expect((await thrown(subscribe())).name).toBe('RefreshAuthError');
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('deliveries', () => {
    const delivery = () => deliveryBody('contact.created', contactEvent('ContactCreate'));

    it("takes a delivery signed by the relay for the connection's location", async () => {
      expect(await read(hookBundle(delivery()))).toMatchObject({ event: 'contact.created', locationId: LOCATION_ID });
    });

    it('ignores one signed with another secret, or with headers but no signature', async () => {
      expect(await read(hookBundle(delivery(), { secret: 'another-secret-another-secret-0000000' }))).toBeNull();
      expect(await read(hookBundle(delivery(), { signed: false }))).toBeNull();
    });

    it('accepts one it cannot check (no raw request from Zapier), and checks the body against the signed bytes', async () => {
      const bundle = hookBundle(delivery());
      expect(await read({ ...bundle, rawRequest: undefined })).not.toBeNull();
      const tampered = { ...bundle, rawRequest: { ...bundle.rawRequest, content: bundle.rawRequest.content.replace('John', 'Jane') } };
      expect(checkDelivery(tampered as unknown as Bundle, RELAY_SECRET)).toBe('forged');
      expect(checkDelivery(bundle as unknown as Bundle, RELAY_SECRET)).toBe('valid');
    });

    it("ignores a delivery for another location than the connection's", async () => {
      expect(await read(hookBundle({ ...delivery(), locationId: 'otherLocation0000000' }))).toBeNull();
    });

    it('a body that is not a relay delivery is an error the Zap shows', async () => {
      const bundle = hookBundle(delivery());
      expect((await thrown(read({ ...bundle, rawRequest: undefined, cleanedRequest: { hello: 'world' } }))).message).toMatch(/not a HighLevel relay delivery/);
    });
  });
});
