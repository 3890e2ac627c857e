import './zap/quiet';
import { spawnSync } from 'node:child_process';
import { startSandbox, type Sandbox } from '../sandbox';
import { connectToSandbox } from './zap/connect';
import { httpCalls, installHttpCounter } from './zap/http_counter';
import { ZapierRuntime } from './zap/runtime';

/**
 * `npm run bench`: HTTP calls and wall time per operation, through the Zapier runtime against the sandbox with a
 * simulated network latency per request (BENCH_LATENCY_MS, default 80), at each location size of BENCH_SIZES
 * (default 100 and 10,000 contacts, with one task per ten contacts, a fifth of them open). For every polling trigger:
 * the first poll (turning the Zap on), the common poll (nothing changed) and a poll after a burst of changes. The
 * numbers to watch: calls per poll against the budget of 10, and wall time in multiples of the latency (parallel
 * requests count once). Not a test: timings vary by machine.
 */
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 80);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '100,10000').split(',').map(Number);

type Rec = Record<string, unknown>;

interface Measure {
  calls: number;
  ms: number;
}

const measure = async (run: () => Promise<unknown>, runs = 1): Promise<Measure> => {
  const times: number[] = [];
  let calls = 0;
  for (let i = 0; i < runs; i++) {
    const before = httpCalls();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
    calls = httpCalls() - before;
  }
  return { calls, ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0 };
};

const cell = (m: Measure | undefined) => (m ? `${String(m.calls).padStart(3)} / ${(m.ms / LATENCY).toFixed(1).padStart(4)}×` : '   –       ');

/** One task per ten contacts, on the first contacts; every fifth one open. */
const seedTasks = (sandbox: Sandbox): void => {
  const { state } = sandbox;
  const contacts = [...state.contacts.values()];
  const count = Math.max(20, Math.floor(contacts.length / 10));
  for (let i = 0; i < count; i++) {
    const contact = contacts[i % contacts.length];
    if (!contact) continue;
    const id = `BenchTask${String(i).padStart(11, '0')}`;
    const at = new Date(Date.parse(contact.dateAdded) + 3600_000).toISOString();
    state.tasks.set(id, {
      id,
      contactId: contact.id,
      title: `Task ${i}`,
      dueDate: '2030-01-01T17:00:00.000Z',
      completed: i % 5 !== 0,
      dateAdded: at,
      dateUpdated: at,
    });
  }
};

interface TriggerCase {
  key: string;
  input?: Rec;
  /** Changes made before the "after a burst" poll. */
  burst?: (runtime: ZapierRuntime, sandbox: Sandbox) => Promise<string>;
}

const burst = async (count: number, work: (i: number) => Promise<unknown>): Promise<void> => {
  for (let i = 0; i < count; i += 25) await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => work(i + j)));
};

const CASES: TriggerCase[] = [
  {
    key: 'contact_new',
    burst: async (runtime, sandbox) => {
      await burst(250, (i) => runtime.create('contact_create', { email: `burst${i}@example.com` }));
      sandbox.catchUpSearch();
      return '250 created';
    },
  },
  {
    key: 'contact_updated',
    burst: async (runtime, sandbox) => {
      const ids = [...sandbox.state.contacts.keys()].slice(0, 250);
      await burst(ids.length, (i) => runtime.create('contact_update', { contactId: ids[i], city: `Burst ${i}` }));
      sandbox.catchUpSearch();
      return `${ids.length} changed`;
    },
  },
  {
    key: 'contact_tag_added',
    input: { tag: 'vip' },
    burst: async (runtime, sandbox) => {
      const ids = [...sandbox.state.contacts.values()].filter((c) => !c.tags.includes('vip')).slice(0, 50);
      await burst(ids.length, (i) => runtime.create('contact_tag_add', { contactId: ids[i]?.id, tags: ['vip'] }));
      sandbox.catchUpSearch();
      return '50 tagged';
    },
  },
  { key: 'task_new' },
  {
    key: 'task_completed',
    burst: async (runtime, sandbox) => {
      const open = [...sandbox.state.tasks.values()].filter((t) => !t.completed).slice(0, 20);
      await burst(open.length, (i) => runtime.create('task_complete', { contactId: open[i]?.contactId, taskId: open[i]?.id }));
      return '20 completed';
    },
  },
  { key: 'task_updated' },
  { key: 'note_new', input: { lookbackHours: 720 } },
  { key: 'note_updated', input: { lookbackHours: 720 } },
  { key: 'appointment_new' },
  { key: 'appointment_updated' },
  { key: 'opportunity_new' },
  { key: 'opportunity_stage_changed' },
  { key: 'opportunity_status_changed', input: { status: 'won' } },
  { key: 'form_submission_new' },
];

/** A fresh location for each trigger, so one trigger's burst does not show in another's common poll. */
async function location(contacts: number): Promise<{ sandbox: Sandbox; runtime: ZapierRuntime; contactId: string }> {
  const sandbox = await startSandbox({ contacts, rateLimit: false });
  seedTasks(sandbox);
  const runtime = new ZapierRuntime();
  await connectToSandbox(sandbox, runtime);
  const contact = await runtime.create<Rec>('contact_create', { email: 'bench@example.com', firstName: 'Bench', lastName: 'Mark' });
  const contactId = String(contact.id);
  await runtime.create('note_create', { contactId, body: 'Bench note' });
  sandbox.catchUpSearch();
  sandbox.faults.latency(LATENCY, { count: Infinity });
  return { sandbox, runtime, contactId };
}

async function benchSize(contacts: number, withActions: boolean): Promise<void> {
  const header = await location(contacts);
  const { sandbox } = header;
  const tagged = [...sandbox.state.contacts.values()].filter((c) => c.tags.includes('vip')).length;
  const open = [...sandbox.state.tasks.values()].filter((t) => !t.completed).length;
  console.log(
    `\n${sandbox.state.contacts.size} contacts (${tagged} tagged "vip"), ${sandbox.state.tasks.size} tasks (${open} open), ${sandbox.state.calendars.size} calendars; ${LATENCY} ms latency per request.`,
  );
  await sandbox.stop();
  console.log('calls per poll / wall time in request latencies; budget 10 calls');
  console.log(`${'trigger'.padEnd(26)} ${'first poll'.padStart(12)} ${'common poll'.padStart(12)} ${'after burst'.padStart(12)}  burst`);
  // Each case in a process of its own: zapier-platform-core ends a process after 250 invocations once it holds more
  // than 450 MB (its memory checker), which one process running every case at 10,000 contacts reaches.
  for (const c of CASES) inChild(`${contacts}:${c.key}`);
  if (withActions) inChild(`${contacts}:actions`);
}

const inChild = (job: string): void => {
  const run = spawnSync(process.execPath, [__filename], { env: { ...process.env, BENCH_JOB: job }, stdio: 'inherit' });
  if (run.status !== 0) console.log(`${job}: failed (exit ${run.status ?? run.signal})`);
};

async function benchCase(contacts: number, key: string): Promise<void> {
  if (key === 'actions') {
    const { sandbox: sb, runtime, contactId } = await location(contacts);
    await benchActions(runtime, sb, contactId);
    await sb.stop();
    return;
  }
  const c = CASES.find((x) => x.key === key);
  if (!c) throw new Error(`No bench case ${key}`);
  const { sandbox: sb, runtime } = await location(contacts);
  const zap = `bench-${c.key}`;
  const first = await measure(() => runtime.poll(c.key, c.input, { zap }));
  const common = await measure(() => runtime.poll(c.key, c.input, { zap }), RUNS);
  let afterBurst: Measure | undefined;
  let what = '';
  if (c.burst) {
    sb.faults.clear();
    what = await c.burst(runtime, sb);
    sb.faults.latency(LATENCY, { count: Infinity });
    afterBurst = await measure(() => runtime.poll(c.key, c.input, { zap }));
  }
  console.log(`${c.key.padEnd(26)} ${cell(first).padStart(12)} ${cell(common).padStart(12)} ${cell(afterBurst).padStart(12)}  ${what}`);
  await sb.stop();
}

async function benchActions(runtime: ZapierRuntime, sandbox: Sandbox, contactId: string): Promise<void> {
  const calendarId = [...sandbox.state.calendars.values()][0]?.id ?? '';
  const trainees = [...sandbox.state.sales.pipelines.values()].find((p) => p.name === 'Trainees')?.id ?? '';
  const cases: [string, () => Promise<unknown>][] = [
    ['create contact_upsert', () => runtime.create('contact_upsert', { email: 'bench@example.com', city: 'Köln' })],
    ['create contact_update', () => runtime.create('contact_update', { contactId, city: 'Bonn' })],
    ['search contact_find (email)', () => runtime.search('contact_find', { email: 'bench@example.com' })],
    ['search contact_profile (reads in parallel)', () => runtime.search('contact_profile', { contactId })],
    [
      'create opportunity_upsert (pipeline by name)',
      () => runtime.create('opportunity_upsert', { contactId, pipelineId: 'Trainees', name: 'Bench: Level 1', monetaryValue: '104' }),
    ],
    ['search opportunity_find (contact, pipeline)', () => runtime.search('opportunity_find', { contactId, pipelineId: trainees })],
    ['create api_request (GET pipelines)', () => runtime.create('api_request', { method: 'GET', path: '/opportunities/pipelines' })],
    [
      'create appointment_create (zone from location)',
      () => runtime.create('appointment_create', { calendarId, contactId, startTime: '2030-01-07 10:00', ignoreFreeSlotValidation: true }),
    ],
  ];
  console.log(`\n${'action / search'.padEnd(48)} ${'calls'.padStart(5)} ${'÷ latency'.padStart(10)}`);
  for (const [name, run] of cases) {
    const m = await measure(run, RUNS);
    console.log(`${name.padEnd(48)} ${String(m.calls).padStart(5)} ${(m.ms / LATENCY).toFixed(1).padStart(10)}`);
  }
}

async function main(): Promise<void> {
  installHttpCounter();
  const job = process.env.BENCH_JOB;
  if (job) {
    const [size, key] = job.split(':');
    await benchCase(Number(size), key ?? '');
    return;
  }
  for (const [i, size] of SIZES.entries()) await benchSize(size, i === SIZES.length - 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
