import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from './app';
import {
  HOOK_URL,
  RELAY_SECRET,
  SUBSCRIPTION_ID,
  clearRelayEnv,
  expectSubscribe,
  expectUnsubscribe,
  setRelayEnv,
  signatureProblem,
  subscriptionAnswer,
  type SeenRequest,
} from './hooks';

type Perform = (z: ZObject, bundle: Bundle) => unknown;

export interface HookTriggerSpec {
  performSubscribe: Perform;
  performUnsubscribe: Perform;
  /** The relay event kind the trigger subscribes to. */
  event: string;
  /** Input the Zap was set up with, and the relay filters it must become. */
  inputData?: Record<string, unknown>;
  filters?: Record<string, string>;
  /** The polling trigger the missing-settings message must name; undefined when there is none. */
  pollingLabel: string | undefined;
}

/** GET /locations/{id}: performSubscribe reads it first so Zapier refreshes an expired token before the relay sees it. */
export const expectLocationRead = () =>
  nock(API, CONTACTS_VERSION)
    .get(`/locations/${LOCATION_ID}`)
    .reply(200, { location: { id: LOCATION_ID, name: 'Vogt Pilates' } });

/**
 * The subscribe/unsubscribe contract every instant trigger shares (relay API, relay/README.md): the exact signed
 * requests, the answers kept as subscribeData, and the message without relay settings. Registered per trigger, so
 * each trigger's test file proves its own event kind and filters.
 */
export const describeRelaySubscription = (spec: HookTriggerSpec): void => {
  const inputData = spec.inputData ?? {};
  const raw = JSON.stringify({ locationId: LOCATION_ID, event: spec.event, ...(spec.filters ? { filters: spec.filters } : {}), targetUrl: HOOK_URL });

  describe('subscription through the relay', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it(`subscribes to ${spec.event} with exactly the signed request the relay expects, and keeps its answer`, async () => {
      const seen: SeenRequest[] = [];
      const location = expectLocationRead();
      const relay = expectSubscribe(raw, 201, subscriptionAnswer(spec.event, spec.filters), seen);
      const result = await appTester(spec.performSubscribe, { authData, inputData, targetUrl: HOOK_URL });
      expect(location.isDone()).toBe(true);
      expect(relay.isDone()).toBe(true);
      expect(seen).toHaveLength(1);
      expect(signatureProblem(seen[0], 'POST', '/subscriptions')).toBeUndefined();
      expect(result).toMatchObject({ id: SUBSCRIPTION_ID, targetUrl: HOOK_URL, event: spec.event });
    });

    it('unsubscribes with a signed DELETE of the subscription it made; one the relay no longer has is done too', async () => {
      const seen: SeenRequest[] = [];
      expectUnsubscribe(204, '', seen);
      await expect(appTester(spec.performUnsubscribe, { authData, inputData, subscribeData: subscriptionAnswer(spec.event) })).resolves.toEqual({
        id: SUBSCRIPTION_ID,
        removed: true,
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].body).toBe('');
      expect(signatureProblem(seen[0], 'DELETE', `/subscriptions/${SUBSCRIPTION_ID}`)).toBeUndefined();
      expect(seen[0].headers.authorization).toBeUndefined();

      expectUnsubscribe(404, { error: { status: 404, message: 'no such subscription' } });
      await expect(appTester(spec.performUnsubscribe, { authData, inputData, subscribeData: subscriptionAnswer(spec.event) })).resolves.toEqual({
        id: SUBSCRIPTION_ID,
        removed: false,
      });
    });

    it('says so when the relay refuses the signature (another secret), without a token refresh', async () => {
      expectLocationRead();
      nock('https://relay.example.com')
        .post('/subscriptions')
        .reply(401, { error: { status: 401, message: 'X-Relay-Signature does not match' } });
      const error = await thrown(appTester(spec.performSubscribe, { authData, inputData, targetUrl: HOOK_URL }));
      expect(error.name).not.toBe('RefreshAuthError');
      expect(error.message).toMatch(/RELAY_SHARED_SECRET differs from the relay's.*does not match/);
      expect(error.message).not.toContain(RELAY_SECRET);
    });
  });

  describe('without relay settings', () => {
    beforeEach(clearRelayEnv);

    it(
      spec.pollingLabel ? `fails to turn on, naming the polling trigger "${spec.pollingLabel}"` : 'fails to turn on, saying no polling trigger can see it',
      async () => {
        // No request at all: nock would refuse any (disableNetConnect), and none is mocked.
        const error = await thrown(appTester(spec.performSubscribe, { authData, inputData, targetUrl: HOOK_URL }));
        expect(error.message).toMatch(/RELAY_URL and RELAY_SHARED_SECRET/);
        if (spec.pollingLabel) expect(error.message).toContain(`Use the polling trigger "${spec.pollingLabel}" instead`);
        else expect(error.message).toMatch(/No polling trigger can see this change/);
        expect(nock.pendingMocks()).toEqual([]);
      },
    );
  });
};
