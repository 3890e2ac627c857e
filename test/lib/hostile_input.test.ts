import nock from 'nock';
import type { PlainInputField } from 'zapier-platform-core';
import { contactCustomFieldInputs, customFieldInput, opportunityCustomFieldInputs } from '../../lib/custom_field/fields';
import type { CustomField } from '../../lib/custom_field/schema';
import { endpoints } from '../../lib/http/endpoints';
import { gated, isGated } from '../../lib/input';
import customFieldsFixture from '../fixtures/custom_fields.json';
import pipelinesFixture from '../fixtures/pipelines.json';
import { API, App, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import {
  HOOK_URL,
  RELAY,
  appointmentEvent,
  clearRelayEnv,
  contactEvent,
  deliveryBody,
  hookBundle,
  noteEvent,
  opportunityEvent,
  setRelayEnv,
  subscriptionAnswer,
  taskEvent,
} from '../helpers/hooks';

/**
 * Issue 11: objects mapped into text fields and tags were stored as "[object Object]" (206 requests over 20
 * operations), unpaired surrogates crashed the URL encoder, `constructor` passed as a dropdown value. Issue 21: the
 * triggers' and some searches' readers let their refusal escape as an unknown error class ("A mapped field got a
 * list of 2 values", naming no field), route words went into paths as ids (`removeAll`), a typed `{{bundle.…}}`
 * ended in the platform's own refusal.
 *
 * This test maps each hostile value into every input field of every operation of the exported app (static fields,
 * and the custom fields of a location's field list), one field at a time with plausible values in the others, through
 * every entry point that reads the inputs (perform; an instant trigger's subscribe and its "Test trigger"), and
 * records every request that leaves. None may carry a corrupted value or put a route word or `..` where an id goes;
 * an error is always one of Zapier's (never InvalidInput, TypeError or URIError); a refusal before sending names the
 * field it is about. (The text "[object Object]" itself is refused by the same check as a broken character:
 * test/lib/input.test.ts.) Then every instant trigger is fed deliveries whose record has no id, or ids that are not
 * ids, and each subscription id that is not one: nothing is output, nothing is sent, nothing throws.
 */
type Perform = (...args: never[]) => unknown;
type Operation = {
  key: string;
  operation: { type?: string; perform: Perform; performList?: Perform; performSubscribe?: Perform; performUnsubscribe?: Perform; inputFields?: unknown[] };
};
const groups = App as unknown as { triggers: Record<string, Operation>; creates: Record<string, Operation>; searches: Record<string, Operation> };

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
  tag: 'vip',
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
  formId: 'Fm7bD9fH1jL3nP5rT7vX',
  lookbackHours: '24',
  method: 'GET',
  path: '/opportunities/pipelines',
};

/**
 * Where an operation reads a key differently: API Request's Query Parameters are key-value pairs and its Body is JSON;
 * the note triggers read Hours to Look Back only without a contact.
 */
const PLAUSIBLE_FOR: Record<string, Record<string, unknown>> = {
  api_request: { method: 'POST', path: '/contacts/upsert', query: undefined, body: undefined },
  note_new: { contactId: undefined },
  note_updated: { contactId: undefined },
};

/** A route word of HighLevel's paths and a dot segment, for the fields that take an id (below; other cases of the word: test/lib/http/route_words.test.ts). */
const ID_HOSTILE: [string, unknown][] = [
  ['a route word', 'removeAll'],
  ['a dot segment', '..'],
];

const HOSTILE: [string, unknown][] = [
  ['an object', { first: 'Lena' }],
  ['an empty object', {}],
  ['a list of objects', [{ name: 'vip' }]],
  ['a list of two texts', ['a', 'b']],
  ['an unpaired surrogate', 'Lena\ud800'],
  ['"constructor"', 'constructor'],
  ['text in another script', '名前'], // not for free text (below), where any script is fine
  ['a typed field reference', '{{bundle.inputData.email}}'],
];

const CORRUPT = /\[object (Object|Array)\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\{\{\s*(bundle|process)\./;
/** "constructor" is fine text in a title; in a dropdown it must never pass as an option. */
const NOT_AN_OPTION = /"constructor"/;
/** Zapier's error classes (zapier-platform-core src/errors.js): anything else reaches the user as an unexpected error. */
const ZAPIER_ERRORS = new Set(['AppError', 'ThrottledError', 'HaltedError', 'ExpiredAuthError', 'RefreshAuthError']);

/** Free text, where '名前' is as good as any text: mapped into a number, a choice, an id or a date, it must be refused. */
const FREE_TEXT = new Set([
  'firstName',
  'lastName',
  'name',
  'title',
  'body',
  'text',
  'query',
  'description',
  'address',
  'address1',
  'city',
  'state',
  'postalCode',
  'source',
  'companyName',
  'contactFirstName',
  'contactLastName',
  'tag',
  'tags',
  'value',
  'cf_Tx1aB2cD3eF4gH5iJ6kL',
]);

/** A field that takes an id: a dropdown of records, or a key ending in Id. */
const takesId = (field: PlainInputField): boolean => /Id$/.test(field.key) || ['assignedTo', 'userId'].includes(field.key);

/**
 * The custom fields the sweep maps into: for contacts a choice and a number, for opportunities a text (their values go
 * through the same customFieldValue; a refused value reads the list again, so each field costs two reads per value).
 */
const fixtureFields = (...names: string[]) => customFieldsFixture.customFields.filter((f) => names.includes(f.name)) as CustomField[];
const DYNAMIC: [unknown, PlainInputField[]][] = [
  [gated(contactCustomFieldInputs), fixtureFields('T-shirt Size', 'Sessions Attended').map((f) => customFieldInput(f, 'contact'))],
  [gated(opportunityCustomFieldInputs), fixtureFields('Goals').map((f) => customFieldInput(f, 'opportunity'))],
];

const fieldsOf = (op: Operation): PlainInputField[] =>
  (op.operation.inputFields ?? []).flatMap((f) => {
    if (typeof f === 'function') return DYNAMIC.find(([fn]) => fn === f)?.[1] ?? [];
    return typeof f === 'object' && f !== null && 'key' in f && (f as PlainInputField).type !== 'copy' ? [f as PlainInputField] : [];
  });

type Entry = 'perform' | 'performList' | 'performSubscribe';
/**
 * The functions that read an operation's inputs. An instant trigger reads its filters when the Zap is turned on
 * (performSubscribe) and on "Test trigger" (performList); its perform runs on a delivery (the second part below).
 */
const entriesOf = (op: Operation): Entry[] => (op.operation.type === 'hook' ? ['performList', 'performSubscribe'] : ['perform']);

const operations = [...Object.values(groups.triggers), ...Object.values(groups.creates), ...Object.values(groups.searches)];
/** One test per operation and field, each hostile value in turn through each entry point (a test per value took three times as long). */
const cases = operations.flatMap((op) =>
  fieldsOf(op).map(
    (field) =>
      [
        op.key,
        field.key,
        field.label ?? field.key,
        [...HOSTILE, ...(takesId(field) ? ID_HOSTILE : [])].filter(
          ([, value]) => (value !== 'constructor' || field.choices !== undefined) && (value !== '名前' || !FREE_TEXT.has(field.key)),
        ),
      ] as const,
  ),
);

/** Literal segments of the paths the app calls, by position: a hostile word may sit only where the route has it. */
const ROUTES = Object.values(endpoints).map((e) => ({ method: e.method, segments: e.path.split('/').filter(Boolean) }));
const misplacedWord = (method: string, path: string, word: string): boolean => {
  const segments = path.split('/').filter(Boolean);
  return segments.some(
    (segment, i) =>
      segment.toLowerCase() === word.toLowerCase() &&
      !ROUTES.some((r) => r.method === method && r.segments.length === segments.length && r.segments[i] === segment),
  );
};

interface Sent {
  method: string;
  path: string;
  text: string;
}

/** The contact fixture's fields as the opportunity model's (the app keeps only the fields of the model it asked for). */
const opportunityFields = { customFields: customFieldsFixture.customFields.map((f) => ({ ...f, model: 'opportunity' })) };

describe('hostile input never reaches HighLevel', () => {
  let sent: Sent[] = [];
  const record = (method: string) =>
    function (uri: string, body: unknown): [number, unknown] {
      const path = decodeURIComponent(new URL(uri, API).pathname);
      sent.push({ method, path, text: `${decodeURIComponent(uri)} ${typeof body === 'string' ? body : JSON.stringify(body ?? '')}` });
      return [400, { statusCode: 400, message: 'stop here' }];
    };
  /** Every request is recorded and refused, except the lists a step checks its inputs against, so it goes on to the readers after them. */
  const intercept = () => {
    if (nock.activeMocks().length) return;
    for (const host of [API, RELAY]) {
      nock(host)
        .persist()
        .get(new RegExp(`^/locations/${LOCATION_ID}/customFields`))
        .reply((uri) => [200, uri.includes('model=opportunity') ? opportunityFields : customFieldsFixture])
        .get('/opportunities/pipelines')
        .query(true)
        .reply(200, pipelinesFixture)
        .get(/.*/)
        .reply(record('GET'))
        .post(/.*/)
        .reply(record('POST'))
        .put(/.*/)
        .reply(record('PUT'))
        .delete(/.*/)
        .reply(record('DELETE'));
    }
  };
  beforeAll(setRelayEnv);
  afterAll(clearRelayEnv);

  it('puts every function of every operation behind the input gate (index.ts, lib/input.ts throughInputGate)', () => {
    const ungated = operations.flatMap((op) => {
      const { inputFields = [], outputFields = [], ...rest } = op.operation as Record<string, unknown> & { inputFields?: unknown[]; outputFields?: unknown[] };
      const functions = [
        ...Object.entries(rest).filter(([, value]) => typeof value === 'function'),
        ...[...inputFields, ...outputFields].filter((f) => typeof f === 'function').map((f) => ['a dynamic field', f] as const),
      ];
      return functions.filter(([, fn]) => !isGated(fn)).map(([name]) => `${op.key}: ${name}`);
    });
    expect(ungated).toEqual([]);
  });

  it('covers every operation that has input fields, through each entry point that reads them', () => {
    const covered = new Set(cases.map(([key]) => key));
    const withFields = operations.filter((op) => fieldsOf(op).length > 0).map((op) => op.key);
    expect(withFields.filter((key) => !covered.has(key))).toEqual([]);
    expect(covered.size).toBeGreaterThanOrEqual(60);
    expect(cases.some(([key]) => groups.triggers[key]?.operation.type === 'hook')).toBe(true);
    expect(cases.some(([, key]) => key.startsWith('cf_'))).toBe(true);
  });

  it.each(cases)('%s: %s (%s)', async (key, fieldKey, label, values) => {
    const op = groups.triggers[key] ?? groups.creates[key] ?? groups.searches[key];
    const problems: string[] = [];
    for (const [what, value] of values) {
      const refusals: Partial<Record<Entry, string>> = {};
      for (const entry of entriesOf(op)) {
        sent = [];
        intercept();
        const inputData = { ...PLAUSIBLE, ...PLAUSIBLE_FOR[key], [fieldKey]: value };
        const error = await thrown(appTester(op.operation[entry] as never, { authData, inputData, targetUrl: HOOK_URL })).catch(() => undefined);
        const problem = (text: string) => problems.push(`${entry} given ${what}: ${text}`);
        for (const request of sent) {
          if ((value === 'constructor' ? NOT_AN_OPTION : CORRUPT).test(request.text)) problem(`sent ${request.text.slice(0, 200)}`);
          if (typeof value === 'string' && ID_HOSTILE.some(([, v]) => v === value) && misplacedWord(request.method, request.path, value))
            problem(`sent it as an id: ${request.method} ${request.path}`);
        }
        if (error && !ZAPIER_ERRORS.has(error.name)) problem(`${error.name} is not a Zapier error: ${error.message.slice(0, 200)}`);
        const refused = error?.code === 'invalid_input' && sent.length === 0;
        if (refused) refusals[entry] = error.message;
        // Refused before sending: the message names the field by its label ("Body" for "Body (JSON)").
        if (refused && !error.message.includes(label.replace(/\s*\(.*\)$/, ''))) problem(`the refusal does not name the field: ${error.message}`);
        if (typeof value === 'string' && value.startsWith('{{')) {
          // Never the platform's own refusal: refused before anything is sent, in words (which field, and what to do).
          if (/no longer supports/.test(error?.message ?? '')) problem(`the platform refused it: ${error?.message.slice(0, 120)}`);
          if (refused && !/typed by hand/.test(error.message)) problem(`not said in words: ${error.message}`);
        }
      }
      // What an instant trigger's reader refuses is refused when the Zap is turned on, not on every delivery after.
      if (refusals.performList !== undefined && refusals.performSubscribe !== refusals.performList)
        problems.push(`performSubscribe given ${what} did not refuse it as performList did (${refusals.performList})`);
    }
    expect(problems).toEqual([]);
  });
});

/** Each instant trigger's relay event and a delivered body of it, as HighLevel documents it (test/helpers/hooks.ts). */
const HOOKS: Record<string, { event: string; body: (fields?: Record<string, unknown>) => Record<string, unknown>; tags?: boolean }> = {
  contact_new_instant: { event: 'contact.created', body: (f) => contactEvent('ContactCreate', f) },
  contact_updated_instant: { event: 'contact.updated', body: (f) => contactEvent('ContactUpdate', f) },
  contact_deleted_instant: { event: 'contact.deleted', body: (f) => contactEvent('ContactDelete', f) },
  contact_tag_added_instant: { event: 'contact.tag_added', body: (f) => contactEvent('ContactTagUpdate', f), tags: true },
  contact_tag_removed_instant: { event: 'contact.tag_removed', body: (f) => contactEvent('ContactTagUpdate', f), tags: true },
  task_new_instant: { event: 'task.created', body: (f) => taskEvent('TaskCreate', f) },
  task_completed_instant: { event: 'task.completed', body: (f) => taskEvent('TaskComplete', f) },
  note_new_instant: { event: 'note.created', body: (f) => noteEvent('NoteCreate', f) },
  note_updated_instant: { event: 'note.updated', body: (f) => noteEvent('NoteUpdate', f) },
  appointment_new_instant: { event: 'appointment.created', body: (f) => appointmentEvent('AppointmentCreate', f) },
  appointment_updated_instant: { event: 'appointment.updated', body: (f) => appointmentEvent('AppointmentUpdate', f) },
  appointment_deleted_instant: { event: 'appointment.deleted', body: (f) => appointmentEvent('AppointmentDelete', f) },
  opportunity_new_instant: { event: 'opportunity.created', body: (f) => opportunityEvent('OpportunityCreate', f) },
  opportunity_stage_changed_instant: { event: 'opportunity.stage_changed', body: (f) => opportunityEvent('OpportunityStageUpdate', f) },
  opportunity_status_changed_instant: { event: 'opportunity.status_changed', body: (f) => opportunityEvent('OpportunityStatusUpdate', f) },
};

const REMOVE = Symbol('remove');
/** Records that cannot be output: no id (Zapier dedupes on it), or ids that would end in a raw URIError or another path. */
const BROKEN_RECORDS: [string, Record<string, unknown>, Record<string, unknown>?][] = [
  ['no id', { id: REMOVE }],
  ['an empty id', { id: '' }],
  ['a null id', { id: null }],
  ['an id of "."', { id: '.' }],
  ['an id of ".."', { id: '..' }],
  ['an id with a broken character', { id: 'nmFmQEsNgz6AVpgLVUJ0\ud800' }],
  ['an id that is an object', { id: {} }],
  ['an id that is a route word', { id: 'upsert' }],
  ['a contactId with a broken character', { contactId: 'CWBf1PR9LvvBkcYqiXlc\ud800' }],
  ["the body's locationId with a broken character", {}, { locationId: 've9EPM428h8vShlRW1KT\udc00' }],
];

const withFields = (record: Record<string, unknown>, fields: Record<string, unknown>) => {
  const out = { ...record };
  for (const [key, value] of Object.entries(fields)) {
    if (value === REMOVE) delete out[key];
    else out[key] = value;
  }
  return out;
};

const hookKeys = Object.values(groups.triggers)
  .filter((op) => op.operation.type === 'hook')
  .map((op) => op.key);

describe('hostile deliveries and subscriptions never reach an output or a path', () => {
  let sent: string[] = [];
  beforeAll(setRelayEnv);
  afterAll(clearRelayEnv);
  beforeEach(() => {
    sent = [];
    for (const host of [API, RELAY]) {
      const record =
        (method: string) =>
        (uri: string): [number, unknown] => {
          sent.push(`${method} ${uri}`);
          return [400, { statusCode: 400, message: 'stop here' }];
        };
      nock(host).persist().get(/.*/).reply(record('GET')).post(/.*/).reply(record('POST')).put(/.*/).reply(record('PUT')).delete(/.*/).reply(record('DELETE'));
    }
  });

  it('knows every instant trigger', () => {
    expect(hookKeys.filter((key) => !HOOKS[key]).sort()).toEqual([]);
    expect(hookKeys).toHaveLength(Object.keys(HOOKS).length);
  });

  const run = (key: string, payload: Record<string, unknown>, envelope: Record<string, unknown> = {}) => {
    const { event, tags } = HOOKS[key];
    const delivery = { ...deliveryBody(event, payload, tags ? { added: ['vip'], removed: ['vip'] } : undefined), ...envelope };
    const perform = groups.triggers[key].operation.perform;
    return appTester(perform as never, { authData, inputData: { tag: 'vip' }, ...hookBundle(delivery) }) as Promise<{ id?: unknown }[]>;
  };

  it.each(hookKeys)('%s: a well-formed delivery is acted on (the cases below are dropped for their ids alone)', async (key) => {
    const outcome = await run(key, HOOKS[key].body()).catch((error: Error) => error);
    // Read in full (the reads are refused here) or output at once, with its id.
    if (Array.isArray(outcome)) {
      expect(outcome.length).toBeGreaterThan(0);
      for (const item of outcome) expect(item.id).toEqual(expect.stringMatching(/^[A-Za-z0-9].*[A-Za-z0-9]$/));
    } else expect(sent.length).toBeGreaterThan(0);
  });

  it.each(hookKeys)('%s: a delivery whose record has no id, or ids that are not ids, outputs nothing and sends nothing', async (key) => {
    const problems: string[] = [];
    for (const [what, fields, top = {}] of BROKEN_RECORDS) {
      sent = [];
      const body = HOOKS[key].body();
      const appointment = body.appointment as Record<string, unknown> | undefined;
      const payload = appointment ? { ...body, appointment: withFields(appointment, fields), ...top } : { ...withFields(body, fields), ...top };
      // The envelope names the connection's location, so the delivery is not ignored as another location's.
      const outcome = await run(key, payload, { locationId: authData.locationId }).catch((error: Error) => error);
      if (!Array.isArray(outcome)) problems.push(`${what}: ${outcome.name} ${outcome.message.slice(0, 160)}`);
      else if (outcome.length) problems.push(`${what}: output ${JSON.stringify(outcome.map((item) => item.id))}`);
      if (sent.length) problems.push(`${what}: sent ${sent.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(['.', '..', 'a/b', 'ab\ud800cd', 'upsert'])('unsubscribing with subscribeData.id %j sends nothing to the relay', async (id) => {
    const performUnsubscribe = groups.triggers.contact_new_instant.operation.performUnsubscribe as never;
    const outcome = await thrown(appTester(performUnsubscribe, { authData, subscribeData: { ...subscriptionAnswer('contact.created'), id } })).catch(
      (result: unknown) => result,
    );
    expect(sent).toEqual([]);
    // Refused naming what it is; never a DELETE of /subscriptions/ or /.
    expect(outcome).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^The relay's subscription ID kept for this Zap/) });
  });

  it('refuses a subscription the relay answers with an id that is not one', async () => {
    nock.cleanAll();
    nock(API)
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID } });
    nock(RELAY)
      .post('/subscriptions')
      .reply(201, { ...subscriptionAnswer('contact.created'), id: '..' });
    const error = await thrown(appTester(groups.triggers.contact_new_instant.operation.performSubscribe as never, { authData, targetUrl: HOOK_URL }));
    expect(error.message).toMatch(/answered without a subscription id/);
  });
});
