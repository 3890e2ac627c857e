import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '../helpers/app';
import { dateProblems, mergedSample, operations, outputFieldProblems, valueAt, walk, type Operation } from '../helpers/definition';

/**
 * Every integration check that INTEGRATION-CHECKS.md marks as decidable offline ("yes"), run over the exported app,
 * so operations added later are held to the same rules. IDs are Zapier's; the rule text is in that document.
 */
const ops = operations();
const visible = ops.filter((op) => !op.hidden);
const named = (list: Operation[]) => list.map((op) => [`${op.kind} ${op.key}`, op] as const);
const authentication = App.authentication as unknown as Record<string, unknown>;
const authFields = (Array.isArray(authentication.fields) ? authentication.fields : []) as Record<string, unknown>[];
const searchOrCreates = Object.values((App.searchOrCreates ?? {}) as unknown as Record<string, Record<string, unknown>>);

/** Every static input field of every operation, with where it lives. */
const inputFields = ops.flatMap((op) => op.staticInputFields.map((field) => ({ where: `${op.kind} ${op.key} → ${field.key}`, op, field })));

const SECRET = /api[_-]?key|token|secret|passw|jwt|signature/i;

describe('integration checks (offline)', () => {
  it('the app has operations of every kind', () => {
    expect(new Set(ops.map((op) => op.kind))).toEqual(new Set(['trigger', 'create', 'search']));
  });

  it('D001: no input field asks for a secret', () => {
    const offending = inputFields.filter(({ field }) => SECRET.test(field.key) || SECRET.test(field.label ?? '')).map(({ where }) => where);
    expect(offending).toEqual([]);
  });

  it('D003: the connection label is set, names the account, and shows no secret', () => {
    const label = authentication.connectionLabel;
    expect(typeof label === 'string' || typeof label === 'function').toBe(true);
    if (typeof label === 'string') {
      const vars = [...label.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]);
      expect(vars.length).toBeGreaterThan(0);
      expect(vars.filter((v) => SECRET.test(v))).toEqual([]);
    }
  });

  it('D004: ID input fields use a dropdown (dynamic or choices)', () => {
    const offending = inputFields
      .filter(({ field }) => /(_id|Id|ID)$/.test(field.key) || / ID$/.test(field.label ?? ''))
      .filter(({ field }) => !field.dynamic && !field.choices)
      .map(({ where }) => where);
    expect(offending).toEqual([]);
  });

  it('D005: every dynamic dropdown points at an existing trigger whose sample has the value and label keys', () => {
    const problems = inputFields
      .filter(({ field }) => typeof field.dynamic === 'string')
      .flatMap(({ where, field }) => {
        const [trigger, valueKey, labelKey] = String(field.dynamic).split('.');
        const target = ops.find((op) => op.kind === 'trigger' && op.key === trigger);
        if (!target) return [`${where}: no trigger ${trigger}`];
        const sample = mergedSample(target);
        return [valueKey, labelKey].filter((k) => k && !(k in sample)).map((k) => `${where}: ${trigger} sample lacks ${k}`);
      });
    expect(problems).toEqual([]);
  });

  it('D007: no plain-http URL in the definition', () => {
    const found: string[] = [];
    walk(App, (path, value) => {
      if (typeof value === 'string' && /http:\/\//i.test(value)) found.push(`${path}: ${value}`);
    });
    expect(found).toEqual([]);
  });

  it("D007: no plain-http URL in the app's source (loopback is the sandbox, allowed)", () => {
    const root = join(__dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const sources = [
      ...['triggers', 'creates', 'searches', 'lib'].flatMap((d) => files(join(root, d))),
      join(root, 'index.ts'),
      join(root, 'authentication.ts'),
    ];
    const found = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file.slice(root.length + 1)}:${i + 1}` }))
        .filter(({ line }) => /http:\/\/(?!(127\.0\.0\.1|localhost|\[::1\])[:/'"`])/i.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  describe('D008: markdown in descriptions and help text is well formed; bare URLs are in backticks', () => {
    const texts = [
      ...ops.map((op) => [`${op.kind} ${op.key} description`, op.description] as const),
      ...inputFields.filter(({ field }) => field.helpText).map(({ where, field }) => [`${where} helpText`, String(field.helpText)] as const),
      ...authFields.filter((f) => typeof f.helpText === 'string').map((f) => [`auth ${String(f.key)} helpText`, String(f.helpText)] as const),
      ...searchOrCreates.map((s) => [`searchOrCreate ${String(s.key)}`, String((s.display as Record<string, unknown>)?.description ?? '')] as const),
    ];
    const problem = (text: string): string | undefined => {
      const noCode = text.replace(/`[^`]*`/g, '');
      const count = (c: string) => noCode.split(c).length - 1;
      if (count('[') !== count(']')) return 'unpaired [ ]';
      if (count('(') !== count(')')) return 'unpaired ( )';
      if (/\]\s+\(/.test(noCode)) return 'space between ] and (';
      const noLinks = noCode.replace(/\[[^\]]*\]\((https?:\/\/[^)\s]+)\)/g, '');
      if (/https?:\/\//i.test(noLinks)) return 'bare URL outside backticks or a link';
      return undefined;
    };
    it.each(texts)('%s', (_where, text) => {
      expect(problem(text)).toBeUndefined();
    });
  });

  it('D009: every search has a field to search by', () => {
    expect(ops.filter((op) => op.kind === 'search' && op.inputFields.length === 0).map((op) => op.key)).toEqual([]);
  });

  it.each(named(ops.filter((op) => op.kind === 'trigger' && op.type === 'polling')))('D010: %s sample has its primary key(s) or id', (_name, op) => {
    const primary = op.outputFields.filter((f) => f.primary).map((f) => f.key);
    const sample = mergedSample(op);
    expect((primary.length ? primary : ['id']).filter((k) => !valueAt(sample, k).found)).toEqual([]);
  });

  it('D011: help text is there and does not just repeat the label or key', () => {
    const fields = [
      ...inputFields.map(({ where, field }) => ({ where, field: field as unknown as Record<string, unknown> })),
      ...authFields.map((field) => ({ where: `auth ${String(field.key)}`, field })),
    ];
    const offending = fields
      .filter(({ field }) => !field.computed)
      .filter(({ field }) => {
        const help = String(field.helpText ?? '')
          .trim()
          .toLowerCase();
        return (
          !help ||
          help ===
            String(field.label ?? '')
              .trim()
              .toLowerCase() ||
          help === String(field.key).trim().toLowerCase()
        );
      })
      .map(({ where }) => where);
    expect(offending).toEqual([]);
  });

  it('D012: every visible operation has a static sample', () => {
    expect(visible.filter((op) => !op.sample || Object.keys(op.sample).length === 0).map((op) => `${op.kind} ${op.key}`)).toEqual([]);
  });

  it('D013: every search connector names an existing search', () => {
    const offending = inputFields
      .filter(({ field }) => typeof field.search === 'string')
      .filter(({ field }) => !ops.some((op) => op.kind === 'search' && op.key === String(field.search).split('.')[0]))
      .map(({ where, field }) => `${where}: ${String(field.search)}`);
    expect(offending).toEqual([]);
  });

  it('D014: a field with a search connector also has a dropdown, is a string or number, and is not a list, dict or children', () => {
    const offending = inputFields
      .filter(({ field }) => field.search !== undefined)
      .filter(({ field }) => {
        const f = field as unknown as Record<string, unknown>;
        return !f.dynamic || !['string', 'number', 'integer', undefined].includes(f.type as string | undefined) || f.list || f.dict || f.children;
      })
      .map(({ where }) => where);
    expect(offending).toEqual([]);
  });

  describe('D018: visible labels are in Title Case', () => {
    const SMALL = new Set([
      'a',
      'an',
      'the',
      'and',
      'but',
      'or',
      'nor',
      'for',
      'so',
      'yet',
      'as',
      'at',
      'by',
      'from',
      'in',
      'into',
      'of',
      'off',
      'on',
      'onto',
      'per',
      'to',
      'up',
      'via',
      'with',
      'vs',
    ]);
    const titleCase = (label: string) =>
      label
        .split(' ')
        .map((word, i) => (i > 0 && SMALL.has(word.toLowerCase()) ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1)))
        .join(' ');
    const labels = [
      ...visible.map((op) => [`${op.kind} ${op.key}`, op.label] as const),
      ...searchOrCreates.map((s) => [`searchOrCreate ${String(s.key)}`, String((s.display as Record<string, unknown>)?.label ?? '')] as const),
    ];
    it.each(labels)('%s: %s', (_where, label) => {
      expect(label).toBe(titleCase(label));
    });
  });

  it.each(named(visible.filter((op) => op.kind === 'trigger')))('D021: %s description reads "Triggers when ….”', (_name, op) => {
    expect(op.description).toMatch(/^Triggers when .*\.$/s);
  });

  it.each(named(visible.filter((op) => op.kind === 'create')))('creates: %s description opens with a plural verb', (_name, op) => {
    expect(op.description).toMatch(/^[A-Z][a-z]+s\b.*\.$/s);
  });

  it.each(named(visible.filter((op) => op.kind === 'search')))('searches: %s description opens with "Finds"', (_name, op) => {
    expect(op.description).toMatch(/^Finds\b.*\.$/s);
  });

  it('D022: every create has static input fields', () => {
    expect(ops.filter((op) => op.kind === 'create' && op.staticInputFields.length === 0).map((op) => op.key)).toEqual([]);
  });

  it.each(named(ops.filter((op) => op.sample)))('D023: %s sample dates are ISO-8601, date-times with a zone', (_name, op) => {
    expect(dateProblems(mergedSample(op))).toEqual([]);
  });

  it.each(named(ops.filter((op) => op.sample)))('D024: %s sample has the required output fields, with values of their type', (_name, op) => {
    expect(outputFieldProblems(op, mergedSample(op))).toEqual([]);
  });

  it('every date or time input is a datetime field (the editor offers a date picker)', () => {
    // By name, not by a list of keys: a field whose key says date or time (Event Start Time was a plain text field while
    // a list named the others). Time zones and switches about date ranges are not dates.
    const isDateInput = (f: { key: string; type?: string }) => /date|time/i.test(f.key) && !/zone/i.test(f.key) && f.type !== 'boolean';
    const plain = ops.flatMap((op) => op.staticInputFields.filter((f) => isDateInput(f) && f.type !== 'datetime').map((f) => `${op.key}.${f.key}`));
    expect(plain).toEqual([]);
    expect(ops.flatMap((op) => op.staticInputFields.filter(isDateInput).map((f) => f.key))).toEqual(expect.arrayContaining(['dueDate', 'eventStartTime']));
  });

  it('D025: no javascript:, data: or vbscript: URI anywhere in the definition', () => {
    const found: string[] = [];
    walk(App, (path, value) => {
      if (typeof value === 'string' && (/^\s*(javascript|data|vbscript):/i.test(value) || /\]\(\s*(javascript|data|vbscript):/i.test(value))) found.push(path);
    });
    expect(found).toEqual([]);
  });

  it('D028: cleanInputData is explicitly false, and no operation turns it on', () => {
    expect(App.flags?.cleanInputData).toBe(false);
    const found: string[] = [];
    walk(App, (path, value) => {
      if (path.endsWith('cleanInputData') && value !== false) found.push(path);
    });
    expect(found).toEqual([]);
  });

  it("descriptions never name the app (Zapier's style guide: the editor already shows it)", () => {
    // Every operation, hidden ones too: a hidden operation can be shown later, and its text comes along.
    const naming = ops.filter((op) => /high\s*level|leadconnector/i.test(op.description)).map((op) => `${op.kind} ${op.key}: ${op.description}`);
    expect(naming).toEqual([]);
  });

  it('visible delete actions warn that deleting cannot be undone', () => {
    const deletes = visible.filter((op) => op.kind === 'create' && /^Deletes\b/.test(op.description));
    const silent = deletes
      .filter((op) => !op.staticInputFields.some((f) => f.type === 'copy' && /cannot be undone/i.test(String(f.helpText ?? ''))))
      .map((op) => op.key);
    expect(silent).toEqual([]);
  });
});
