import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objects } from '../../lib/objects';
import { dateProblems, mergedSample, operations, valueAt } from '../helpers/definition';

/**
 * Samples are what Zapier shows before a Zap runs; they must agree with outputFields and with the schema of their
 * object, and every recorded HighLevel answer (test/fixtures) and official payload must read into a valid output.
 * Generic: it covers the operations of the app and the objects listed in lib/objects.ts, whoever adds them.
 */
const ROOT = join(__dirname, '..', '..');
const FIXTURE_DIR = join(ROOT, 'test', 'fixtures');
const PAYLOAD_DIR = join(ROOT, '..', 'shared', 'ghl-api', 'payloads');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: unknown[] } } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : (parsed.error?.issues ?? []);
};

describe('samples agree with outputFields', () => {
  const ops = operations().filter((op) => op.sample !== undefined);

  it('there are operations to check', () => {
    expect(ops.length).toBeGreaterThan(5);
  });

  it.each(ops.map((op) => [`${op.kind} ${op.key}`, op] as const))('%s: every outputFields key is in the sample', (_name, op) => {
    const sample = mergedSample(op);
    const missing = op.outputFields.map((f) => f.key).filter((key) => !valueAt(sample, key).found);
    expect(missing).toEqual([]);
  });

  it.each(ops.map((op) => [`${op.kind} ${op.key}`, op] as const))('%s: list outputFields ([] keys) are lists in the sample', (_name, op) => {
    const sample = mergedSample(op);
    const notLists = op.outputFields
      .filter((f) => f.key.includes('[]') && !Array.isArray(valueAt(sample, f.key.slice(0, f.key.indexOf('[]'))).value))
      .map((f) => f.key);
    expect(notLists).toEqual([]);
  });

  it.each(ops.map((op) => [`${op.kind} ${op.key}`, op] as const))('%s: dates in the sample are ISO-8601, date-times with a zone (D023)', (_name, op) => {
    expect(dateProblems(mergedSample(op))).toEqual([]);
  });
});

describe("lib/objects.ts: every object's sample is exact", () => {
  it('lists the objects', () => {
    expect(objects.map((o) => o.name)).toEqual(expect.arrayContaining(['contact', 'task', 'note', 'appointment', 'tag']));
  });

  it.each(objects.map((o) => [o.name, o] as const))('%s: the sample parses with the strict schema', (_name, o) => {
    expect(issues(o.strict, o.sample)).toEqual([]);
    expect(dateProblems(o.sample)).toEqual([]);
  });

  it.each(objects.map((o) => [o.name, o] as const))('%s: every outputFields key is in the sample', (_name, o) => {
    expect(o.outputFields.map((f) => f.key).filter((key) => !valueAt(o.sample, key).found)).toEqual([]);
  });

  it('a sample with wrong types or a missing field fails', () => {
    const contact = objects.find((o) => o.name === 'contact');
    expect(issues(contact!.strict, { id: 'x', email: 42, tags: 'nope' }).length).toBeGreaterThan(3);
    const { email: _email, ...withoutEmail } = contact!.sample;
    expect(issues(contact!.strict, withoutEmail)).not.toEqual([]);
    expect(issues(contact!.strict, { ...contact!.sample, dateAdded: '2026-06-04 09:20' })).not.toEqual([]);
  });
});

/** The records in an answer: the answer itself when it has an id, else the lists and records in its envelope. */
const records = (answer: unknown): unknown[] => {
  if (Array.isArray(answer)) return answer;
  if (!isRecord(answer)) return [];
  if ('id' in answer || '_id' in answer) return [answer];
  // Envelope siblings such as `meta` or `aggregations` are not records: only objects with an id are.
  const hasId = (value: unknown) => isRecord(value) && ('id' in value || '_id' in value);
  return Object.values(answer).flatMap((value) => (Array.isArray(value) ? value.filter(isRecord) : hasId(value) ? [value] : []));
};

describe('test/fixtures: recorded HighLevel answers read into valid outputs', () => {
  const cases = objects.flatMap((o) => o.fixtures.map((f) => [`${o.name} ${f.file} (${f.shape})`, o, f] as const));

  it('every fixture file is listed in lib/objects.ts, or is not an object answer', () => {
    const listed = new Set(objects.flatMap((o) => o.fixtures.map((f) => f.file)));
    const notObjects = ['custom_fields.json', 'calendar.json', 'calendars.json', 'free_slots.json', 'pipelines.json'];
    expect(readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json') && !listed.has(f) && !notObjects.includes(f))).toEqual([]);
  });

  it.each(cases)('%s', (_name, o, fixture) => {
    const parse = o.parse[fixture.shape];
    expect(parse).toBeDefined();
    const found = records(JSON.parse(readFileSync(join(FIXTURE_DIR, fixture.file), 'utf8')));
    expect(found.length).toBeGreaterThan(0);
    for (const record of found) {
      const output = parse!(record);
      expect(issues(o.output, output)).toEqual([]);
      expect(output.id).toEqual(expect.any(String));
      expect(String(output.id)).not.toBe('');
    }
  });
});

const payloadFiles = existsSync(PAYLOAD_DIR) ? readdirSync(PAYLOAD_DIR).filter((f) => f.endsWith('.json')) : [];
const describePayloads = payloadFiles.length ? describe : describe.skip;

describePayloads(
  payloadFiles.length
    ? 'official payloads (shared/ghl-api/payloads) read into valid outputs'
    : 'official payloads: skipped, shared/ghl-api/payloads is not beside the checkout',
  () => {
    const payloads = payloadFiles.map((file) => ({
      file,
      ...(JSON.parse(readFileSync(join(PAYLOAD_DIR, file), 'utf8')) as { kind: string; payload: unknown }),
    }));
    const cases = objects.flatMap((o) => payloads.filter((p) => o.payloadKinds.includes(p.kind)).map((p) => [`${o.name} ${p.file}`, o, p] as const));

    it('finds payloads for contacts, tasks, notes, appointments and opportunities', () => {
      expect(new Set(cases.map(([, o]) => o.name))).toEqual(new Set(['contact', 'task', 'note', 'appointment', 'opportunity']));
      expect(cases.filter(([, o]) => o.name === 'opportunity')).toHaveLength(7);
    });

    it.each(cases)('%s', (_name, o, p) => {
      const isWebhook = isRecord(p.payload) && typeof p.payload.type === 'string';
      const parse = isWebhook ? o.parse.webhook : (o.parse.rest ?? o.parse.webhook);
      const output = parse!(p.payload);
      expect(issues(o.output, output)).toEqual([]);
      expect(String(output.id)).not.toBe('');
    });
  },
);

describe('the parsers of one object agree', () => {
  it('a contact reads the same from a REST answer, a search item and a webhook body', () => {
    const record = JSON.parse(readFileSync(join(FIXTURE_DIR, 'contact.json'), 'utf8')).contact as Record<string, unknown>;
    const contact = objects.find((o) => o.name === 'contact')!;
    // A webhook body's `type` is the event's name, so it cannot carry the contact type; its locationId is its own.
    const keys = contact.outputFields.map((f) => f.key.replace(/\[\]$/, '')).filter((k) => !['url', 'locationId', 'type'].includes(k));
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    const rest = pick(contact.parse.rest!(record));
    expect(pick(contact.parse.search!(record))).toEqual(rest);
    expect(pick(contact.parse.webhook!({ ...record, type: 'ContactUpdate', webhookId: 'w1', timestamp: '2026-06-10T14:05:31.512Z' }))).toEqual(rest);
  });

  it('a task reads the same from a REST answer and a TaskCreate body; TaskComplete means completed', () => {
    const record = JSON.parse(readFileSync(join(FIXTURE_DIR, 'task.json'), 'utf8')).task as Record<string, unknown>;
    const task = objects.find((o) => o.name === 'task')!;
    const keys = ['id', 'taskId', 'title', 'body', 'dueDate', 'assignedTo', 'contactId'];
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    const rest = task.parse.rest!(record);
    expect(pick(task.parse.webhook!({ ...record, type: 'TaskCreate' }))).toEqual(pick(rest));
    expect(task.parse.webhook!({ ...record, completed: undefined, type: 'TaskComplete' })).toMatchObject({ completed: true, status: 'completed' });
    expect(task.parse.webhook!({ ...record, type: 'TaskCreate' })).toMatchObject({ completed: false, status: 'open' });
  });

  it('an appointment reads the same from a GET answer and an AppointmentUpdate body', () => {
    const record = JSON.parse(readFileSync(join(FIXTURE_DIR, 'appointment.json'), 'utf8')).event as Record<string, unknown>;
    const appointment = objects.find((o) => o.name === 'appointment')!;
    const keys = appointment.outputFields.map((f) => f.key);
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    expect(pick(appointment.parse.webhook!({ type: 'AppointmentUpdate', locationId: record.locationId, appointment: record }))).toEqual(
      pick(appointment.parse.rest!(record)),
    );
  });
});
