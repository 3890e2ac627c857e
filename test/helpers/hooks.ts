import { createHmac, randomUUID } from 'node:crypto';
import nock from 'nock';
import { LOCATION_ID } from './app';

/**
 * The relay as the instant triggers see it, for nock tests: its base URL and shared secret (fake), the exact signed
 * requests performSubscribe/performUnsubscribe must send, and hook bundles carrying a delivery as the relay POSTs it
 * (relay/src/queue/deliverer.ts) and Zapier hands it to perform (cleanedRequest, rawRequest, subscribeData).
 */
export const RELAY = 'https://relay.example.com';
export const RELAY_SECRET = 'relay-secret-for-tests-0123456789abcdef';
export const HOOK_URL = 'https://hooks.zapier.com/hooks/standard/1234567/0a1b2c3d4e5f/';
export const SUBSCRIPTION_ID = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';

export const setRelayEnv = (): void => {
  process.env.RELAY_URL = RELAY;
  process.env.RELAY_SHARED_SECRET = RELAY_SECRET;
};

export const clearRelayEnv = (): void => {
  delete process.env.RELAY_URL;
  delete process.env.RELAY_SHARED_SECRET;
};

/** The relay's HMAC, computed independently of the app's code (relay/src/auth/relay_signature.ts). */
export const hmac = (timestamp: string, method: string, path: string, raw: string, secret = RELAY_SECRET): string =>
  createHmac('sha256', secret).update(`${timestamp}.${method}.${path}.${raw}`).digest('hex');

/** The relay API's HMAC with the call's nonce (relay/src/auth/relay_signature.ts relayApiSignature). */
export const apiHmac = (timestamp: string, nonce: string, method: string, path: string, raw: string, secret = RELAY_SECRET): string =>
  createHmac('sha256', secret).update(`${timestamp}.${nonce}.${method}.${path}.${raw}`).digest('hex');

export interface SeenRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const headersOf = (req: { headers: Record<string, string | string[] | undefined> }) => req.headers;

/** Checks a relay API request's signature and freshness; returns a problem, or undefined when it is right. */
export const signatureProblem = (seen: SeenRequest, method: string, path: string): string | undefined => {
  const ts = String(seen.headers['x-relay-timestamp'] ?? '');
  const sig = String(seen.headers['x-relay-signature'] ?? '');
  const nonce = String(seen.headers['x-relay-nonce'] ?? '');
  if (!/^\d+$/.test(ts)) return `bad timestamp ${ts}`;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 60) return 'stale timestamp';
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(nonce)) return `bad nonce ${nonce}`;
  if (sig !== apiHmac(ts, nonce, method, path, seen.body)) return 'signature does not match';
  return undefined;
};

export const subscriptionAnswer = (event: string, filters: Record<string, string> = {}) => ({
  id: SUBSCRIPTION_ID,
  locationId: LOCATION_ID,
  event,
  filters,
  targetUrl: HOOK_URL,
  createdAt: '2026-06-10T14:05:31.512Z',
});

/**
 * nock for the one POST /subscriptions the relay must get: exactly `raw` as the body (so the signed bytes are known),
 * the connection's token, a valid signature. Answers `status` with `answer`.
 */
export const expectSubscribe = (raw: string, status: number, answer: unknown, seen: SeenRequest[] = []) =>
  nock(RELAY, { reqheaders: { authorization: 'Bearer fake-access-token', 'content-type': 'application/json' } })
    .post('/subscriptions', (body: unknown) => JSON.stringify(body) === raw)
    .reply(function (_uri, body) {
      seen.push({ headers: headersOf(this.req), body: typeof body === 'string' ? body : JSON.stringify(body) });
      return [status, answer as Record<string, unknown>];
    });

export const expectUnsubscribe = (status: number, answer: unknown = '', seen: SeenRequest[] = [], id = SUBSCRIPTION_ID) =>
  nock(RELAY)
    .delete(`/subscriptions/${id}`)
    .reply(function (_uri, body) {
      seen.push({ headers: headersOf(this.req), body: typeof body === 'string' ? body : JSON.stringify(body) });
      return [status, answer as Record<string, unknown>];
    });

/** The body the relay POSTs to the hook URL: its envelope around HighLevel's body as received. */
export const deliveryBody = (event: string, payload: Record<string, unknown>, tags?: { added: string[]; removed: string[] }) => ({
  id: randomUUID(),
  event,
  locationId: typeof payload.locationId === 'string' ? payload.locationId : LOCATION_ID,
  webhookId: typeof payload.webhookId === 'string' ? payload.webhookId : randomUUID(),
  receivedAt: '2026-06-10T14:05:32.000Z',
  payload,
  ...(tags ? { tags } : {}),
});

/** A hook run's bundle as Zapier builds it from the relay's signed POST (raw headers carry Zapier's `Http-` prefix). */
export const hookBundle = (
  delivery: Record<string, unknown>,
  { secret = RELAY_SECRET, signed = true, zapId = 'zap-1' }: { secret?: string; signed?: boolean; zapId?: string } = {},
) => {
  const content = JSON.stringify(delivery);
  const ts = String(Math.floor(Date.now() / 1000));
  const path = new URL(HOOK_URL).pathname;
  return {
    // What Zapier parses from the bytes sent (undefined fields are gone, as on the wire).
    cleanedRequest: JSON.parse(content) as Record<string, unknown>,
    rawRequest: {
      method: 'POST' as const,
      querystring: '',
      headers: {
        'Http-Content-Type': 'application/json',
        ...(signed ? { 'Http-X-Relay-Timestamp': ts, 'Http-X-Relay-Signature': hmac(ts, 'POST', path, content, secret) } : {}),
      },
      content,
    },
    subscribeData: subscriptionAnswer(String(delivery.event)),
    meta: { zap: { id: zapId, user: { timezone: 'Europe/Berlin' } } },
  };
};

/** Body fields of the official examples (docs "webhook events/<Type>.md", GoHighLevel/highlevel-api-docs), for our test location. */
export const contactEvent = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  locationId: LOCATION_ID,
  id: 'nmFmQEsNgz6AVpgLVUJ0',
  address1: '3535 1st St N',
  city: 'ruDolomitebika',
  state: 'AL',
  companyName: 'Loram ipsum',
  country: 'DE',
  source: 'xyz form',
  dateAdded: '2021-11-26T12:41:02.193Z',
  dateOfBirth: '2000-01-05T00:00:00.000Z',
  dnd: true,
  email: 'JohnDeo@gmail.comm',
  name: 'John Deo',
  firstName: 'John',
  lastName: 'Deo',
  phone: '+919509597501',
  postalCode: '452001',
  tags: ['id magna sed Lorem', 'Duis dolor commodo aliqua'],
  website: 'https://www.google.com/',
  attachments: [],
  assignedTo: 'nmFmQEsNgz6AVpgLVUJ0',
  customFields: [{ id: 'BcdmQEsNgz6AVpgLVUJ0', value: 'XYZ Corp' }],
  timestamp: '2026-06-10T14:05:31.000Z',
  webhookId: randomUUID(),
  ...fields,
});

/** TaskCreate.md / TaskComplete.md example fields. */
export const taskEvent = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  locationId: LOCATION_ID,
  id: 'UlRWGLSXh0ji5qbiGu4i',
  assignedTo: '63e4qiWDsFJjOYAC8phG',
  body: 'Loram ipsum',
  contactId: 'CWBf1PR9LvvBkcYqiXlc',
  title: 'Loram ipsum',
  dateAdded: '2021-11-26T12:41:02.193Z',
  dueDate: '2021-11-26T12:41:02.193Z',
  timestamp: '2026-06-10T14:05:31.000Z',
  webhookId: randomUUID(),
  ...fields,
});

/** NoteCreate.md example fields (note events are exactly these, issue #312). */
export const noteEvent = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  locationId: LOCATION_ID,
  id: 'otg8dTQqGLh3Q6iQI55w',
  body: 'Loram ipsum',
  contactId: 'CWBf1PR9LvvBkcYqiXlc',
  dateAdded: '2021-11-26T12:41:02.193Z',
  timestamp: '2026-06-10T14:05:31.000Z',
  webhookId: randomUUID(),
  ...fields,
});

/** AppointmentCreate.md example fields, the appointment nested. */
export const appointmentEvent = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  locationId: LOCATION_ID,
  appointment: {
    id: '0007BWpSzSwfiuSl0tR2',
    address: 'https://example.com/meeting',
    title: 'Appointment with GHL Dev team',
    calendarId: 'BqTwX8QFwXzpegMve9EQ',
    contactId: '9NkT25Vor1v4aQatFsv2',
    groupId: '9NkT25Vor1v4aQatFsv2',
    appointmentStatus: 'confirmed',
    assignedUserId: 'YlWd2wuCAZQzh2cH1fVZ',
    users: ['YlWd2wuCAZQzh2cH1fVZ', '9NkT25Vor1v4aQatFsv2'],
    notes: 'Some dummy note',
    source: 'booking_widget',
    startTime: '2023-09-25T16:00:00+05:30',
    endTime: '2023-09-25T17:00:00+05:30',
    dateAdded: '2023-09-25T10:00:00+05:30',
    dateUpdated: '2023-09-25T12:00:00+05:30',
    ...fields,
  },
  timestamp: '2026-06-10T14:05:31.000Z',
  webhookId: randomUUID(),
});

/**
 * OpportunityCreate.md example fields (OpportunityStageUpdate.md, OpportunityStatusUpdate.md, OpportunityUpdate.md
 * and OpportunityDelete.md show the same body under their own `type`), for our test location.
 */
export const opportunityEvent = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  locationId: LOCATION_ID,
  id: 'wWhVuzqpRuOA1ZVWi4FC',
  assignedTo: 'bNl8QNGXhIQJLv8eeASQ',
  contactId: 'cJAWDskpkJHbRbhAT7bs',
  monetaryValue: 40,
  name: 'Loram ipsu',
  pipelineId: 'VDm7RPYC2GLUvdpKmBfC',
  pipelineStageId: 'e93ba61a-53b3-45e7-985a-c7732dbcdb69',
  source: 'Loram ipsu',
  status: 'open',
  dateAdded: '2021-11-26T12:41:02.193Z',
  timestamp: '2026-06-10T14:05:31.000Z',
  webhookId: randomUUID(),
  ...fields,
});
