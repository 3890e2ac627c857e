import nock from 'nock';
import type { PlainInputField } from 'zapier-platform-core';
import { API, App, appTester, authData, thrown } from '../helpers/app';

/**
 * Issue 11: objects mapped into text fields and tags were stored as "[object Object]" (206 requests over 20
 * operations), unpaired surrogates crashed the URL encoder, `constructor` passed as a dropdown value. This test maps
 * each hostile value into every static input field of every action and search, one field at a time, with plausible
 * values in the others, and records every request that leaves: none may carry a corrupted value, and a refusal names
 * the field. (The text "[object Object]" itself is refused by the same check as a broken character: test/lib/input.test.ts.)
 */
type Operation = { key: string; operation: { perform: unknown; inputFields?: unknown[] } };
const groups = App as unknown as { creates: Record<string, Operation>; searches: Record<string, Operation> };

const PLAUSIBLE: Record<string, unknown> = {
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  taskId: 'k3QdT8vLm2Ws5Xy7Za1B',
  noteId: 'Nt4rW8yB2dF6hJ0kL3mP',
  appointmentId: 'Ev7tY2uI4oP6aS8dF0gH',
  calendarId: 'Cal3bD5fH7jL9nP1rT3v',
  businessId: '65f1c2d3e4a5b6c7d8e9f0a1',
  customFieldId: 'kL9pM2xQ7rT4vW1yZ3aB',
  assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  userId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  assignedUserId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  email: 'lena.vogt@example.com',
  contactEmail: 'lena.vogt@example.com',
  phone: '+49 171 1234567',
  firstName: 'Lena',
  title: 'Follow up',
  body: 'Session notes',
  name: 'vip',
  tags: 'vip',
  dueDate: '2030-01-01T10:00:00Z',
  startTime: '2030-01-07T10:00:00+01:00',
  startDate: '2030-01-07',
  endDate: '2030-01-09',
  value: 'M',
  text: 'notes',
  query: 'vogt',
  opportunityId: 'yWQobCRIhRguQtD2llvk',
  pipelineId: 'VDm7RPYC2GLUvdpKmBfC',
  pipelineStageId: 'e93ba61a-53b3-45e7-985a-c7732dbcdb69',
  workflowId: '78559bb3-b920-461e-b010-7b2a2816d2a9',
  campaignId: 'Cmp5bD7fH9jL1nP3rT5v',
  method: 'GET',
  path: '/opportunities/pipelines',
};

/** Where an operation reads a key differently: API Request's Query Parameters are key-value pairs and its Body is JSON. */
const PLAUSIBLE_FOR: Record<string, Record<string, unknown>> = { api_request: { method: 'POST', path: '/contacts/upsert', query: undefined, body: undefined } };

const HOSTILE: [string, unknown][] = [
  ['an object', { first: 'Lena' }],
  ['a list of objects', [{ name: 'vip' }]],
  ['an unpaired surrogate', 'Lena\ud800'],
  ['"constructor"', 'constructor'],
];

const CORRUPT = /\[object (Object|Array)\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** "constructor" is fine text in a title; in a dropdown it must never pass as an option. */
const NOT_AN_OPTION = /"constructor"/;

const staticFields = (op: Operation): PlainInputField[] =>
  (op.operation.inputFields ?? []).filter((f): f is PlainInputField => typeof f === 'object' && f !== null && 'key' in f && !('copy' in f));

const cases = [...Object.values(groups.creates), ...Object.values(groups.searches)].flatMap((op) =>
  staticFields(op).flatMap((field) =>
    HOSTILE.filter(([, value]) => value !== 'constructor' || field.choices !== undefined).map(
      ([what, value]) => [op.key, field.key, field.label ?? field.key, what, value] as const,
    ),
  ),
);

describe('hostile input never reaches HighLevel', () => {
  let sent: string[] = [];
  beforeEach(() => {
    sent = [];
    const record = (uri: string, body: unknown) => {
      sent.push(`${decodeURIComponent(uri)} ${typeof body === 'string' ? body : JSON.stringify(body ?? '')}`);
      return [500, { statusCode: 500, message: 'stop here' }] as [number, unknown];
    };
    nock(API).persist().get(/.*/).reply(record).post(/.*/).reply(record).put(/.*/).reply(record).delete(/.*/).reply(record);
  });
  afterEach(() => nock.cleanAll());

  it('covers every action and search', () => {
    expect(new Set(cases.map(([key]) => key)).size).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s: %s given %s', async (key, fieldKey, label, _what, value) => {
    const op = groups.creates[key] ?? groups.searches[key];
    const error = await thrown(
      appTester(op.operation.perform as never, { authData, inputData: { ...PLAUSIBLE, ...PLAUSIBLE_FOR[key], [fieldKey]: value } }),
    ).catch(() => undefined);
    for (const request of sent) expect(request).not.toMatch(value === 'constructor' ? NOT_AN_OPTION : CORRUPT);
    if (error?.code === 'invalid_input' && sent.length === 0 && typeof value !== 'string') {
      // An object or list refused before sending: the message names the field the user mapped it into.
      expect(error.message).toContain(label);
    }
  });
});
