import type { z } from 'zod';

/**
 * zod, loaded on first use instead of when the app loads. Zapier loads the app afresh for many runs, and zod (its
 * classic API, about 450 KB of the bundle) plus the app's schemas were about half of the app's own load time
 * (`npm run bench:load`). Everything the app builds with zod goes through here: `zod` is zod's `z`, loaded the first
 * time anything is called through it, and `lazy` wraps a schema kept in a module constant, so it is built the first
 * time it is used. Types still come from zod itself (`import type { z } from 'zod'`), which the bundle drops.
 *
 * Rule: no module-level code calls `zod` directly; a module constant that holds a schema is `lazy(() => …)`.
 * tests/lib/schema/zod.test.ts loads the whole app and fails if zod was loaded by it.
 */
type Zod = typeof z;

let loaded: Zod | undefined;
// A plain require, so esbuild keeps zod in the bundle but runs its module code only on this call.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose (see above)
const load = (): Zod => (loaded ??= (require('zod') as { z: Zod }).z);

/** zod's `z`, loaded the first time anything is called through it. */
export const zod: Zod = new Proxy({} as Zod, { get: (_target, key) => Reflect.get(load(), key) });

/**
 * A schema (or any object) built the first time a property of it is read: its methods (`parse`, `safeParse`,
 * `nullish`, …), zod's internals when it sits inside another schema, and `instanceof` all reach the built object.
 */
export const lazy = <T extends object>(build: () => T): T => {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
};
