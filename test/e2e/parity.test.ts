import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import App from '../../index';
import { VARIETY_SEEDS } from '../../sandbox';
import { startInstantWorld, type InstantWorld } from '../../scripts/zap/instant_setup';
import type { InstantSetup } from '../../scripts/zap/instant_zaps';
import { ZapierRuntime } from '../../scripts/zap/runtime';
import { resetAppEnv } from './helpers';

type Rec = Record<string, unknown>;
interface Operation {
  type?: string;
  outputFields?: unknown[];
}
const triggers = (App as unknown as { triggers: Record<string, { operation: Operation }> }).triggers;
const INSTANT = Object.keys(triggers).filter((key) => triggers[key]?.operation.type === 'hook');

/** The output keys a trigger declares (`customFields[]id` → customFields), and `custom`, where the dynamic custom__ fields live. */
const declaredKeys = (key: string): string[] => {
  const fields = (triggers[key]?.operation.outputFields ?? []).filter((f): f is { key: string } => typeof f === 'object' && f !== null && 'key' in f);
  return [...new Set([...fields.map((f) => f.key.split(/\[\]|__/)[0] ?? f.key), 'custom'])];
};

/**
 * The differences the README's "Instant triggers" table lists on purpose: the backticked output keys of each row's
 * last column. Only those are excepted, so a difference nobody wrote down fails here.
 */
const listedDifferences = (): Record<string, string[]> => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Instant triggers'));
  const rows = section.split('\n').filter((line) => /^\| .*\(`[a-z_]+_instant`\)/.test(line));
  return Object.fromEntries(
    rows.map((row) => {
      const cells = row.split(' | ');
      const key = /\(`([a-z_]+_instant)`\)/.exec(row)?.[1] ?? '';
      const declared = declaredKeys(key);
      const listed = [...(cells[cells.length - 1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? '');
      return [key, [...new Set(listed.filter((k) => declared.includes(k)))]];
    }),
  );
};

interface Seeded {
  seed: number;
  world: InstantWorld;
  runtime: ZapierRuntime;
  setup: InstantSetup;
  /** The sandbox clock runs this far ahead of the real one (a stage change within a second of creation is not one). */
  ahead: { ms: number };
}

const connectTo = (w: Seeded): void => {
  const { sandbox, relay } = w.world;
  process.env.GHL_API_BASE_URL = sandbox.baseUrl;
  process.env.GHL_AUTH_BASE_URL = sandbox.baseUrl;
  process.env.CLIENT_ID = sandbox.clientId;
  process.env.CLIENT_SECRET = sandbox.clientSecret;
  process.env.RELAY_URL = relay.url;
  process.env.RELAY_SHARED_SECRET = relay.secret;
};

/**
 * Instant triggers output what their polling twins output (README "Instant triggers"): for every instant trigger and
 * every seed of VARIETY_SEEDS, the record is written through the app, the sandbox's own signed webhook goes through the
 * relay (a child process) to the trigger's perform, the polling twin is polled, and every declared output field is
 * compared. Triggers without a twin (deleted, tag removed) are compared with the record as the app's Find step reads
 * it (before the deletion). One sandbox and one relay per seed for all cases, both started at once; the writes of
 * each phase run side by side and settle once.
 */
describe('end to end: instant triggers and their polling twins give the same output', () => {
  const worlds: Seeded[] = [];

  beforeAll(async () => {
    const started = await Promise.all(
      VARIETY_SEEDS.map(async (seed) => {
        const ahead = { ms: 0 };
        const world = await startInstantWorld({ contacts: 5, seed, rateLimit: false, now: () => new Date(Date.now() + ahead.ms) });
        return { seed, world, ahead };
      }),
    );
    for (const { seed, world, ahead } of started) {
      const token = world.sandbox.issueToken();
      const runtime = new ZapierRuntime({
        access_token: token.access_token,
        refresh_token: token.refresh_token,
        locationId: world.sandbox.locationId,
        companyId: world.sandbox.companyId,
        userId: world.sandbox.userId,
        scope: token.scope,
      });
      worlds.push({ seed, world, runtime, ahead, setup: await world.hooks(runtime) });
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(worlds.map((w) => w.world.stop()));
    resetAppEnv();
  });

  it('the README lists a reason for every difference it excepts, and every instant trigger is compared below', () => {
    const listed = listedDifferences();
    expect(Object.keys(listed).sort()).toEqual([...INSTANT].sort());
    expect(listed).toEqual({
      contact_new_instant: [],
      contact_updated_instant: [],
      contact_deleted_instant: ['timezone', 'type', 'dateUpdated', 'businessId'],
      contact_tag_added_instant: ['tagAddedId'],
      contact_tag_removed_instant: [],
      task_new_instant: [],
      task_completed_instant: ['id'],
      note_new_instant: [],
      note_updated_instant: [],
      appointment_new_instant: [],
      appointment_updated_instant: [],
      appointment_deleted_instant: [],
      opportunity_new_instant: [],
      opportunity_stage_changed_instant: [],
      opportunity_status_changed_instant: [],
    });
  });

  it.each(VARIETY_SEEDS)(
    'seed %s: every declared output field is the same, except what the README lists',
    async (seed) => {
      const w = worlds.find((x) => x.seed === seed) as Seeded;
      connectTo(w);
      const { runtime, setup, ahead } = w;
      const { sandbox } = w.world;
      const { endpoint, settle } = setup;
      const tag = 'parity-vip';
      const inputs: Record<string, Rec> = { contact_tag_added_instant: { tag }, contact_tag_removed_instant: { tag } };
      const zaps = Object.fromEntries(INSTANT.map((key) => [key, endpoint.zap(key, inputs[key] ?? {})]));
      await Promise.all(Object.values(zaps).map((z) => z.turnOn()));
      const twins: Record<string, Rec> = {
        contact_new: {},
        contact_updated: {},
        contact_tag_added: { tag },
        task_new: {},
        task_completed: {},
        note_new: {},
        note_updated: {},
        appointment_new: {},
        appointment_updated: {},
        opportunity_new: {},
        opportunity_stage_changed: {},
        opportunity_status_changed: {},
      };
      const poll = (key: string) => {
        sandbox.catchUpSearch(); // contact search lags writes (§14.10): what waiting would do
        return runtime.poll<Rec>(key, twins[key]);
      };
      // Turning the polling Zaps on: their first poll only fills the dedupe table.
      await Promise.all(Object.keys(twins).map(poll));

      const listed = listedDifferences();
      const compared: Record<string, Rec> = {};
      const compare = (key: string, twin: Rec | undefined, match: (item: Rec) => boolean) => {
        const outputs = (zaps[key]?.outputs ?? []).filter((o) => match(o.item));
        const instant = outputs[outputs.length - 1]?.item;
        const differs: Rec = {};
        if (!instant || !twin) differs.missing = { instant: Boolean(instant), twin: Boolean(twin) };
        for (const field of declaredKeys(key)) {
          if (listed[key]?.includes(field)) continue;
          if (JSON.stringify(instant?.[field]) !== JSON.stringify(twin?.[field])) differs[field] = { instant: instant?.[field], twin: twin?.[field] };
        }
        compared[key] = differs;
      };
      const find = async (poll: Promise<Rec[]>, match: (item: Rec) => boolean) => (await poll).find(match);

      // Phase 1: the contacts (one to keep, one to delete), with a custom value, a website, a time zone.
      const field = [...sandbox.state.customFields.values()].find((f) => f.dataType === 'TEXT' && f.fieldKey.startsWith('contact.'));
      const person = (first: string, last: string) => ({
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}.${seed}@example.com`,
        phone: first === 'Ada' ? '+4917112345678' : '+4917112345679',
        website: 'https://mckay.example.com',
        companyName: 'McKay Pilates',
        address1: 'Waldweg 1',
        city: 'Köln',
        country: 'DE',
        timezone: 'Europe/Berlin',
        source: 'Parity',
        tags: ['parity-start'],
        ...(field ? { [`cf_${field.id}`]: 'Mornings' } : {}),
      });
      const [ada, bea] = await Promise.all([
        runtime.create<Rec>('contact_create', person('Ada', 'McKay')),
        runtime.create<Rec>('contact_create', person('Bea', 'McKay')),
      ]);
      const contactId = String(ada.id);
      await settle();
      compare('contact_new_instant', await find(poll('contact_new'), (c) => c.id === contactId), (i) => i.id === contactId);

      // Phase 2: a change, the tag, and a task, note, appointment and opportunity of the contact.
      const calendarId = [...sandbox.state.calendars.values()][0]?.id ?? '';
      const day = new Date(Date.now() + 9 * 86400000);
      while ([0, 6].includes(day.getUTCDay())) day.setTime(day.getTime() + 86400000);
      const pipeline = [...sandbox.state.sales.pipelines.values()][0];
      const [, , task, note, appointment, opportunity] = await Promise.all([
        runtime.create('contact_update', { contactId, city: 'Bonn' }),
        runtime.create('contact_tag_add', { contactId, tags: [tag] }),
        runtime.create<Rec>('task_create', { contactId, title: 'Call Ada', body: 'About Level 2', dueDate: new Date(Date.now() + 86400000).toISOString() }),
        runtime.create<Rec>('note_create', { contactId, title: 'Intro', body: 'First' }),
        runtime.create<Rec>('appointment_create', { calendarId, contactId, startTime: `${day.toISOString().slice(0, 10)}T15:00:00+02:00`, title: 'Intro' }),
        runtime.create<Rec>('opportunity_create', {
          contactId,
          pipelineId: pipeline?.id,
          pipelineStageId: pipeline?.stages[0]?.id,
          name: 'Ada McKay: Level 2',
          status: 'open',
        }),
      ]);
      await settle();
      const [tagged, newTasks, newNotes, newAppointments, newOpportunities] = await Promise.all([
        poll('contact_tag_added'),
        poll('task_new'),
        poll('note_new'),
        poll('appointment_new'),
        poll('opportunity_new'),
        poll('task_completed'), // learns the open task
      ]);
      compare(
        'contact_tag_added_instant',
        tagged.find((c) => c.id === contactId),
        (i) => i.id === contactId,
      );
      compare(
        'task_new_instant',
        newTasks.find((t) => t.taskId === task.id),
        (i) => i.taskId === task.id,
      );
      compare(
        'note_new_instant',
        newNotes.find((n) => n.noteId === note.id),
        (i) => i.noteId === note.id,
      );
      compare(
        'appointment_new_instant',
        newAppointments.find((a) => a.id === appointment.id),
        (i) => i.id === appointment.id,
      );
      compare(
        'opportunity_new_instant',
        newOpportunities.find((o) => o.id === opportunity.id),
        (i) => i.id === opportunity.id,
      );

      // Phase 3, two seconds on: completed, edited, rescheduled, moved a stage, the tag removed.
      ahead.ms += 2000;
      await Promise.all([
        runtime.create('task_complete', { contactId, taskId: task.id }),
        runtime.create('note_update', { contactId, noteId: note.id, body: 'Second' }),
        runtime.create('appointment_update', { appointmentId: appointment.id, title: 'Intro call' }),
        runtime.create('opportunity_update', { opportunityId: opportunity.id, pipelineId: pipeline?.id, pipelineStageId: pipeline?.stages[1]?.id }),
        runtime.create('contact_tag_remove', { contactId, tags: [tag] }),
      ]);
      await settle();
      const [changed, completed, edited, rescheduled, moved, [byId], [before], [appointmentBefore]] = await Promise.all([
        poll('contact_updated'),
        poll('task_completed'),
        poll('note_updated'),
        poll('appointment_updated'),
        poll('opportunity_stage_changed'),
        runtime.search<Rec>('contact_find_by_id', { contactId }),
        runtime.search<Rec>('contact_find_by_id', { contactId: bea.id }),
        runtime.search<Rec>('appointment_find', { appointmentId: appointment.id }),
      ]);
      compare(
        'contact_updated_instant',
        changed.find((c) => c.contactId === contactId),
        (i) => i.contactId === contactId,
      );
      compare(
        'task_completed_instant',
        completed.find((t) => t.taskId === task.id),
        (i) => i.taskId === task.id,
      );
      compare(
        'note_updated_instant',
        edited.find((n) => n.noteId === note.id),
        (i) => i.noteId === note.id,
      );
      compare(
        'appointment_updated_instant',
        rescheduled.find((a) => a.appointmentId === appointment.id),
        (i) => i.appointmentId === appointment.id,
      );
      compare(
        'opportunity_stage_changed_instant',
        moved.find((o) => o.opportunityId === opportunity.id),
        (i) => i.opportunityId === opportunity.id,
      );
      compare('contact_tag_removed_instant', byId, (i) => i.id === contactId);

      // Phase 4, two seconds on: won, and the deletions (compared with the records as read just before).
      ahead.ms += 2000;
      await Promise.all([
        runtime.create('opportunity_update', { opportunityId: opportunity.id, status: 'won' }),
        runtime.create('appointment_delete', { appointmentId: appointment.id }),
        runtime.create('contact_delete', { contactId: bea.id }),
      ]);
      await settle();
      const won = await poll('opportunity_status_changed');
      compare(
        'opportunity_status_changed_instant',
        won.find((o) => o.opportunityId === opportunity.id),
        (i) => i.opportunityId === opportunity.id,
      );
      compare('appointment_deleted_instant', appointmentBefore, (i) => i.id === appointment.id);
      compare('contact_deleted_instant', before, (i) => i.id === bea.id);
      await Promise.all(Object.values(zaps).map((z) => z.turnOff()));

      expect(compared).toEqual(Object.fromEntries(INSTANT.map((key) => [key, {}])));
      expect(Object.values(zaps).flatMap((z) => z.runs.filter((r) => r.error).map((r) => `${z.key}: ${r.error ?? ''}`))).toEqual([]);
      // What the comparisons stand on: real-case names under every reading (the lower-cased contactName of seed 20240610
      // included), the custom value, the contact's name on the task and appointment.
      const [deleted] = zaps.contact_deleted_instant?.outputs.map((o) => o.item) ?? [];
      expect([deleted?.name, byId?.name, byId?.website]).toEqual(['Bea McKay', 'Ada McKay', 'https://mckay.example.com']);
      if (field) expect(byId?.custom).toEqual(expect.objectContaining({ [String(field.fieldKey).replace(/^contact\./, '')]: 'Mornings' }));
      expect(zaps.task_new_instant?.outputs[0]?.item).toMatchObject({ contactName: 'Ada McKay', contactEmail: `ada.${seed}@example.com` });
      expect(zaps.appointment_new_instant?.outputs[0]?.item).toMatchObject({ contactName: 'Ada McKay' });
    },
    60_000,
  );
});
