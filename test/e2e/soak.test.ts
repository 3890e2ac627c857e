import { connect, disconnect, type Connected } from './helpers';

type Row = Record<string, unknown>;

/**
 * Issue 11, point 7: zap-like runs of Create or Update Contact (with a tag, added after the upsert) or Create Contact →
 * Add Tags → Create Note → Create Task against the sandbox, with faults injected before and after HighLevel writes
 * (about one attempt in eight, on any of the step's writes), and each failed step replayed the way Zapier's
 * autoreplay does (same step, same input, same Zap, up to 5 times). Afterwards every run left exactly one contact
 * with both its tags, one note and one task: nothing lost, nothing doubled. A correctness test, not a timed one:
 * RUNS is kept so that it ends well within a minute on a busy 2-core machine.
 */
const RUNS = 50;
const FAULT_RATE = 0.12;
const REPLAYS = 5;

/** A small seeded generator (mulberry32), so a failing soak can be re-run exactly. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Fault = (c: Connected, match: { path: RegExp; method: string }) => void;
const FAULTS: [string, Fault][] = [
  ['connection refused before the write', (c, m) => c.sandbox.faults.dropConnection(m)],
  ['5xx before the write', (c, m) => c.sandbox.faults.serverError(503, m)],
  ['429', (c, m) => c.sandbox.faults.tooManyRequests({ ...m, retryAfterSeconds: 30 })],
  ['connection dropped after the write', (c, m) => c.sandbox.faults.dropAfterWrite(m)],
  ['502 after the write', (c, m) => c.sandbox.faults.serverErrorAfterWrite(502, m)],
  ['cut-off answer after the write', (c, m) => c.sandbox.faults.malformedJson(m)],
];

describe('soak: zap runs with faults and replays (issue 11)', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect({ contacts: 20 });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  it(`${RUNS} runs leave zero duplicates and zero losses`, async () => {
    const random = seeded(20260611);
    const faultsHit = new Map<string, number>();
    const meta = { zap: { id: 'zap-soak' } };

    /** One step as Zapier runs it: maybe a fault on one of its writes, then replays until it succeeds. */
    const step = async <T>(key: string, input: Row, ...writes: { path: RegExp; method: string }[]): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        if (random() < FAULT_RATE) {
          const [name, arm] = FAULTS[Math.floor(random() * FAULTS.length)];
          arm(c, writes[Math.floor(random() * writes.length)]);
          faultsHit.set(name, (faultsHit.get(name) ?? 0) + 1);
        }
        try {
          return await c.runtime.create<T>(key, input, meta);
        } catch (error) {
          c.sandbox.faults.clear();
          if (attempt >= REPLAYS) throw error;
        }
      }
    };

    for (let run = 0; run < RUNS; run++) {
      const email = `soak.${run}@example.com`;
      // Even runs upsert with a tag (two writes: the upsert, then the tag added to it); odd runs create.
      const contact =
        run % 2 === 0
          ? await step<Row>(
              'contact_upsert',
              { email, firstName: `Run ${run}`, tags: 'soak-upsert' },
              { path: /^\/contacts\/upsert$/, method: 'POST' },
              { path: /^\/contacts\/[^/]+\/tags$/, method: 'POST' },
            )
          : await step<Row>('contact_create', { email, firstName: `Run ${run}`, tags: 'soak-create' }, { path: /^\/contacts\/$/, method: 'POST' });
      const contactId = String(contact.id);
      const path = (sub: string) => new RegExp(`^/contacts/${contactId}/${sub}$`);
      await step('contact_tag_add', { contactId, tags: [`soak-${run}`] }, { path: path('tags'), method: 'POST' });
      await step('note_create', { contactId, body: `Soak note ${run}` }, { path: path('notes'), method: 'POST' });
      await step('task_create', { contactId, title: `Soak task ${run}`, dueDate: '2031-01-01T09:00:00Z' }, { path: path('tasks'), method: 'POST' });
    }

    const contacts = [...c.sandbox.state.contacts.values()].filter((x) => x.email?.startsWith('soak.'));
    const notes = [...c.sandbox.state.notes.values()].filter((n) => n.body.startsWith('Soak note '));
    const tasks = [...c.sandbox.state.tasks.values()].filter((t) => t.title.startsWith('Soak task '));
    const problems: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const mine = contacts.filter((x) => x.email === `soak.${run}@example.com`);
      if (mine.length !== 1) {
        problems.push(`run ${run}: ${mine.length} contacts`);
        continue;
      }
      const [contact] = mine;
      for (const tag of [`soak-${run}`, run % 2 === 0 ? 'soak-upsert' : 'soak-create']) {
        if (!contact.tags.includes(tag)) problems.push(`run ${run}: tag ${tag} lost`);
      }
      const n = notes.filter((x) => x.contactId === contact.id && x.body === `Soak note ${run}`).length;
      const t = tasks.filter((x) => x.contactId === contact.id && x.title === `Soak task ${run}`).length;
      if (n !== 1) problems.push(`run ${run}: ${n} notes`);
      if (t !== 1) problems.push(`run ${run}: ${t} tasks`);
    }
    expect(problems).toEqual([]);
    expect([contacts.length, notes.length, tasks.length]).toEqual([RUNS, RUNS, RUNS]);
    // The soak only means something if every kind of fault was hit, including after the write.
    expect([...faultsHit.keys()].sort()).toEqual(FAULTS.map(([name]) => name).sort());
    expect([...faultsHit.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(RUNS * 4 * FAULT_RATE * 0.6);
  }, 240_000);
});
