import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
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
    // What tsc emits for Zapier's CommonJS wrapper: the module's exports are the app, never `exports.default`.
    const source = fs.readFileSync(path.join(__dirname, '..', 'index.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true } });
    expect(outputText).toMatch(/^module\.exports = App;$/m);
    expect(outputText).not.toMatch(/exports\.default/);
    expect(App.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(App.platformVersion).toBe('19.1.0');
  });
});
