import { App } from './helpers/app';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require('zapier-platform-core/src/tools/schema') as {
  compileApp: (app: unknown) => unknown;
  validateApp: (app: unknown) => unknown[];
};

describe('app definition', () => {
  it('passes the same schema checks as `zapier-platform validate --without-style`', () => {
    expect(schema.validateApp(schema.compileApp(App))).toEqual([]);
  });

  it('exports the app object itself (the CommonJS wrapper does not unwrap .default)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('../index') as { version?: string; platformVersion?: string };
    expect(loaded.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(loaded.platformVersion).toBe('19.1.0');
  });
});
