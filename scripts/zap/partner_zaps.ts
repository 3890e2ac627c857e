import { contactCustomFieldInputs, opportunityCustomFieldInputs } from '../../lib/custom_field/fields';
import { CentralStation, flatPersonToContact, runTwoWay } from './centralstation';
import type { Scenario } from './scenario';

/**
 * The zaps this integration exists for (../shared/partner-apps.md), run step by step:
 * TrainerCentral → HighLevel, CentralStationCRM ⇄ HighLevel, and HighLevel's own triggers watching the result.
 */
type Rec = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** A TrainerCentral learner as `GET /portalMembers.json?type=5` returns it (partner-apps.md §1). */
const learner = (suffix: string) => ({
  id: '3279259000001234001',
  orgMemberId: '3279259000001234001',
  name: 'Lena Vogt',
  email: `lena.vogt+${suffix}@example.com`,
  time: '1717500000000',
});

/** A TrainerCentral live workshop (`GET /talks.json?filter=5`): times are epoch-ms strings. */
const workshop = (start: Date) => ({
  sessionId: '3279259000003000001',
  name: 'Live Q&A: Core Strength',
  scheduledTime: String(start.getTime()),
  scheduledEndTime: String(start.getTime() + 60 * 60 * 1000),
  timezone: 'Europe/Berlin',
  joinURL: 'https://academy.example.com/join/abc123',
});

/** A CentralStationCRM person (`GET /people/<id>.json`, partner-apps.md §2), flattened the way a zap maps it. */
const person = (suffix: string, city: string) => ({
  first_name: 'Maxi',
  name: 'Mustermann',
  email: `maxi+${suffix}@example.de`,
  tel: '0171 1234567',
  country_code: 'DE',
  street: 'Waldweg 1',
  zip: '50667',
  city,
  birthday: '1988-05-12',
  tag: 'Kunde',
});

/**
 * A TrainerCentral course member (one element of `courseMembers`, partner-apps.md §1): the enrolment, and later the
 * same record at 100 % (Course Completed). `courseName` comes from a courses.json look-up in the zap.
 */
const courseMember = (completionPercentage: string) => ({
  courseMembersId: '3279259000002000111',
  courseId: '3279259000000592001',
  courseName: 'Pilates Instructor Level 1',
  status: '50',
  enrolledTime: '1717500000000',
  completedLesson: completionPercentage === '100' ? '12' : '0',
  totalLesson: '12',
  completionPercentage,
  totalRevenue: '104.00',
});

/** A CentralStationCRM deal (`{"deal":{…}}`, partner-apps.md §2), as its New Deal trigger would hand it over. */
const newDeal = () => ({
  id: 9100123,
  name: 'Jahresvertrag Reformer',
  value: '4800',
  value_type: 'total',
  target_date: '2026-12-31',
  current_state: 'open_50',
});
type Deal = ReturnType<typeof newDeal>;

/**
 * CentralStationCRM's deal states (open_0 … open_75, won, lost) in HighLevel's "Studio Memberships" pipeline: the open
 * percentages are stages, won and lost are HighLevel statuses (the stage stays).
 */
const STAGE_OF_STATE: Record<string, string> = { open_0: 'New Lead', open_25: 'Trial Booked', open_50: 'Offer Sent', open_75: 'Negotiation' };
const DEAL_ID_PREFIX = 'CentralStationCRM deal ';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next weekday at 10:00 Berlin time, at least two days ahead (inside the calendar's open hours). */
const nextSessionStart = (now: Date): Date => {
  const d = new Date(now.getTime() + 2 * 86400000);
  while ([0, 6].includes(d.getUTCDay())) d.setTime(d.getTime() + 86400000);
  const ymd = d.toISOString().slice(0, 10);
  // 10:00 Europe/Berlin is 08:00 or 09:00 UTC; the app converts, the check compares instants.
  return new Date(`${ymd}T10:00:00+02:00`);
};

export async function runPartnerZaps(s: Scenario, runId: string): Promise<void> {
  const { runtime, world } = s;
  const lena = learner(runId);
  const maxi = person(runId, 'Köln');

  await s.step(
    'Connect HighLevel (label = location name)',
    'authentication.test',
    () => runtime.testAuth(),
    async (r) => {
      s.equal(r.name, await world.locationName(), 'connection label');
      return `label "${str(r.name)}"`;
    },
  );

  // The Zap editor loads the Pipeline dropdown, then the Stage dropdown for the pipeline picked (altersDynamicFields).
  const picked = await s.step(
    'Zap editor: Trainees pipeline and its stages',
    'pipeline_list + pipeline_stage_list',
    async () => {
      const pipelines = await runtime.trigger<{ id: string; name: string }>('pipeline_list');
      const trainees = pipelines.find((p) => p.name === 'Trainees');
      const stages = trainees
        ? await runtime.trigger<{ id: string; label: string; pipelineId: string }>('pipeline_stage_list', { pipelineId: trainees.id })
        : [];
      return { pipelineId: trainees?.id ?? '', stages };
    },
    async (r) => {
      const stored = (await world.pipelines()).find((p) => p.name === 'Trainees');
      s.check(Boolean(stored), 'the location has no "Trainees" pipeline');
      s.equal(r.pipelineId, stored?.id, 'Trainees pipeline id');
      s.equal(
        r.stages.map((st) => [st.id, st.label, st.pipelineId]),
        (stored?.stages ?? []).map((st) => [st.id, st.name, stored?.id]),
        'stages offered for Trainees',
      );
      return `Trainees: ${r.stages.map((st) => st.label).join(' › ')}`;
    },
  );
  const traineesId = picked?.pipelineId ?? '';
  const stageId = (label: string) => picked?.stages.find((st) => st.label === label)?.id ?? '';
  const completedFilter = { pipelineId: traineesId, pipelineStageId: stageId('Completed') };

  // Zapier's first poll of each trigger only fills its dedupe table.
  await s.step(
    'Turn on the HighLevel-side zaps',
    'contact, task, note, appointment, opportunity triggers',
    async () => {
      const polls = await Promise.all([
        ...['contact_new', 'contact_updated', 'task_new', 'note_new', 'appointment_new', 'appointment_updated', 'opportunity_new'].map((key) =>
          runtime.poll(key),
        ),
        runtime.poll('opportunity_stage_changed', completedFilter),
        runtime.poll('opportunity_status_changed', { status: 'won' }),
      ]);
      return polls;
    },
    (polls) => {
      s.check(
        polls.every((p) => p.length === 0),
        'a first poll passed items on instead of only filling the dedupe table',
      );
      return 'dedupe tables filled';
    },
  );

  // ---- TrainerCentral → HighLevel
  const [first, ...rest] = lena.name.split(' ');
  const traineeInput = { email: lena.email, firstName: first, lastName: rest.join(' '), source: 'TrainerCentral', tags: ['tc-learner'], country: 'GERMANY' };
  const created = await s.step(
    'TrainerCentral: new trainee → contact',
    'contact_find + contact_create',
    () => runtime.searchOrCreate<Rec>('contact_find', traineeInput),
    async (r) => {
      s.check(r.created, 'the trainee was found instead of created');
      const stored = await world.contactsByEmail(lena.email);
      s.equal(stored.length, 1, 'contacts with the trainee email');
      s.equal([stored[0]?.firstName, stored[0]?.lastName, stored[0]?.country, stored[0]?.source], ['Lena', 'Vogt', 'DE', 'TrainerCentral'], 'stored trainee');
      return `created ${str(r.result.id)}`;
    },
  );
  const contactId = str(created?.result.id);
  if (contactId) s.created.push(['contact', contactId]);

  // Course progress lands in the location's custom fields, chosen by label as a user does in the Zap editor.
  const enrollment = { completedLesson: '12', enrolledTime: '1717500000000', interest: 'Reformer' };
  await s.step(
    'TrainerCentral: course progress → custom fields',
    'contact_update (custom fields)',
    async () => {
      const inputs = await runtime.run<{ key: string; label?: string }[]>(contactCustomFieldInputs);
      const keyOf = (label: string) => inputs.find((i) => i.label === label)?.key;
      const [attended, started, interests] = [keyOf('Classes Attended'), keyOf('Membership Start'), keyOf('Interests')];
      if (!attended || !started || !interests) return { skipped: true, custom: {} as Rec };
      const out = await runtime.create<Rec>('contact_update', {
        contactId,
        [attended]: enrollment.completedLesson,
        [started]: enrollment.enrolledTime,
        [interests]: [enrollment.interest],
      });
      return { skipped: false, custom: (out.custom ?? {}) as Rec };
    },
    async (r) => {
      if (r.skipped) return 'skipped: the location has no Classes Attended / Membership Start / Interests fields';
      s.equal([r.custom.classes_attended, r.custom.membership_start, r.custom.interests], [12, '2024-06-04', ['Reformer']], 'custom values read back');
      const stored = await world.contact(contactId);
      s.equal((stored?.customFields as unknown[] | undefined)?.length, 3, 'custom values stored on the trainee');
      return 'Classes Attended 12, Membership Start 2024-06-04, Interests Reformer';
    },
  );

  const assignee = await world.userId();
  const due = new Date(Date.now() + 3 * 86400000).toISOString();
  await s.step(
    'TrainerCentral: trainee gets a task',
    'task_create',
    () =>
      runtime.create<Rec>('task_create', {
        contactId,
        title: 'Welcome call: Pilates Instructor Level 1',
        body: 'Call Lena before her first live session.',
        dueDate: due,
        assignedTo: assignee,
      }),
    async (r) => {
      const tasks = await world.tasksOf(contactId);
      s.equal(tasks.length, 1, 'tasks on the trainee');
      s.equal([tasks[0]?.title, tasks[0]?.assignedTo, tasks[0]?.completed], ['Welcome call: Pilates Instructor Level 1', assignee, false], 'stored task');
      // Sent to the second (HighLevel's own examples carry no milliseconds).
      s.check(Math.abs(new Date(str(tasks[0]?.dueDate)).getTime() - new Date(due).getTime()) < 1000, 'task due date changed on the way');
      return `task ${str(r.id)}`;
    },
  );

  await s.step(
    'TrainerCentral: session note',
    'note_create',
    () =>
      runtime.create<Rec>('note_create', {
        contactId,
        body: 'Enrolled in Pilates Instructor Level 1 via TrainerCentral.',
      }),
    async (r) => {
      const notes = await world.notesOf(contactId);
      s.equal(
        notes.map((n) => n.body),
        ['Enrolled in Pilates Instructor Level 1 via TrainerCentral.'],
        'notes on the trainee',
      );
      return `note ${str(r.id)}`;
    },
  );

  // A course enrolment opens the trainee's opportunity; Create or Update, so a replayed enrolment changes nothing.
  const enrolled = courseMember('0');
  const opened = await s.step(
    'TrainerCentral: enrolment → opportunity in Trainees',
    'opportunity_upsert',
    () =>
      runtime.create<Rec>('opportunity_upsert', {
        contactId,
        pipelineId: traineesId,
        pipelineStageId: stageId('Enrolled'),
        name: `${lena.name}: ${enrolled.courseName}`,
        monetaryValue: enrolled.totalRevenue,
        status: 'open',
      }),
    async (r) => {
      s.equal(r.isNew, true, 'opportunity created');
      const stored = await world.opportunitiesOf(contactId);
      s.equal(
        stored.map((o) => [o.pipelineId, o.pipelineStageId, o.name, o.monetaryValue, o.status]),
        [[traineesId, stageId('Enrolled'), 'Lena Vogt: Pilates Instructor Level 1', 104, 'open']],
        'opportunities of the trainee',
      );
      s.equal([r.pipelineName, r.stageName], ['Trainees', 'Enrolled'], 'names in the output');
      return `opportunity ${str(r.id)} in Trainees › Enrolled, value ${str(r.monetaryValue)}`;
    },
  );
  const traineeOpportunityId = str(opened?.id);
  if (traineeOpportunityId) s.created.push(['opportunity', traineeOpportunityId]);

  const calendarId = await world.calendarId();
  const session = workshop(nextSessionStart(new Date()));
  const booked = await s.step(
    'TrainerCentral: booked session → appointment',
    'appointment_create',
    () =>
      runtime.create<Rec>('appointment_create', {
        calendarId,
        contactId,
        startTime: session.scheduledTime,
        endTime: session.scheduledEndTime,
        timezone: session.timezone,
        title: session.name,
        address: session.joinURL,
      }),
    async (r) => {
      const stored = await world.appointment(str(r.id));
      s.check(Boolean(stored), 'the appointment is not in HighLevel');
      s.equal(new Date(str(stored?.startTime)).getTime(), Number(session.scheduledTime), 'appointment start instant');
      s.equal([stored?.contactId, stored?.calendarId], [contactId, calendarId], 'appointment contact and calendar');
      return `appointment ${str(r.id)} at ${str(r.startTime)}`;
    },
  );
  const appointmentId = str(booked?.id);
  if (appointmentId) s.created.push(['appointment', appointmentId]);

  await s.step(
    'TrainerCentral: same trainee again (no duplicate)',
    'contact_find + contact_create',
    () => runtime.searchOrCreate<Rec>('contact_find', traineeInput),
    async (r) => {
      s.check(!r.created, 'a second contact was created');
      s.equal(r.result.id, contactId, 'found contact');
      s.equal((await world.contactsByEmail(lena.email)).length, 1, 'contacts with the trainee email');
      return `found ${str(r.result.id)}`;
    },
  );

  // Appointment Updated ignores changes within a second of booking (they are the booking itself): reschedule later.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const moved = new Date(Number(session.scheduledTime) + 86400000);
  await s.step(
    'TrainerCentral: session moved a day',
    'appointment_update',
    () =>
      runtime.create<Rec>('appointment_update', {
        appointmentId,
        startTime: moved.toISOString(),
        endTime: new Date(moved.getTime() + 3600000).toISOString(),
      }),
    async () => {
      const stored = await world.appointment(appointmentId);
      s.equal(new Date(str(stored?.startTime)).getTime(), moved.getTime(), 'rescheduled start');
      return `moved to ${moved.toISOString()}`;
    },
  );

  await s.step(
    'TrainerCentral: session cancelled',
    'appointment_cancel',
    () => runtime.create<Rec>('appointment_cancel', { appointmentId }),
    async () => {
      const stored = await world.appointment(appointmentId);
      s.equal(stored?.appointmentStatus, 'cancelled', 'appointment status');
      return 'status cancelled';
    },
  );

  // Course Completed (the same course member at 100 %, a Filter step lets only that through): Find Opportunity by
  // contact and pipeline, then Update Opportunity to the Completed stage.
  const finished = courseMember('100');
  const found = await s.step(
    'TrainerCentral: course completed → find the opportunity',
    'opportunity_find',
    () => runtime.search<Rec>('opportunity_find', { contactId, pipelineId: traineesId }),
    (r) => {
      s.equal(
        r.map((o) => o.id),
        [traineeOpportunityId],
        'opportunities found',
      );
      return `found ${str(r[0]?.id)} (${str(r[0]?.stageName)})`;
    },
  );
  await s.step(
    'TrainerCentral: course completed → stage Completed',
    'opportunity_update',
    async () => {
      if (finished.completionPercentage !== '100') throw new Error('the Filter step stops enrolments that are not finished');
      return runtime.create<Rec>('opportunity_update', { opportunityId: str(found?.[0]?.id), pipelineId: traineesId, pipelineStageId: stageId('Completed') });
    },
    async (r) => {
      const stored = await world.opportunity(traineeOpportunityId);
      s.equal([stored?.pipelineStageId, stored?.status], [stageId('Completed'), 'open'], 'stage and status after the course');
      s.equal(r.stageName, 'Completed', 'stage name in the output');
      return `moved to ${str(r.pipelineName)} › ${str(r.stageName)}`;
    },
  );

  // ---- CentralStationCRM ⇄ HighLevel
  const upserted = await s.step(
    'CentralStationCRM: person updated → contact',
    'contact_upsert',
    () => runtime.create<Rec>('contact_upsert', flatPersonToContact(maxi)),
    async (r) => {
      const stored = await world.contactsByEmail(maxi.email);
      s.equal(stored.length, 1, 'contacts with the person email');
      s.equal([stored[0]?.phone, stored[0]?.city, str(stored[0]?.dateOfBirth).slice(0, 10)], ['+491711234567', 'Köln', '1988-05-12'], 'stored person');
      return `${r.isNew ? 'created' : 'updated'} ${str(r.id)}`;
    },
  );
  const maxiId = str(upserted?.id);
  if (maxiId) s.created.push(['contact', maxiId]);

  await s.step(
    'CentralStationCRM: person moved (same contact)',
    'contact_upsert',
    () => runtime.create<Rec>('contact_upsert', flatPersonToContact(person(runId, 'Bonn'))),
    async (r) => {
      s.equal([r.id, r.isNew], [maxiId, false], 'upsert result');
      const stored = await world.contactsByEmail(maxi.email);
      s.equal([stored.length, stored[0]?.city, stored[0]?.phone], [1, 'Bonn', '+491711234567'], 'updated person');
      return `updated city to ${str(r.city)}`;
    },
  );

  await s.step(
    'CentralStationCRM: tag added there',
    'contact_tag_add',
    () => runtime.create<Rec>('contact_tag_add', { contactId: maxiId, tags: [maxi.tag] }),
    async () => {
      const stored = await world.contact(maxiId);
      s.check(Array.isArray(stored?.tags) && (stored?.tags as string[]).includes(maxi.tag.toLowerCase()), `tag "${maxi.tag}" missing on the contact`);
      return `tags ${JSON.stringify(stored?.tags)}`;
    },
  );

  // A CentralStationCRM deal becomes an opportunity in Studio Memberships; the deal's id is kept in an opportunity
  // custom field (CentralStationCRM has no external id, partner-apps.md §2), so the won status can find its way back.
  const deal = newDeal();
  /** CentralStationCRM's side of the deal, which the way back updates. */
  const deals = new Map<number, Deal>([[deal.id, { ...deal }]]);
  const dealOpened = await s.step(
    'CentralStationCRM: new deal → opportunity',
    'opportunity_upsert (custom field)',
    async () => {
      const inputs = await runtime.run<{ key: string; label?: string }[]>(opportunityCustomFieldInputs);
      const dealField = inputs.find((i) => i.label === 'Deal Source')?.key;
      const out = await runtime.create<Rec>('opportunity_upsert', {
        contactId: maxiId,
        pipelineId: 'Studio Memberships',
        pipelineStageId: STAGE_OF_STATE[deal.current_state] ?? '',
        name: deal.name,
        monetaryValue: deal.value,
        ...(dealField ? { [dealField]: `${DEAL_ID_PREFIX}${deal.id}` } : {}),
      });
      return { out, custom: Boolean(dealField) };
    },
    async ({ out, custom }) => {
      const stored = await world.opportunitiesOf(maxiId);
      const pipeline = (await world.pipelines()).find((p) => p.name === 'Studio Memberships');
      const offerSent = pipeline?.stages.find((st) => st.name === 'Offer Sent')?.id;
      s.equal(
        stored.map((o) => [o.pipelineId, o.pipelineStageId, o.name, o.monetaryValue, o.status]),
        [[pipeline?.id, offerSent, deal.name, 4800, 'open']],
        'opportunities of the person',
      );
      if (custom) s.equal((out.custom as Rec | undefined)?.deal_source, `${DEAL_ID_PREFIX}${deal.id}`, 'deal id read back from the custom field');
      return `opportunity ${str(out.id)} in ${str(out.pipelineName)} › ${str(out.stageName)}${custom ? `, Deal Source "${DEAL_ID_PREFIX}${deal.id}"` : ''}`;
    },
  );
  const dealOpportunityId = str(dealOpened?.out.id);
  if (dealOpportunityId) s.created.push(['opportunity', dealOpportunityId]);

  // A CentralStationCRM protocol (note) and task, mapped as partner-apps.md §2 describes.
  const protocol = { name: 'Rückruf', content: 'Wants the Q3 workshop offer', confidential: false };
  await s.step(
    'CentralStationCRM: protocol → note',
    'note_create',
    () =>
      runtime.create<Rec>('note_create', {
        contactId: maxiId,
        title: protocol.name,
        body: protocol.content,
      }),
    async (r) => {
      const notes = await world.notesOf(maxiId);
      s.equal(
        notes.map((n) => [n.title, n.body]),
        [[protocol.name, protocol.content]],
        'notes on the person',
      );
      return `note ${str(r.id)}`;
    },
  );
  const cstask = { name: 'Angebot nachfassen', precise_time: '2026-12-20T09:30:00Z', finished: false, badge: 'call' };
  await s.step(
    'CentralStationCRM: task → task',
    'task_create',
    () =>
      runtime.create<Rec>('task_create', {
        contactId: maxiId,
        title: `${cstask.badge === 'call' ? 'Call: ' : ''}${cstask.name}`,
        dueDate: cstask.precise_time,
        completed: cstask.finished,
      }),
    async (r) => {
      const tasks = await world.tasksOf(maxiId);
      s.equal(
        tasks.map((t) => [t.title, new Date(str(t.dueDate)).toISOString(), t.completed]),
        [['Call: Angebot nachfassen', '2026-12-20T09:30:00.000Z', false]],
        'tasks on the person',
      );
      return `task ${str(r.id)}`;
    },
  );

  // The deal is won in HighLevel (the salesperson sets the status there; here through Update Opportunity) ...
  await pause(1100); // the status-change trigger ignores changes within a second of creation (they are the creation)
  await s.step(
    'HighLevel: deal won there',
    'opportunity_update',
    () => runtime.create<Rec>('opportunity_update', { opportunityId: dealOpportunityId, status: 'won' }),
    async () => {
      const stored = await world.opportunity(dealOpportunityId);
      s.equal(stored?.status, 'won', 'opportunity status');
      return 'status won';
    },
  );
  // ... and Opportunity Status Changed (Won) carries it back: the deal id from the custom field (else the deal's name),
  // then CentralStationCRM's PUT /api/deals/<id> with {"deal":{"current_state":"won"}}.
  await s.step(
    'HighLevel → CentralStationCRM: won status back to the deal',
    'opportunity_status_changed',
    async () => {
      const items = await runtime.poll<Rec & { id: string }>('opportunity_status_changed', { status: 'won' });
      for (const item of items) {
        const fromField = /(\d+)$/.exec(str((item.custom as Rec | undefined)?.deal_source))?.[1];
        const target = fromField ? deals.get(Number(fromField)) : [...deals.values()].find((d) => d.name === item.name);
        if (target && item.status === 'won') target.current_state = 'won';
      }
      return items;
    },
    (items) => {
      s.equal(
        items.map((i) => [i.opportunityId, i.status]),
        [[dealOpportunityId, 'won']],
        'status changes seen',
      );
      s.equal(deals.get(deal.id)?.current_state, 'won', 'CentralStationCRM deal state');
      return `deal ${deal.id}: current_state won`;
    },
  );

  await s.step(
    'CentralStationCRM: full HighLevel profile',
    'contact_profile',
    () => runtime.search<Rec>('contact_profile', { contactId }),
    (r) => {
      const profile = r[0] ?? {};
      s.equal(
        [profile.id, profile.taskCount, profile.noteCount, profile.appointmentCount, profile.opportunityCount, profile.openOpportunityValue],
        [contactId, 1, 1, 1, 1, 104],
        'profile counts',
      );
      return `${str(profile.taskCount)} task, ${str(profile.noteCount)} note, ${str(profile.appointmentCount)} appointment, ${str(profile.opportunityCount)} opportunity`;
    },
  );

  // ---- CentralStationCRM ⇄ HighLevel, both directions at once (docs/partner-zaps.md, "Two-way sync")
  const crm = new CentralStation();
  const twoWayZap = `cscrm-two-way-${runId}`;
  await s.step(
    'CentralStationCRM ⇄ HighLevel: turn on both zaps',
    'contact_updated (first poll)',
    async () => {
      const bonn = person(runId, 'Bonn');
      crm.create({
        first_name: bonn.first_name,
        name: bonn.name,
        emails: [{ name: bonn.email, primary: true }],
        tels: [{ name: bonn.tel, atype: 'mobile' }],
        addrs: [{ street: bonn.street, zip: bonn.zip, city: bonn.city, country_code: bonn.country_code, primary: true }],
        historic_events: [{ atype: 'birthday', name: bonn.birthday }],
        custom_fields: [{ custom_fields_type_name: 'ghl_contact_id', name: maxiId }],
        tags: [{ name: bonn.tag }],
      });
      crm.pollUpdated(true);
      return runtime.poll('contact_updated', {}, { zap: twoWayZap });
    },
    (items) => {
      s.check(items.length === 0, 'the first poll passed items on');
      return 'both dedupe tables filled';
    },
  );
  await s.step(
    'CentralStationCRM ⇄ HighLevel: a move settles after one round trip',
    'contact_upsert ⇄ contact_updated',
    async () => {
      const maxiThere = crm.findByEmail(maxi.email);
      if (maxiThere) crm.update(maxiThere.id, { addrs: [{ ...maxiThere.addrs[0], city: 'Düsseldorf', zip: '40213' }] });
      return runTwoWay(runtime, crm, { zap: twoWayZap, settle: () => world.settle() });
    },
    async (trip) => {
      // Round 1: the move goes to HighLevel, and HighLevel's change comes back (a write in CentralStationCRM).
      // Round 2: that write fires CentralStationCRM's trigger; the upsert changes nothing a person sees in HighLevel,
      // so New or Updated Contact fires nothing. Round 3: quiet.
      s.equal(
        trip.rounds,
        [
          [1, 1],
          [1, 0],
          [0, 0],
        ],
        'zap runs per round [CentralStationCRM → HighLevel, HighLevel → CentralStationCRM]',
      );
      s.check(trip.settled, 'the two zaps did not settle');
      const stored = await world.contact(maxiId);
      s.equal([stored?.city, crm.findByEmail(maxi.email)?.tels[0]?.name], ['Düsseldorf', '+491711234567'], 'both sides after the round trip');
      return trip.rounds.map(([a, b], i) => `round ${i + 1}: ${a}→HL ${b}→CS`).join(', ');
    },
  );

  // ---- HighLevel triggers see exactly what changed (Zapier polls minutes later: the search has caught up)
  await world.settle();
  await s.step(
    'HighLevel: New Contact trigger',
    'contact_new',
    () => runtime.poll<Rec & { id: string }>('contact_new'),
    (items) => {
      s.equal(items.map((i) => i.email).sort(), [lena.email, maxi.email].sort(), 'new contacts seen');
      return `${items.length} new`;
    },
  );
  await s.step(
    'HighLevel: New or Updated Contact trigger',
    'contact_updated',
    () => runtime.poll<Rec & { id: string }>('contact_updated'),
    (items) => {
      const ids = new Set(items.map((i) => str(i.contactId)));
      s.equal([...ids].sort(), [contactId, maxiId].sort(), 'contacts seen as new or updated');
      return `${items.length} changes on ${ids.size} contacts`;
    },
  );
  await s.step(
    'HighLevel: New Task trigger',
    'task_new',
    () => runtime.poll<Rec & { id: string }>('task_new'),
    (items) => {
      s.equal(items.map((i) => i.title).sort(), ['Call: Angebot nachfassen', 'Welcome call: Pilates Instructor Level 1'], 'new tasks seen');
      return `${items.length} new`;
    },
  );
  await s.step(
    'HighLevel: New Note trigger (location-wide)',
    'note_new',
    () => runtime.poll<Rec & { id: string }>('note_new'),
    (items) => {
      s.equal(items.map((i) => i.body).sort(), ['Enrolled in Pilates Instructor Level 1 via TrainerCentral.', protocol.content], 'new notes seen');
      return `${items.length} new`;
    },
  );

  await s.step(
    'HighLevel: New Appointment trigger',
    'appointment_new',
    () => runtime.poll<Rec & { id: string }>('appointment_new'),
    (items) => {
      s.equal(
        items.map((i) => i.id),
        [appointmentId],
        'new appointments seen',
      );
      return `${items.length} new`;
    },
  );
  await s.step(
    'HighLevel: Appointment Updated trigger',
    'appointment_updated',
    () => runtime.poll<Rec & { id: string }>('appointment_updated'),
    (items) => {
      s.check(items.length > 0 && items.every((i) => i.appointmentId === appointmentId), 'the rescheduled and cancelled appointment was not seen as updated');
      s.equal(items[0]?.appointmentStatus, 'cancelled', 'latest status seen');
      return `${items.length} update(s), latest ${str(items[0]?.appointmentStatus)}`;
    },
  );

  await s.step(
    'HighLevel: New Opportunity trigger',
    'opportunity_new',
    () => runtime.poll<Rec & { id: string }>('opportunity_new'),
    (items) => {
      s.equal(items.map((i) => i.id).sort(), [traineeOpportunityId, dealOpportunityId].sort(), 'new opportunities seen');
      return `${items.length} new`;
    },
  );
  await s.step(
    'HighLevel: Opportunity Stage Changed (Trainees › Completed)',
    'opportunity_stage_changed',
    () => runtime.poll<Rec & { id: string }>('opportunity_stage_changed', completedFilter),
    (items) => {
      s.equal(
        items.map((i) => [i.opportunityId, i.stageName]),
        [[traineeOpportunityId, 'Completed']],
        'stage changes seen',
      );
      return `${items.length} move(s) into Completed`;
    },
  );

  if (world.expireTokens) {
    const expire = world.expireTokens.bind(world);
    const before = runtime.authData.refresh_token;
    await s.step(
      'Access token expires → refresh, rotate, retry',
      'contact_find_by_id',
      () => {
        expire();
        return runtime.search<Rec>('contact_find_by_id', { contactId });
      },
      (r) => {
        s.equal(r[0]?.id, contactId, 'contact after refresh');
        s.check(runtime.authData.refresh_token !== before, 'the rotated refresh token was not stored');
        return `refreshed ${runtime.refreshes}×, new refresh token stored`;
      },
    );
  }
}
