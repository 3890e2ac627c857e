// Lets a child `node` run the relay's TypeScript sources as they are (tests kill it with SIGKILL to prove nothing
// is lost): each .ts file is transpiled to CommonJS on require, with the installed TypeScript. No type checking
// here; `npm run typecheck` does that.
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
