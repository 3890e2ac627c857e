/**
 * lib/schema/zod.ts: the app loads without running zod, and the schemas built on first use behave as zod's own.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { z as real } from 'zod';
import type { z } from 'zod';
import { lazy, zod } from '../../../lib/schema/zod';

const ROOT = path.resolve(__dirname, '../../..');

describe('zod is loaded on first use, not with the app', () => {
  it('loading the whole app (every operation, every outputFields list) never loads zod', () => {
    // The app as `npm run bundle` builds it (zod left outside the bundle), loaded by a fresh Node process that counts
    // every require of zod. Test files share loaded modules, so the count cannot be taken in this process.
    const outdir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.zod-load-test-'));
    try {
      buildSync({
        entryPoints: { app: path.join(ROOT, 'index.ts'), contact: path.join(ROOT, 'lib/contact/schema.ts') },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        external: ['zapier-platform-core', 'zod', 'libphonenumber-js'],
        outdir,
        logLevel: 'silent',
      });
      const script = `
        const Module = require('node:module');
        let loaded = 0;
        const load = Module._load;
        Module._load = function (request, ...rest) { if (request === 'zod') loaded++; return load.call(this, request, ...rest); };
        const app = require(${JSON.stringify(path.join(outdir, 'app.js'))});
        const afterApp = loaded;
        const { contactDef } = require(${JSON.stringify(path.join(outdir, 'contact.js'))});
        const parsed = contactDef.output.safeParse({ id: 'c1' }).success;
        console.log(JSON.stringify({ triggers: Object.keys(app.triggers).length, creates: Object.keys(app.creates).length, afterApp, parsed, afterSchema: loaded }));`;
      const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, number | boolean>;
      // The app really loaded: its operations and their output fields are there; zod was not required.
      expect(result.triggers).toBeGreaterThan(20);
      expect(result.creates).toBeGreaterThan(20);
      expect(result.afterApp).toBe(0);
      // ...and the first schema used loads it, once.
      expect(result.parsed).toBe(false);
      expect(result.afterSchema).toBe(1);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('lazy', () => {
  it('builds once, on the first use, and not before', () => {
    let builds = 0;
    const Item = lazy(() => {
      builds++;
      return zod.looseObject({ id: zod.string() });
    });
    expect(builds).toBe(0);
    expect(Item.parse({ id: 'a', extra: 1 })).toEqual({ id: 'a', extra: 1 });
    expect(Item.safeParse({ id: 1 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('works inside other schemas, with their methods and zod type checks', () => {
    const Item = lazy(() => zod.looseObject({ id: zod.string() }));
    const List = lazy(() => zod.array(Item).nullish());
    expect(List.parse([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(List.parse(null)).toBeNull();
    expect(() => List.parse([{ id: 2 }])).toThrow(/expected string/);
    const Wrapped = lazy(() => zod.object({ item: Item.optional(), when: zod.iso.datetime({ offset: true }).catch('x') }));
    expect(Wrapped.parse({ when: 'nope' })).toEqual({ when: 'x' });
    expect(Item instanceof real.ZodObject).toBe(true);
    expect(Item instanceof real.ZodString).toBe(false);
    type Item = z.infer<typeof Item>;
    const typed: Item = Item.parse({ id: 'b' });
    expect(typed.id).toBe('b');
  });
});
