import type { HookEndpoint, InstantZap } from './hook_endpoint';
import { flatPersonToContact, type FlatPerson } from './centralstation';
import type { Scenario } from './scenario';

/**
 * The partner zaps on instant triggers: each write goes to the sandbox, which sends HighLevel's signed webhook to the
 * relay, which delivers it to the stand-in for Zapier's hook endpoint, which runs the app's hook `perform` through the
 * Zapier runtime. Each instant step reports the latency from the start of the write to the trigger's output, and the
 * CentralStationCRM two-way pair runs on "Contact Updated (Instant)" until it settles.
 */
type Rec = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

export interface InstantSetup {
  endpoint: HookEndpoint;
  /**
   * Resolves once nothing is in flight anywhere: every webhook the sandbox sent is answered, the relay has delivered
   * every stored event, and every hook perform (and the Zap steps it started) has finished.
   */
  settle(): Promise<void>;
}

/** A CentralStationCRM stand-in: people by email; its "person updated" trigger fires on every save, changed or not. */
class CentralStation {
  readonly people = new Map<string, FlatPerson>();
  saves = 0;
  onSaved: ((p: FlatPerson) => Promise<void>) | undefined;

  async save(person: FlatPerson): Promise<void> {
    this.saves += 1;
    this.people.set(person.email.toLowerCase(), { ...person });
    // The least convenient reading: the partner's trigger fires even when the save changed nothing.
    await this.onSaved?.({ ...person });
  }
}

/** Zap B (HighLevel → CentralStationCRM): the contact's fields back onto the person. */
const personOf = (c: Rec, before: FlatPerson): FlatPerson => ({
  ...before,
  first_name: str(c.firstName),
  name: str(c.lastName),
  tel: str(c.phone) || before.tel,
  street: str(c.address1),
  zip: str(c.postalCode),
  city: str(c.city),
  country_code: str(c.country) || before.country_code,
  birthday: str(c.dateOfBirth) || before.birthday,
});

/** 13:00 at +02:00 (12:00 or 13:00 in Berlin, inside the calendar's hours) on the first weekday `daysAhead` from `from`. */
const weekdayAt13 = (from: Date, daysAhead: number): Date => {
  const d = new Date(from.getTime() + daysAhead * 86400000);
  while ([0, 6].includes(d.getUTCDay())) d.setTime(d.getTime() + 86400000);
  return new Date(`${d.toISOString().slice(0, 10)}T13:00:00+02:00`);
};

export async function runInstantZaps(s: Scenario, setup: InstantSetup, runId: string): Promise<void> {
  const { runtime, world } = s;
  const { endpoint } = setup;
  const zaps = {
    contactNew: endpoint.zap('contact_new_instant'),
    contactUpdated: endpoint.zap('contact_updated_instant'),
    tagAdded: endpoint.zap('contact_tag_added_instant', { tag: 'tc-enrolled' }),
    tagRemoved: endpoint.zap('contact_tag_removed_instant', { tag: 'tc-enrolled' }),
    taskNew: endpoint.zap('task_new_instant'),
    taskCompleted: endpoint.zap('task_completed_instant'),
    noteNew: endpoint.zap('note_new_instant'),
    noteUpdated: endpoint.zap('note_updated_instant'),
    appointmentNew: endpoint.zap('appointment_new_instant'),
    appointmentUpdated: endpoint.zap('appointment_updated_instant'),
    appointmentDeleted: endpoint.zap('appointment_deleted_instant'),
    contactDeleted: endpoint.zap('contact_deleted_instant'),
    opportunityNew: endpoint.zap('opportunity_new_instant'),
    opportunityStageChanged: endpoint.zap('opportunity_stage_changed_instant'),
    opportunityStatusChanged: endpoint.zap('opportunity_status_changed_instant'),
  };
  const all = Object.values(zaps);

  await s.step(
    'Turn on the instant zaps (relay subscriptions)',
    `${all.length} hook triggers: performSubscribe`,
    () => Promise.all(all.map((z) => z.turnOn())),
    (subs) => {
      s.check(
        subs.every((sub) => typeof sub.id === 'string' && sub.id.length > 0),
        'a subscription has no id',
      );
      return `${subs.length} subscriptions`;
    },
  );

  /**
   * One instant step: waits for the trigger's output for the write that started at `since`, and reports the latency
   * from the start of that write to the output (the time column), not the wait.
   */
  const instant = async (label: string, zap: InstantZap, since: number, match: (item: Rec) => boolean, verify: (item: Rec) => string) => {
    let latency = 0;
    await s.step(
      `HighLevel (instant): ${label}`,
      `${zap.key}`,
      async () => {
        const found = await zap.waitFor(match, since);
        if (!found.length) {
          const errors = zap.runs.filter((r) => r.error).map((r) => r.error);
          throw new Error(`no output within 15 s${errors.length ? ` (perform failed: ${errors[errors.length - 1]})` : ''}`);
        }
        latency = found[0].at - since;
        return found;
      },
      (found) => `${verify(found[0].item)}; write → trigger output ${latency} ms`,
    );
    const row = s.rows[s.rows.length - 1];
    if (row?.ok) row.ms = latency;
  };

  /** A write step whose start time the instant steps measure from. */
  const write = async <T>(step: string, operation: string, run: () => Promise<T>, verify: (r: T) => Promise<string> | string) => {
    const since = Date.now();
    const result = await s.step(step, operation, run, verify);
    return { since, result };
  };

  // ---- TrainerCentral → HighLevel, seen by instant triggers
  const email = `lena.vogt+${runId}-instant@example.com`;
  const created = await write(
    'TrainerCentral: new trainee → contact',
    'contact_create',
    () => runtime.create<Rec>('contact_create', { email, firstName: 'Lena', lastName: 'Vogt', source: 'TrainerCentral', tags: ['tc-learner'], country: 'DE' }),
    (r) => `created ${str(r.id)}`,
  );
  const contactId = str(created.result?.id);
  if (contactId) s.created.push(['contact', contactId]);
  await instant(
    'New Contact',
    zaps.contactNew,
    created.since,
    (i) => i.id === contactId,
    (i) => {
      s.equal([i.email, i.firstName, i.source, i.tags], [email, 'Lena', 'TrainerCentral', ['tc-learner']], 'New Contact (Instant) output');
      return `contact ${str(i.id)}`;
    },
  );

  const enrolled = await write(
    'TrainerCentral: enrolled → tag',
    'contact_tag_add',
    () => runtime.create<Rec>('contact_tag_add', { contactId, tags: ['tc-enrolled'] }),
    () => 'tag tc-enrolled',
  );
  await instant(
    'Tag Added to Contact',
    zaps.tagAdded,
    enrolled.since,
    (i) => i.id === contactId,
    (i) => {
      s.check((i.tags as string[]).includes('tc-enrolled'), 'the output lacks the tag');
      return 'tc-enrolled added';
    },
  );
  await instant(
    'Contact Updated (a tag is a change)',
    zaps.contactUpdated,
    enrolled.since,
    (i) => i.contactId === contactId,
    (i) => `change ${str(i.id)}`,
  );

  const task = await write(
    'TrainerCentral: trainee gets a task',
    'task_create',
    () =>
      runtime.create<Rec>('task_create', {
        contactId,
        title: 'Welcome call (instant)',
        body: 'Course intro',
        dueDate: new Date(Date.now() + 3 * 86400000).toISOString(),
      }),
    (r) => `task ${str(r.id)}`,
  );
  const taskId = str(task.result?.id);
  await instant(
    'New Task',
    zaps.taskNew,
    task.since,
    (i) => i.taskId === taskId,
    (i) => {
      // Live TaskCreate events lack contactId and body (issue #332; the sandbox sends them so under some seeds).
      s.equal([i.title, i.contactId, i.body, i.status], ['Welcome call (instant)', contactId, 'Course intro', 'open'], 'New Task (Instant) output');
      return `task ${taskId}`;
    },
  );
  const done = await write(
    'TrainerCentral: task done',
    'task_complete',
    () => runtime.create<Rec>('task_complete', { contactId, taskId }),
    () => 'completed',
  );
  await instant(
    'Task Completed',
    zaps.taskCompleted,
    done.since,
    (i) => i.taskId === taskId,
    (i) => {
      // `<taskId>:completed:<when the completion was seen>`, as the polling Task Completed's ids (README "Instant triggers").
      s.equal([str(i.id).startsWith(`${taskId}:completed:`), i.status], [true, 'completed'], 'Task Completed (Instant) output');
      return str(i.id);
    },
  );

  const note = await write(
    'TrainerCentral: session note',
    'note_create',
    () => runtime.create<Rec>('note_create', { contactId, title: 'Enrolment', body: 'Enrolled in Pilates Level 1 (instant).' }),
    (r) => `note ${str(r.id)}`,
  );
  const noteId = str(note.result?.id);
  await instant(
    'New Note',
    zaps.noteNew,
    note.since,
    (i) => i.noteId === noteId,
    (i) => {
      // The event carries no title (issue #312): the trigger read the note in full.
      s.equal([i.title, i.body], ['Enrolment', 'Enrolled in Pilates Level 1 (instant).'], 'New Note (Instant) output');
      return `note ${noteId} "${str(i.title)}"`;
    },
  );
  const edited = await write(
    'TrainerCentral: note edited',
    'note_update',
    () => runtime.create<Rec>('note_update', { contactId, noteId, body: 'Enrolled in Pilates Level 1 and 2 (instant).' }),
    () => 'edited',
  );
  await instant(
    'Note Updated',
    zaps.noteUpdated,
    edited.since,
    (i) => i.noteId === noteId,
    (i) => `body "${str(i.body).slice(0, 30)}…"`,
  );

  // ---- The trainee's opportunity, seen by the instant opportunity triggers (every pipeline, no filter)
  const trainees = (await world.pipelines()).find((p) => p.name === 'Trainees');
  const [enrolledStage, completedStage] = [trainees?.stages[0]?.id ?? '', trainees?.stages[trainees.stages.length - 1]?.id ?? ''];
  const opened = await write(
    'TrainerCentral: enrolment → opportunity',
    'opportunity_create',
    () =>
      runtime.create<Rec>('opportunity_create', {
        contactId,
        pipelineId: trainees?.id ?? '',
        pipelineStageId: enrolledStage,
        name: 'Lena Vogt: Pilates Level 1 (instant)',
        status: 'open',
      }),
    (r) => `opportunity ${str(r.id)}`,
  );
  const opportunityId = str(opened.result?.id);
  if (opportunityId) s.created.push(['opportunity', opportunityId]);
  await instant(
    'New Opportunity',
    zaps.opportunityNew,
    opened.since,
    (i) => i.id === opportunityId,
    (i) => {
      s.equal(
        [i.name, i.contactId, i.pipelineName, i.status],
        ['Lena Vogt: Pilates Level 1 (instant)', contactId, 'Trainees', 'open'],
        'New Opportunity (Instant) output',
      );
      return `opportunity ${opportunityId} in ${str(i.pipelineName)} › ${str(i.stageName)}`;
    },
  );
  // A stage change within a second of the creation is taken for the creation's own (lib/opportunity/api.ts
  // changedAfterCreation): a course takes longer than that.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const staged = await write(
    'TrainerCentral: course completed → last stage',
    'opportunity_update',
    () => runtime.create<Rec>('opportunity_update', { opportunityId, pipelineId: trainees?.id ?? '', pipelineStageId: completedStage }),
    (r) => `moved to ${str(r.stageName)}`,
  );
  await instant(
    'Opportunity Stage Changed',
    zaps.opportunityStageChanged,
    staged.since,
    (i) => i.opportunityId === opportunityId && i.pipelineStageId === completedStage,
    (i) => `${str(i.opportunityId)} → ${str(i.stageName)}`,
  );
  const won = await write(
    'TrainerCentral: certificate issued → won',
    'opportunity_update',
    () => runtime.create<Rec>('opportunity_update', { opportunityId, status: 'won' }),
    (r) => `status ${str(r.status)}`,
  );
  await instant(
    'Opportunity Status Changed',
    zaps.opportunityStatusChanged,
    won.since,
    (i) => i.opportunityId === opportunityId && i.status === 'won',
    (i) => `${str(i.opportunityId)} ${str(i.status)}`,
  );

  const calendarId = await world.calendarId();
  // Not the partner zaps' 10:00 slots: an appointment there (even cancelled) may hold the time.
  const start = weekdayAt13(new Date(), 3);
  const booked = await write(
    'TrainerCentral: booked session → appointment',
    'appointment_create',
    () =>
      runtime.create<Rec>('appointment_create', {
        calendarId,
        contactId,
        startTime: start.toISOString(),
        endTime: new Date(start.getTime() + 3600000).toISOString(),
        title: 'Live Q&A (instant)',
      }),
    (r) => `appointment ${str(r.id)}`,
  );
  const appointmentId = str(booked.result?.id);
  if (appointmentId) s.created.push(['appointment', appointmentId]);
  await instant(
    'New Appointment',
    zaps.appointmentNew,
    booked.since,
    (i) => i.id === appointmentId,
    (i) => {
      s.equal(new Date(str(i.startTime)).getTime(), start.getTime(), 'New Appointment (Instant) start');
      return `appointment at ${str(i.startTime)}`;
    },
  );
  const moved = weekdayAt13(start, 1);
  const rescheduled = await write(
    'TrainerCentral: session moved a day',
    'appointment_update',
    () =>
      runtime.create<Rec>('appointment_update', { appointmentId, startTime: moved.toISOString(), endTime: new Date(moved.getTime() + 3600000).toISOString() }),
    () => `moved to ${moved.toISOString()}`,
  );
  await instant(
    'Appointment Updated (rescheduled)',
    zaps.appointmentUpdated,
    rescheduled.since,
    (i) => i.appointmentId === appointmentId && new Date(str(i.startTime)).getTime() === moved.getTime(),
    (i) => `start ${str(i.startTime)}`,
  );
  const cancelled = await write(
    'TrainerCentral: session cancelled',
    'appointment_cancel',
    () => runtime.create<Rec>('appointment_cancel', { appointmentId }),
    () => 'cancelled',
  );
  await instant(
    'Appointment Updated (cancelled)',
    zaps.appointmentUpdated,
    cancelled.since,
    (i) => i.appointmentId === appointmentId && i.appointmentStatus === 'cancelled',
    () => 'status cancelled',
  );

  const unenrolled = await write(
    'TrainerCentral: unenrolled → tag removed',
    'contact_tag_remove',
    () => runtime.create<Rec>('contact_tag_remove', { contactId, tags: ['tc-enrolled'] }),
    () => 'tag tc-enrolled removed',
  );
  await instant(
    'Tag Removed from Contact',
    zaps.tagRemoved,
    unenrolled.since,
    (i) => i.id === contactId,
    (i) => {
      s.check(!(i.tags as string[]).includes('tc-enrolled'), 'the output still has the tag');
      return 'tc-enrolled removed';
    },
  );

  // ---- CentralStationCRM ⇄ HighLevel on instant triggers: zap A (person saved → upsert), zap B (Contact Updated
  // (Instant) → person). A write that changes nothing fires nothing, so the pair settles after one round trip.
  const crm = new CentralStation();
  let upserts = 0;
  let zapBWrites = 0;
  crm.onSaved = async (p) => {
    upserts += 1;
    await runtime.create<Rec>('contact_upsert', flatPersonToContact(p));
  };
  zaps.contactUpdated.onItem = async (item) => {
    const before = crm.people.get(str(item.email).toLowerCase());
    if (!before) return; // a HighLevel contact CentralStationCRM does not have: zap B's filter step stops here
    zapBWrites += 1;
    await crm.save(personOf(item, before));
  };
  const maxi: FlatPerson = {
    first_name: 'Maxi',
    name: 'Mustermann',
    email: `maxi+${runId}-instant@example.de`,
    // Not the polling run's number: the upsert matches on phone too and would update that contact instead.
    tel: '0171 7654321',
    country_code: 'DE',
    street: 'Waldweg 1',
    zip: '50667',
    city: 'Köln',
    birthday: '1988-05-12',
  };
  await s.step(
    'CentralStationCRM: person created → contact',
    'contact_upsert (zap A)',
    async () => {
      await crm.save(maxi);
      await setup.settle();
      return world.contactsByEmail(maxi.email);
    },
    (stored) => {
      s.equal(stored.length, 1, 'contacts with the person email');
      if (stored[0]?.id) s.created.push(['contact', str(stored[0].id)]);
      return `contact ${str(stored[0]?.id)}`;
    },
  );
  const outputsBefore = zaps.contactUpdated.outputs.length;
  const [savesBefore, upsertsBefore, writesBefore] = [crm.saves, upserts, zapBWrites];
  const pairStart = Date.now();
  await s.step(
    'CentralStationCRM ⇄ HighLevel (instant): person moved there, the pair settles',
    'contact_upsert ⇄ contact_updated_instant',
    async () => {
      await crm.save({ ...(crm.people.get(maxi.email.toLowerCase()) ?? maxi), city: 'Düsseldorf' });
      await setup.settle();
      return { ms: Date.now() - pairStart, stored: await world.contactsByEmail(maxi.email) };
    },
    ({ ms, stored }) => {
      const outputs = zaps.contactUpdated.outputs.slice(outputsBefore).filter((o) => str(o.item.email).toLowerCase() === maxi.email.toLowerCase());
      s.equal([stored[0]?.city, crm.people.get(maxi.email.toLowerCase())?.city], ['Düsseldorf', 'Düsseldorf'], 'city in HighLevel and CentralStationCRM');
      // One round trip: the move (1 save, 1 upsert) → 1 instant output → zap B's save → its echo upsert changes nothing → no output.
      s.equal(
        [outputs.length, zapBWrites - writesBefore, crm.saves - savesBefore, upserts - upsertsBefore],
        [1, 1, 2, 2],
        'outputs, zap B writes, CRM saves, upserts',
      );
      // Both ContactUpdate events reached perform: the echo was delivered and yielded nothing (not lost on the way).
      s.equal(
        zaps.contactUpdated.runs.filter((r) => r.at >= pairStart).map((r) => r.items),
        [1, 0],
        'items per Contact Updated (Instant) run',
      );
      return `settled after 1 round trip (2 upserts, 1 instant output, the echo fired nothing) in ${ms} ms`;
    },
  );
  zaps.contactUpdated.onItem = undefined;

  const removedAppointment = await write(
    'HighLevel: appointment deleted',
    'appointment_delete',
    () => runtime.create<Rec>('appointment_delete', { appointmentId }),
    () => 'deleted',
  );
  await instant(
    'Appointment Deleted',
    zaps.appointmentDeleted,
    removedAppointment.since,
    (i) => i.id === appointmentId,
    (i) => `appointment ${str(i.id)} "${str(i.title)}"`,
  );
  const removedContact = await write(
    'HighLevel: trainee deleted',
    'contact_delete',
    () => runtime.create<Rec>('contact_delete', { contactId }),
    () => 'deleted',
  );
  await instant(
    'Contact Deleted',
    zaps.contactDeleted,
    removedContact.since,
    (i) => i.id === contactId,
    (i) => {
      s.equal(i.email, email, 'Contact Deleted (Instant) email (the contact as it was)');
      return `contact ${str(i.id)}`;
    },
  );

  await s.step(
    'Turn off the instant zaps',
    `${all.length} hook triggers: performUnsubscribe`,
    () => Promise.all(all.map((z) => z.turnOff())),
    (results) => {
      s.check(
        results.every((r) => r.removed === true),
        'a subscription was not removed from the relay',
      );
      const failed = all.flatMap((z) => z.runs.filter((r) => r.error).map((r) => `${z.key}: ${r.error ?? ''}`));
      s.equal(failed, [], 'hook performs that failed');
      return `${results.length} removed; ${all.reduce((n, z) => n + z.runs.length, 0)} deliveries ran perform`;
    },
  );
}
