// Keeps the relay out of the Zapier bundle. `zapier-platform build` traces the app's requires with esbuild (so no
// relay code is traced), but it also adds every package.json under the app folder and every symlink in a
// node_modules folder it uses: that brings in relay/package.json, the workspace link node_modules/highlevel-relay
// and the package.json of each relay dependency npm hoisted to the root. This deletes exactly those entries from
// build/build.zip (dependencies the app itself needs at run time stay), then checks that none is left.
// Usage: node relay/scripts/keep_relay_out_of_zip.js build/build.zip
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const zip = path.resolve(process.argv[2] || path.join(root, 'build', 'build.zip'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const packages = lock.packages;

/** npm's lookup: node_modules/<name> next to the requiring package, then in each folder above it. */
function resolve(fromDir, name) {
  let dir = fromDir;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up < 0 ? '' : dir.slice(0, up);
  }
}

function closure(startDir, deps) {
  const seen = new Set();
  const walk = (fromDir, names) => {
    for (const name of names) {
      const at = resolve(fromDir, name);
      if (!at || seen.has(at)) continue;
      seen.add(at);
      const pkg = packages[at];
      walk(at, [...Object.keys(pkg.dependencies || {}), ...Object.keys(pkg.optionalDependencies || {})]);
    }
  };
  walk(startDir, deps);
  return seen;
}

const relayPkg = packages.relay;
if (!relayPkg) throw new Error('package-lock.json has no "relay" workspace entry');
const relayName = JSON.parse(fs.readFileSync(path.join(root, 'relay', 'package.json'), 'utf8')).name;
const relayDeps = closure('relay', [
  ...Object.keys(relayPkg.dependencies || {}),
  ...Object.keys(relayPkg.devDependencies || {}),
]);
const appDeps = closure('', Object.keys(packages[''].dependencies || {}));
const relayOnly = [...relayDeps].filter((p) => !appDeps.has(p));

const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
const isRelayEntry = (entry) =>
  entry.startsWith('relay/') ||
  entry === `node_modules/${relayName}` ||
  relayOnly.some((dir) => entry === dir || entry.startsWith(`${dir}/`));
const doomed = entries.filter(isRelayEntry);
if (doomed.length > 0) {
  // From an empty folder: Info-ZIP matches names against the disk too, and the workspace symlink on disk (a
  // folder) would turn the entry's name into a folder pattern that matches nothing.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-strip-'));
  try {
    for (let i = 0; i < doomed.length; i += 200) {
      execFileSync('zip', ['-q', '-d', zip, ...doomed.slice(i, i + 200)], { cwd: empty });
    }
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}
const left = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(isRelayEntry);
if (left.length > 0) {
  console.error(`keep_relay_out_of_zip: still in ${zip}:\n${left.join('\n')}`);
  process.exit(1);
}
console.log(
  `keep_relay_out_of_zip: removed ${doomed.length} relay entries (${relayOnly.length} relay-only packages) from ${path.relative(root, zip)}`,
);
