// `npm run bundle`, second half: zod and libphonenumber-js, which the app loads on first use (lib/schema/zod.ts,
// lib/input.ts), each as one minified file of its own at dist/node_modules/<name>/index.js. dist/app.js leaves them
// outside (esbuild --external), and Node resolves its `require('zod')` to that folder first, so loading the app
// reads and parses neither (about 700 KB of the bundle: `npm run bench:load`) and the zip carries them minified.
// Tests run the TypeScript sources, which resolve the packages in the root node_modules as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..', '..');
const VENDORED = ['zod', 'libphonenumber-js'];

for (const name of VENDORED) {
  const dir = path.join(root, 'dist', 'node_modules', name);
  fs.rmSync(dir, { recursive: true, force: true });
  esbuild.buildSync({
    entryPoints: [require.resolve(name, { paths: [root] })],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    outfile: path.join(dir, 'index.js'),
    logLevel: 'warning',
  });
  const { version, license } = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version, license, main: 'index.js' }, null, 2)}\n`);
}
