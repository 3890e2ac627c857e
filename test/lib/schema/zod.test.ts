/**
 * lib/schema/zod.ts: the app loads without running zod, and the schemas built on first use behave as zod's own.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the app is loaded inside jest.isolateModules, after the mock */
import type { z } from 'zod';
import type * as ContactSchema from '../../../lib/contact/schema';
import type * as LazyZod from '../../../lib/schema/zod';

describe('zod is loaded on first use, not with the app', () => {
  it('loading the whole app (every operation, every outputFields list) never loads zod', () => {
    let loaded = 0;
    jest.isolateModules(() => {
      jest.doMock('zod', () => {
        loaded++;
        return jest.requireActual('zod');
      });
      const app = require('../../../index') as { triggers: object; creates: object; searches: object };
      // The app really loaded: its operations and their output fields are there.
      expect(Object.keys(app.triggers).length).toBeGreaterThan(20);
      expect(Object.keys(app.creates).length).toBeGreaterThan(20);
      expect(loaded).toBe(0);
      // ...and the first schema used loads it, once.
      const { contactDef } = require('../../../lib/contact/schema') as typeof ContactSchema;
      expect(contactDef.output.safeParse({ id: 'c1' }).success).toBe(false);
      expect(loaded).toBe(1);
    });
  });
});

describe('lazy', () => {
  const { lazy, zod } = jest.requireActual<typeof LazyZod>('../../../lib/schema/zod');

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
    const real = (jest.requireActual('zod') as { z: typeof z }).z;
    expect(Item instanceof real.ZodObject).toBe(true);
    expect(Item instanceof real.ZodString).toBe(false);
    type Item = z.infer<typeof Item>;
    const typed: Item = Item.parse({ id: 'b' });
    expect(typed.id).toBe('b');
  });
});
