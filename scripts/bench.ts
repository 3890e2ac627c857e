import './zap/quiet';
import { startSandbox } from '../sandbox';
import { connectToSandbox } from './zap/connect';
import { httpCalls, installHttpCounter } from './zap/http_counter';
import { ZapierRuntime } from './zap/runtime';

/**
 * `npm run bench`: HTTP calls and wall time per operation, through the Zapier runtime against the sandbox with a
 * simulated network latency per request (BENCH_LATENCY_MS, default 80). The numbers to watch: calls per
 * operation (fewest possible; one per poll) and wall time in multiples of the latency (parallel requests count once).
 * Not a test: timings vary by machine.
 */
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 80);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10000);

type Rec = Record<string, unknown>;

async function main(): Promise<void> {
  installHttpCounter();
  const sandbox = await startSandbox({ contacts: CONTACTS, rateLimit: false });
  const runtime = new ZapierRuntime();
  await connectToSandbox(sandbox, runtime);
  sandbox.faults.latency(LATENCY, { count: Infinity });

  const contact = await runtime.create<Rec>('contact_create', { email: 'bench@example.com', firstName: 'Bench', lastName: 'Mark' });
  const contactId = String(contact.id);
  await runtime.create('task_create', { contactId, title: 'Bench task', dueDate: '2030-01-01T10:00:00Z' });
  await runtime.create('note_create', { contactId, body: 'Bench note' });
  const calendarId = [...sandbox.state.calendars.values()][0].id;
  const trainees = [...sandbox.state.sales.pipelines.values()].find((p) => p.name === 'Trainees')?.id ?? '';

  const cases: [string, () => Promise<unknown>][] = [
    ['trigger contact_new (first poll, dedupe fill)', () => runtime.trigger('contact_new', {}, { isPopulatingDedupe: true, limit: -1 })],
    ['trigger contact_new', () => runtime.trigger('contact_new', {}, { limit: 100 })],
    ['trigger contact_updated', () => runtime.trigger('contact_updated', {}, { limit: 100 })],
    ['trigger task_new', () => runtime.trigger('task_new', {}, { limit: 100 })],
    ['trigger note_new (location-wide)', () => runtime.trigger('note_new', {}, { limit: 100 })],
    ['trigger appointment_new (all calendars)', () => runtime.trigger('appointment_new', {}, { limit: 100 })],
    ['create contact_upsert', () => runtime.create('contact_upsert', { email: 'bench@example.com', city: 'Köln' })],
    ['create contact_update', () => runtime.create('contact_update', { contactId, city: 'Bonn' })],
    ['search contact_find (email)', () => runtime.search('contact_find', { email: 'bench@example.com' })],
    ['search contact_profile (reads in parallel)', () => runtime.search('contact_profile', { contactId })],
    ['trigger opportunity_new', () => runtime.trigger('opportunity_new', {}, { limit: 100 })],
    ['trigger opportunity_stage_changed', () => runtime.trigger('opportunity_stage_changed', {}, { limit: 100 })],
    ['trigger opportunity_status_changed (won)', () => runtime.trigger('opportunity_status_changed', { status: 'won' }, { limit: 100 })],
    ['trigger form_submission_new', () => runtime.trigger('form_submission_new', {}, { limit: 100 })],
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

  console.log(`Sandbox: ${sandbox.state.contacts.size} contacts, ${LATENCY} ms latency per request, ${RUNS} runs each.\n`);
  console.log(`${'operation'.padEnd(48)} ${'calls'.padStart(5)} ${'median'.padStart(8)} ${'÷ latency'.padStart(10)}`);
  for (const [name, run] of cases) {
    const times: number[] = [];
    let calls = 0;
    for (let i = 0; i < RUNS; i++) {
      const before = httpCalls();
      const started = performance.now();
      try {
        await run();
      } catch (error) {
        console.log(`${name.padEnd(48)} failed: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`);
        break;
      }
      times.push(performance.now() - started);
      calls = httpCalls() - before;
    }
    if (!times.length) continue;
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    console.log(`${name.padEnd(48)} ${String(calls).padStart(5)} ${`${Math.round(median)} ms`.padStart(8)} ${(median / LATENCY).toFixed(1).padStart(10)}`);
  }
  await sandbox.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
