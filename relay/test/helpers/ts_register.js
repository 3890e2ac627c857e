// Lets a child `node` run the relay's TypeScript sources as they are (tests kill it with SIGKILL to prove nothing
// is lost; the app's end-to-end tests and npm start from source run it beside the sandbox): each .ts file is
// transpiled to CommonJS on require with esbuild (about a quarter of a second for the relay, where TypeScript's own
// transpiler took over a second of CPU per start). No type checking here; `npm run typecheck` does that.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node22', sourcefile: filename });
  module._compile(code, filename);
};
