import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { dateProblems, mergedSample, operations, valueAt } from '../helpers/definition';

/**
 * Samples are what Zapier shows before a Zap runs; they must agree with outputFields and with the zod schema of
 * their object, and every recorded HighLevel answer (test/fixtures) must parse with that schema. Generic: it covers
 * operations, schemas and fixtures added later.
 */
const ROOT = join(__dirname, '..', '..');
const SCHEMA_DIR = join(ROOT, 'lib', 'schemas');
const FIXTURE_DIR = join(ROOT, 'test', 'fixtures');

const pascal = (name: string) => name.replace(/(^|_)([a-z])/g, (_m, _s: string, c: string) => c.toUpperCase());
const isSchema = (value: unknown): value is ZodType => typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSchemaModule = (name: string) => require(join(SCHEMA_DIR, name)) as Record<string, unknown>;
const schemaModules = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

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

describe('lib/schemas: samples parse with their schema', () => {
  const cases = schemaModules.flatMap((module) => {
    const exports = loadSchemaModule(module);
    return Object.entries(exports)
      .filter(([name, value]) => name.endsWith('Sample') && isRecord(value))
      .map(([name, sample]) => {
        // `fooBarSample` is checked by `FooBar` when the module has it, else by the module's own object schema.
        const own = exports[pascal(name.replace(/Sample$/, '').replace(/([A-Z])/g, '_$1').toLowerCase())];
        const schema = isSchema(own) ? own : exports[pascal(module)];
        return [`${module}.${name}`, sample, schema] as const;
      });
  });

  it('finds samples', () => {
    expect(cases.map(([name]) => name)).toEqual(expect.arrayContaining(['contact.contactSample']));
  });

  it.each(cases)('%s', (_name, sample, schema) => {
    expect(isSchema(schema)).toBe(true);
    const parsed = (schema as ZodType).safeParse(sample);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(dateProblems(sample)).toEqual([]);
  });
});

describe('test/fixtures: recorded HighLevel answers parse with their schema', () => {
  /** contact_search.json → contact; calendars.json → calendar; the first name part that has a schema module wins. */
  const schemaFor = (file: string): ZodType | undefined => {
    const base = file.replace(/\.json$/, '');
    const parts = base.split('_');
    const candidates = [base, ...parts.map((_p, i) => parts.slice(0, parts.length - i).join('_'))].flatMap((c) => [c, c.replace(/s$/, '')]);
    const module = candidates.find((c) => existsSync(join(SCHEMA_DIR, `${c}.ts`)));
    if (!module) return undefined;
    const schema = loadSchemaModule(module)[pascal(module)];
    return isSchema(schema) ? schema : undefined;
  };

  /** The records in an answer: the answer itself when it has an id, else the objects and lists in its envelope. */
  const records = (answer: unknown): unknown[] => {
    if (Array.isArray(answer)) return answer;
    if (!isRecord(answer)) return [];
    if ('id' in answer || '_id' in answer) return [answer];
    return Object.values(answer).flatMap((value) => (Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : []));
  };

  const fixtures = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json'));
  const checked = fixtures.map((file) => [file, schemaFor(file)] as const).filter((entry): entry is readonly [string, ZodType] => entry[1] !== undefined);

  it('every contact fixture is checked', () => {
    expect(checked.map(([file]) => file)).toEqual(expect.arrayContaining(fixtures.filter((f) => f.startsWith('contact'))));
  });

  it.each(checked)('%s', (file, schema) => {
    const answer: unknown = JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8'));
    const found = records(answer);
    expect(found.length).toBeGreaterThan(0);
    for (const record of found) {
      const parsed = schema.safeParse(record);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    }
  });
});
