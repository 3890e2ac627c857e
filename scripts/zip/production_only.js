// Keeps build/build.zip (what `zapier-platform push` uploads) to what the app runs: its own compiled files and the
// packages its production dependencies need, nothing else. `zapier-platform build --skip-dep-install` traces the
// app's requires with esbuild, but it also adds every package.json under the app folder and every symlink in
// node_modules: dev tools, the relay workspace and its dependencies would ride along. This rewrites the zip with only
// the production closure of package.json's "dependencies" (resolved the way Node resolves them, from
// package-lock.json) and the app's own entries, then prints the size.
// Usage: node scripts/zip/production_only.js build/build.zip [maxBytes]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const AdmZip = require('adm-zip');

const root = path.resolve(__dirname, '..', '..');
const zipPath = path.resolve(process.argv[2] || path.join(root, 'build', 'build.zip'));
const maxBytes = Number(process.argv[3] || 0);
const packages = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;

/** npm's lookup: node_modules/<name> next to the requiring package, then in each folder above it. */
const resolve = (fromDir, name) => {
  let dir = fromDir;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up < 0 ? '' : dir.slice(0, up);
  }
};

const production = new Set();
const walk = (fromDir, names) => {
  for (const name of names) {
    const at = resolve(fromDir, name);
    if (!at || production.has(at) || packages[at].dev) continue;
    production.add(at);
    walk(at, [...Object.keys(packages[at].dependencies || {}), ...Object.keys(packages[at].optionalDependencies || {})]);
  }
};
walk('', Object.keys(packages[''].dependencies || {}));

/** The package folder an entry belongs to (node_modules/a, node_modules/@s/b, node_modules/a/node_modules/c), or ''. */
const packageOf = (entry) => {
  const match = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/?)+)/.exec(entry);
  if (!match) return '';
  const parts = entry.split('/');
  let end = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== 'node_modules') continue;
    end = parts[i + 1]?.startsWith('@') ? i + 3 : i + 2;
  }
  return parts.slice(0, end).join('/');
};

// dist/node_modules: zod and libphonenumber-js, minified, loaded on first use (scripts/zip/vendor.js).
const APP_ENTRIES =
  /^(index\.js|zapierwrapper\.js|definition\.json|package\.json|dist\/app\.js|dist\/package\.json|dist\/node_modules\/(zod|libphonenumber-js)\/(index\.js|package\.json))$/;
const keep = (entry) => {
  if (entry.endsWith('/')) return false;
  const pkg = packageOf(entry);
  return pkg ? production.has(pkg) : APP_ENTRIES.test(entry);
};

const before = fs.statSync(zipPath).size;
const source = new AdmZip(zipPath);
const out = new AdmZip();
let kept = 0;
let dropped = 0;
for (const entry of source.getEntries()) {
  if (entry.isDirectory) continue;
  if (!keep(entry.entryName)) {
    dropped++;
    continue;
  }
  out.addFile(entry.entryName, entry.getData(), '', entry.attr);
  kept++;
}
out.writeZip(zipPath);
const after = fs.statSync(zipPath).size;
console.log(`production_only: ${kept} entries kept, ${dropped} dropped (${production.size} production packages); ${before} → ${after} bytes`);
if (maxBytes && after > maxBytes) {
  console.error(`production_only: ${path.relative(root, zipPath)} is ${after} bytes, over the ${maxBytes}-byte budget.`);
  process.exit(1);
}
