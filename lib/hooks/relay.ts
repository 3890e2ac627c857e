import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { buildPath, ghl, locationIdOf } from '../http/client';
import { isId } from '../input';
import { endpoints } from '../http/endpoints';

/**
 * The instant triggers' one client for the webhook relay (relay/README.md): HighLevel sends its webhooks only to the
 * marketplace app's one URL (docs/highlevel-api.md §9.1), the relay stores them and fans them out to one Zapier REST
 * hook per Zap. Here: where the relay is (the app's environment), how every call is signed, how its answers become
 * errors a user can act on, and how a delivery is read and checked. Object homes turn the delivered HighLevel body
 * into their output (lib/<object>/hooks.ts).
 */

/** The event kinds the instant triggers subscribe to (the relay's `event` field, relay/src/events/kinds.ts). */
export type RelayEvent =
  | 'contact.created'
  | 'contact.updated'
  | 'contact.deleted'
  | 'contact.tag_added'
  | 'contact.tag_removed'
  | 'task.created'
  | 'task.completed'
  | 'note.created'
  | 'note.updated'
  | 'appointment.created'
  | 'appointment.updated'
  | 'appointment.deleted'
  | 'opportunity.created'
  | 'opportunity.stage_changed'
  | 'opportunity.status_changed';

/** What the relay filters on before it delivers (others are filtered here, in perform). */
export interface RelayFilters {
  tag?: string;
  calendarId?: string;
  /** Opportunity kinds: the body's `pipelineId`, `pipelineStageId` and `status` (relay/src/events/kinds.ts). */
  pipelineId?: string;
  stageId?: string;
  status?: string;
}

export interface RelayConfig {
  /** Base URL, no trailing slash. */
  url: string;
  secret: string;
}

/** The relay refuses shorter secrets at start (relay settings, RELAY_SHARED_SECRET). */
export const MIN_SECRET_LENGTH = 32;
const RELAY_TIMEOUT_MS = 15_000;

/** The integration owner's setup is wrong: say which variable, never its value. */
const setupError = (z: ZObject, message: string): Error => new z.errors.Error(message, 'relay_not_configured', 400);

/**
 * RELAY_URL and RELAY_SHARED_SECRET from the app's environment (`zapier-platform env:set`), or undefined when either
 * is missing. A RELAY_URL that is not https (plain http only on loopback, for `npm start` and tests) is an error.
 */
export const relayConfig = (z: ZObject): RelayConfig | undefined => {
  const url = process.env.RELAY_URL?.trim();
  const secret = process.env.RELAY_SHARED_SECRET ?? '';
  if (!url || !secret) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw setupError(z, 'The app setting RELAY_URL is not a URL: set it to the relay, e.g. `https://relay.example.com`.');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw setupError(z, 'The app setting RELAY_URL must use https (plain http only for a relay on this machine).');
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw setupError(z, 'The app setting RELAY_URL must be the base URL of the relay, without query, fragment or credentials.');
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw setupError(z, `The app setting RELAY_SHARED_SECRET must be the relay's shared secret (at least ${MIN_SECRET_LENGTH} characters).`);
  }
  return { url: url.replace(/\/+$/, ''), secret };
};

/**
 * The relay's delivery signature (relay/src/auth/relay_signature.ts): hex HMAC-SHA256 with the shared secret over
 * `${unix seconds}.${METHOD}.${path and query as sent}.${raw body}` (empty body: empty string).
 */
export const relaySignature = (secret: string, timestamp: string, method: string, path: string, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${method.toUpperCase()}.${path}.${rawBody}`).digest('hex');

/**
 * The signature of a call to the relay's API: the same, with a fresh nonce per call (X-Relay-Nonce) after the
 * timestamp, so the relay can refuse a replayed call within its 5-minute window.
 */
export const relayApiSignature = (secret: string, timestamp: string, nonce: string, method: string, path: string, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${nonce}.${method.toUpperCase()}.${path}.${rawBody}`).digest('hex');

const ErrorAnswer = lazy(() =>
  zod.looseObject({
    error: zod.looseObject({ message: zod.string().optional(), details: zod.array(zod.string()).optional() }).optional(),
  }),
);

/** The relay's own message (never a token or secret: the relay does not echo them), cut to a readable length. */
const relayMessage = (json: unknown): string => {
  const parsed = ErrorAnswer.safeParse(json);
  const error = parsed.success ? parsed.data.error : undefined;
  const text = [error?.message, ...(error?.details ?? [])].filter(Boolean).join('; ');
  return text.slice(0, 300);
};

interface RelayAnswer {
  status: number;
  json: unknown;
  /** The relay's Retry-After in seconds, when it sent one (a 429). */
  retryAfter?: number;
}

/** One signed call. fetch, not z.request: a relay 401 (bad signature) must not be taken for an expired HighLevel token. */
const callRelay = async (
  z: ZObject,
  config: RelayConfig,
  call: { method: 'POST' | 'DELETE'; path: string; body?: unknown; token?: string; action: string },
): Promise<RelayAnswer> => {
  const url = `${config.url}${call.path}`;
  const target = new URL(url);
  const raw = call.body === undefined ? '' : JSON.stringify(call.body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-relay-timestamp': timestamp,
    'x-relay-nonce': nonce,
    'x-relay-signature': relayApiSignature(config.secret, timestamp, nonce, call.method, `${target.pathname}${target.search}`, raw),
  };
  if (raw) headers['content-type'] = 'application/json';
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let response: Response;
  try {
    response = await fetch(url, { method: call.method, headers, body: raw || undefined, redirect: 'manual', signal: AbortSignal.timeout(RELAY_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${RELAY_TIMEOUT_MS / 1000} s` : 'no connection';
    throw new z.errors.Error(
      `Could not reach the HighLevel relay while ${call.action} (${reason}). Try again in a few minutes; if it keeps failing, the relay is down (ask the integration owner).`,
      'relay_unreachable',
    );
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return { status: response.status, json, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter: Math.min(60, retryAfter) } : {}) };
};

/** The one mapping of relay answers to what a user reads (relay/src/http/subscription_routes.ts). */
const relayError = (z: ZObject, answer: RelayAnswer, action: string): Error => {
  const detail = relayMessage(answer.json);
  const said = detail ? ` The relay said: ${detail}` : '';
  switch (answer.status) {
    case 401:
      return setupError(
        z,
        `The HighLevel relay refused this app's signature while ${action}: RELAY_SHARED_SECRET differs from the relay's, or the clocks are more than 5 minutes apart.${said}`,
      );
    case 403:
      return new z.errors.Error(
        `HighLevel did not confirm this connection's location to the relay while ${action}. Reconnect your HighLevel account in Zapier.${said}`,
        'relay_forbidden',
        403,
      );
    case 413:
    case 422:
      return new z.errors.Error(`The HighLevel relay refused the subscription while ${action}.${said}`, 'relay_invalid', answer.status);
    case 429:
      return new z.errors.ThrottledError(`HighLevel or its relay is busy (${action}): Zapier tries again shortly.${said}`, answer.retryAfter ?? 60);
    default:
      return new z.errors.Error(
        `The HighLevel relay answered ${answer.status} while ${action}. Try again in a few minutes; if it keeps failing, ask the integration owner to check the relay.${said}`,
        'relay_error',
        answer.status,
      );
  }
};

/** What performSubscribe returns and Zapier keeps as bundle.subscribeData (the relay's subscription). */
export const Subscription = lazy(() => zod.looseObject({ id: zod.string().min(1), targetUrl: zod.string().optional() }));
export type Subscription = z.infer<typeof Subscription>;

/** Without the relay: name the polling trigger that watches the same (or say that none can). */
const relayRequired = (z: ZObject, pollingLabel: string | undefined): Error =>
  setupError(
    z,
    'Instant triggers need the HighLevel relay, and this app has no relay set up (RELAY_URL and RELAY_SHARED_SECRET). ' +
      (pollingLabel
        ? `Use the polling trigger "${pollingLabel}" instead, or ask the integration owner to run the relay.`
        : 'No polling trigger can see this change (HighLevel keeps no record of it): ask the integration owner to run the relay.'),
  );

/**
 * performSubscribe: POST /subscriptions {locationId, event, filters, targetUrl}, signed, with the connection's access
 * token so the relay can confirm the location with HighLevel. First one read of the location through the app's own
 * client, so an expired token is refreshed by Zapier here rather than refused by the relay.
 */
export const subscribeToRelay = async (
  z: ZObject,
  bundle: Bundle,
  spec: { event: RelayEvent; filters?: RelayFilters; pollingLabel: string | undefined },
): Promise<Subscription> => {
  const config = relayConfig(z);
  if (!config) throw relayRequired(z, spec.pollingLabel);
  const targetUrl = bundle.targetUrl;
  if (!targetUrl) throw new z.errors.Error('Zapier gave no hook URL to subscribe (bundle.targetUrl is empty).', 'no_target_url');
  const locationId = locationIdOf(z, bundle);
  await ghl(z, bundle, endpoints.locationGet, { path: { locationId }, answer: zod.looseObject({}), unreadable: 'without the location' });
  const filters = Object.fromEntries(Object.entries(spec.filters ?? {}).filter(([, v]) => typeof v === 'string' && v !== ''));
  const action = 'turning on the instant trigger';
  const answer = await callRelay(z, config, {
    method: 'POST',
    path: '/subscriptions',
    body: { locationId, event: spec.event, ...(Object.keys(filters).length ? { filters } : {}), targetUrl },
    token: typeof bundle.authData?.access_token === 'string' ? bundle.authData.access_token : undefined,
    action,
  });
  if (answer.status !== 201 && answer.status !== 200) throw relayError(z, answer, action);
  const subscription = Subscription.safeParse(answer.json);
  // The id goes into the unsubscribe path: one that is not an id is no subscription of the relay's (it gives UUIDs).
  if (!subscription.success || !isId(subscription.data.id))
    throw new z.errors.Error(`The HighLevel relay answered without a subscription id while ${action}.`, 'relay_error', answer.status);
  return subscription.data;
};

/** performUnsubscribe: DELETE /subscriptions/{id}. Already gone (404: a 410 or an uninstall removed it) is done too. */
export const unsubscribeFromRelay = async (z: ZObject, bundle: Bundle): Promise<{ id: string; removed: boolean }> => {
  const config = relayConfig(z);
  const id = Subscription.safeParse(bundle.subscribeData).data?.id;
  // Nothing to remove: subscribing never succeeded, or the relay is no longer set up (nothing is delivered then).
  if (!config || !id) return { id: id ?? '', removed: false };
  const action = 'turning off the instant trigger';
  // Checked like every id that goes into a path: "." or ".." would be DELETE /subscriptions/ or DELETE / (issue 21).
  const path = buildPath(z, '/subscriptions/{subscriptionId}', { subscriptionId: id }, { subscriptionId: "The relay's subscription ID kept for this Zap" });
  const answer = await callRelay(z, config, { method: 'DELETE', path, action });
  if (answer.status === 204 || answer.status === 200) return { id, removed: true };
  if (answer.status === 404) return { id, removed: false };
  throw relayError(z, answer, action);
};

/** What the relay POSTs to the hook URL (relay/src/queue/deliverer.ts `deliveryBody`). */
export const Delivery = lazy(() =>
  zod.looseObject({
    id: zod.string(),
    event: zod.string(),
    locationId: zod.string().nullish(),
    webhookId: zod.string().nullish(),
    receivedAt: zod.string().nullish(),
    payload: zod.record(zod.string(), zod.unknown()),
    tags: zod.object({ added: zod.array(zod.string()), removed: zod.array(zod.string()) }).nullish(),
  }),
);
export type Delivery = z.infer<typeof Delivery>;

/** A header of the raw hook request, whatever case Zapier gives it and with or without its `Http-` prefix. */
const rawHeader = (headers: Record<string, unknown>, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers)) {
    const k = key.toLowerCase().replace(/_/g, '-');
    if (k === name || k === `http-${name}`) return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
  }
  return undefined;
};

export type DeliveryCheck = 'valid' | 'forged' | 'unverifiable';

/**
 * The relay signs each delivery like its API calls (X-Relay-Timestamp, X-Relay-Signature over the hook URL's path and
 * the body). Checked when Zapier hands over the raw request and the subscription's target URL: a request that has
 * headers but no valid signature is forged. No timestamp window: Zapier may run perform well after the POST arrived.
 */
export const checkDelivery = (bundle: Bundle, secret: string): DeliveryCheck => {
  const raw = bundle.rawRequest;
  const target = Subscription.safeParse(bundle.subscribeData).data?.targetUrl;
  if (!raw || typeof raw.content !== 'string' || !raw.headers || !target) return 'unverifiable';
  let path: string;
  try {
    const url = new URL(target);
    path = `${url.pathname}${url.search}`;
  } catch {
    return 'unverifiable';
  }
  const timestamp = rawHeader(raw.headers, 'x-relay-timestamp');
  const signature = rawHeader(raw.headers, 'x-relay-signature');
  if (!timestamp || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return 'forged';
  const expected = Buffer.from(relaySignature(secret, timestamp, 'POST', path, raw.content), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'valid' : 'forged';
};

/**
 * The delivery in this hook run, when it is one this trigger should act on: signed by the relay (when that can be
 * checked), of the trigger's event kind and for the connection's own location. Anything else yields nothing (logged,
 * without contact data); a body that is not a relay delivery at all is an error the Zap shows.
 */
export const readDelivery = (z: ZObject, bundle: Bundle, event: RelayEvent): Delivery | undefined => {
  const config = relayConfig(z);
  if (config && checkDelivery(bundle, config.secret) === 'forged') {
    z.console.log('Ignored a hook request without a valid relay signature.');
    return undefined;
  }
  const parsed = Delivery.safeParse(bundle.cleanedRequest);
  if (!parsed.success) {
    throw new z.errors.Error('The hook received something that is not a HighLevel relay delivery (no event and payload).', 'bad_delivery');
  }
  const delivery = parsed.data;
  if (delivery.event !== event) {
    z.console.log(`Ignored a ${delivery.event.slice(0, 40)} delivery: this trigger handles ${event}.`);
    return undefined;
  }
  const locationId = locationIdOf(z, bundle);
  const of = delivery.locationId ?? (typeof delivery.payload.locationId === 'string' ? delivery.payload.locationId : undefined);
  if (of !== locationId) {
    z.console.log("Ignored a delivery for another location than the connection's.");
    return undefined;
  }
  const problem = recordProblem(event, delivery.payload);
  if (problem) {
    z.console.log(`Ignored a ${event} delivery: ${problem}.`);
    return undefined;
  }
  return delivery;
};

/** Where the record sits in HighLevel's body: appointments under `appointment` (AppointmentCreate.md), the rest flat. */
const recordOf = (event: RelayEvent, payload: Record<string, unknown>): Record<string, unknown> => {
  if (!event.startsWith('appointment.')) return payload;
  const nested = payload.appointment;
  return typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? (nested as Record<string, unknown>) : {};
};

/** Ids of a record that go into paths and links: each must be an id when it is there at all. */
const RECORD_IDS = ['contactId', 'locationId'];

/**
 * Why a delivered record cannot be output, or undefined when it can: it has no id (Zapier dedupes on it, and an item
 * with `id: ""` is no record), or an id, contact id or location id that is not an id (a broken character would end in
 * a raw URIError in the contact link, anything else in a request for a path that is not the record's). Says which
 * key, never the value (contact data).
 */
const recordProblem = (event: RelayEvent, payload: Record<string, unknown>): string | undefined => {
  const record = recordOf(event, payload);
  if (record.id === undefined || record.id === null || record.id === '') return 'the record has no id';
  if (!isId(record.id)) return 'the record id is not a HighLevel id';
  for (const [where, body] of [
    ['', record],
    ["the body's ", payload],
  ] as const) {
    for (const key of RECORD_IDS) {
      const value = body[key];
      if (value !== undefined && value !== null && value !== '' && !isId(value)) return `${where}${key} is not a HighLevel id`;
    }
  }
  return undefined;
};

/**
 * The subscribe/unsubscribe pair of one instant trigger: its event kind, the polling trigger that watches the same
 * (named when the relay is not set up; undefined when there is none), the filters the relay applies and the reader of
 * the filters perform applies itself. Both are read at subscribe, before any request, so a filter perform would
 * refuse on every delivery is refused when the Zap is turned on, naming the field (issue 21).
 */
export const relaySubscription = (
  event: RelayEvent,
  pollingLabel: string | undefined,
  filters?: (z: ZObject, bundle: Bundle) => RelayFilters,
  performFilters?: (z: ZObject, bundle: Bundle) => unknown,
) => ({
  performSubscribe: (z: ZObject, bundle: Bundle): Promise<Subscription> => {
    const relayFilters = filters?.(z, bundle);
    performFilters?.(z, bundle);
    return subscribeToRelay(z, bundle, { event, pollingLabel, filters: relayFilters });
  },
  performUnsubscribe: (z: ZObject, bundle: Bundle): Promise<{ id: string; removed: boolean }> => unsubscribeFromRelay(z, bundle),
});
