/**
 * Cold load of the built app, as Zapier's runtime does it for every run: a fresh Node process requires the app's
 * index.js from the unpacked build/build.zip. Compared with a fresh process that requires zapier-platform-core alone
 * (the floor no app can go below), pair by pair, alternating, so a busy machine slows both alike. Not a test: run it
 * with `npm run bench:load` (which builds the zip first) and put the figures in the README.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.LOAD_RUNS ?? 15);
const zip = resolve(__dirname, '..', '..', 'build', 'build.zip');
const dir = mkdtempSync(join(tmpdir(), 'load-time-'));

/** Milliseconds the `require` takes inside a fresh process (process start-up itself is the same for both). */
const timeRequire = (what: string): number => {
  const code = `const t = process.hrtime.bigint(); require(${JSON.stringify(what)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const run = spawnSync(process.execPath, ['-e', code], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`loading ${what} failed: ${run.stderr}`);
  return Number(run.stdout);
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

try {
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  const core: number[] = [];
  const app: number[] = [];
  const ratios: number[] = [];
  timeRequire('zapier-platform-core'); // warm the file cache for both
  timeRequire('./index.js');
  for (let i = 0; i < RUNS; i++) {
    const c = timeRequire('zapier-platform-core');
    const a = timeRequire('./index.js');
    core.push(c);
    app.push(a);
    ratios.push(a / c);
  }
  console.log(
    `cold load over ${RUNS} pairs (median): zapier-platform-core alone ${median(core).toFixed(1)} ms, the app (core included) ${median(app).toFixed(1)} ms, ratio ${median(ratios).toFixed(2)}×`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
