import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as keys from '../../lib/keys';

/**
 * The shape of the tree, held by a test: imports point down only. Operation files import shared code; shared code
 * never imports an operation; no operation imports another; the plumbing (lib/http, lib/hooks, lib/input, lib/time,
 * lib/schema, lib/poll) imports no object home; and object homes import each other only in the documented order.
 */
const ROOT = join(__dirname, '..', '..');
const OPERATION_DIRS = ['triggers', 'creates', 'searches'];
const PLUMBING = ['lib/http', 'lib/hooks', 'lib/input.ts', 'lib/time.ts', 'lib/schema', 'lib/poll', 'lib/keys.ts', 'lib/dropdowns.ts'];
/** Object homes from the bottom up: a home may import only homes listed before it. */
const HOMES = [
  'location',
  'user',
  'business',
  'tag',
  'custom_field',
  'contact',
  'task',
  'note',
  'appointment',
  'opportunity',
  'automation',
  'form',
  'profile',
  'api_request',
];

const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });

/** Repository-relative paths of the local modules a file imports. */
const importsOf = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((m) => {
    const target = resolve(ROOT, dirname(file), m[1]);
    const asFile = existsSync(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts');
    return relative(ROOT, asFile);
  });

const libFiles = filesUnder('lib');
const operationFiles = OPERATION_DIRS.flatMap((dir) => filesUnder(dir).filter((f) => !f.endsWith('index.ts') && !f.endsWith('search_or_creates.ts')));
const inOperations = (path: string) => OPERATION_DIRS.some((dir) => path.startsWith(`${dir}/`));
const homeOf = (path: string) => /^lib\/([a-z_]+)\//.exec(path)?.[1];

describe('imports point down only', () => {
  it('shared code never imports an operation file', () => {
    expect(
      libFiles.flatMap((f) =>
        importsOf(f)
          .filter(inOperations)
          .map((t) => `${f} → ${t}`),
      ),
    ).toEqual([]);
  });

  it('no operation imports another operation', () => {
    expect(
      operationFiles.flatMap((f) =>
        importsOf(f)
          .filter(inOperations)
          .map((t) => `${f} → ${t}`),
      ),
    ).toEqual([]);
  });

  it('search-or-create pairs name their keys from lib/keys.ts only', () => {
    expect(importsOf('searches/search_or_creates.ts')).toEqual(['lib/keys.ts']);
  });

  it('the plumbing imports no object home', () => {
    const plumbing = libFiles.filter((f) => PLUMBING.some((p) => f === p || f.startsWith(`${p}/`)));
    expect(plumbing.length).toBeGreaterThan(8);
    expect(
      plumbing.flatMap((f) =>
        importsOf(f)
          .filter((t) => HOMES.includes(homeOf(t) ?? ''))
          .map((t) => `${f} → ${t}`),
      ),
    ).toEqual([]);
  });

  it('object homes import only homes below them', () => {
    const homes = new Set(libFiles.map(homeOf).filter((h): h is string => Boolean(h) && !['http', 'hooks', 'schema', 'poll'].includes(h!)));
    expect([...homes].filter((h) => !HOMES.includes(h))).toEqual([]);
    const upward = libFiles.flatMap((f) => {
      const from = HOMES.indexOf(homeOf(f) ?? '');
      if (from < 0) return [];
      return importsOf(f)
        .filter((t) => HOMES.indexOf(homeOf(t) ?? '') > from)
        .map((t) => `${f} → ${t}`);
    });
    expect(upward).toEqual([]);
  });
});

/**
 * An operation file reads its inputs, calls its object's home and declares itself (../shared/CONVENTIONS.md, the
 * README's "How it is built"): HTTP, replay and lookups live in lib/<object>/, so a file stays short.
 */
const MAX_OPERATION_LINES = 80;

/**
 * Lines as the issue counts them (issue 21 point 5: appointment_update.ts "81" with 80 newlines): the editor's last
 * line after the final newline counts too, so a file of 80 lines of code and a final newline is too long.
 */
const lineCount = (source: string): number => source.split('\n').length;

/** The names a source imports from lib/http/client or lib/http/replay that make requests or replay writes. */
const requestImports = (source: string): string[] =>
  [...source.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'[./]*lib\/http\/(client|replay)'/gm)].flatMap(([, names, module]) =>
    names
      .split(',')
      .map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0],
      )
      .filter((n) => (module === 'replay' ? n !== '' : ['ghl', 'ghlWithStatus'].includes(n)))
      .map((n) => `lib/http/${module}: ${n}`),
  );

/** Requests made in the file itself however ghl() got there (a namespace import, a re-export) or past it (z.request). */
const requestCalls = (source: string): string[] =>
  [...source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').matchAll(/\b(ghl|ghlWithStatus|z\.request)\s*(?:<[^>()]*>)?\s*\(/g)].map(([, name]) => `${name}()`);

describe('operation files hold no logic of their own', () => {
  it(`every operation file has at most ${MAX_OPERATION_LINES} lines`, () => {
    expect(operationFiles.length).toBeGreaterThan(80);
    const long = operationFiles
      .map((f) => [f, lineCount(readFileSync(join(ROOT, f), 'utf8'))] as const)
      .filter(([, lines]) => lines > MAX_OPERATION_LINES)
      .map(([f, lines]) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('no operation file calls ghl() or replays a write itself (lib/<object>/ does)', () => {
    const direct = operationFiles.flatMap((f) => {
      const source = readFileSync(join(ROOT, f), 'utf8');
      return [...requestImports(source), ...requestCalls(source)].map((what) => `${f} → ${what}`);
    });
    expect(direct).toEqual([]);
  });

  it('the checks see what they look for', () => {
    expect(lineCount('a\nb\n')).toBe(3);
    expect(lineCount(`${'x\n'.repeat(80)}`)).toBe(81);
    expect(lineCount(`${'x\n'.repeat(79)}`)).toBe(MAX_OPERATION_LINES);
    expect(requestImports("import { ghl, locationIdOf } from '../lib/http/client';")).toEqual(['lib/http/client: ghl']);
    expect(requestImports("import { outputLocation } from '../lib/http/client';")).toEqual([]);
    expect(requestImports("import {\n  ghlWithStatus as send,\n} from '../../lib/http/client';")).toEqual(['lib/http/client: ghlWithStatus']);
    expect(requestImports("import { replaySafeCreate } from '../lib/http/replay';")).toEqual(['lib/http/replay: replaySafeCreate']);
    expect(requestCalls('const a = await http.ghl(z, bundle, endpoints.taskGet, {});')).toEqual(['ghl()']);
    expect(requestCalls('await ghl<Task>(z, bundle, e); return z.request({ url });')).toEqual(['ghl()', 'z.request()']);
    expect(requestCalls('// ghl() lives in lib/task/api.ts\n/** not z.request() */ const ghlUrl = 1;')).toEqual([]);
  });
});

describe('lib/keys.ts', () => {
  it.each(Object.entries(keys))('%s names an operation file of the same name', (_name, key) => {
    const files = OPERATION_DIRS.map((dir) => join(dir, `${key}.ts`)).filter((f) => existsSync(join(ROOT, f)));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(ROOT, files[0]), 'utf8')).toMatch(new RegExp(`key: ${_name}\\b`));
  });
});

describe('every operation has its test at the mirrored path', () => {
  it.each(operationFiles)('%s', (file) => {
    expect(existsSync(join(ROOT, 'test', file.replace(/\.ts$/, '.test.ts')))).toBe(true);
  });
});
