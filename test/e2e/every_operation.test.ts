import { VARIETY_SEEDS } from '../../sandbox';
import { App } from '../helpers/app';
import { dateProblems, operations, outputFieldProblems } from '../helpers/definition';
import { loadOpenApiContract, openApiDir, formatIssues, type ValidationIssue } from '../helpers/openapi';
import { connect, disconnect, type Connected } from './helpers';

/**
 * Every operation of the app, run once against the sandbox through the Zapier runtime (the offline stand-in for
 * Zapier's T001 check: each operation has a successful run). For each, the static sample's keys must all be in the
 * live result (T004), and with GHL_OPENAPI_DIR set every request and answer must match HighLevel's official specs.
 * A new operation fails the last test until it is added here.
 */
type Rec = Record<string, unknown>;
const keysOf = (group: 'triggers' | 'creates' | 'searches') => Object.keys((App as unknown as Record<string, Rec>)[group] ?? {});
const sampleOf = (group: 'triggers' | 'creates' | 'searches', key: string) =>
  ((App as unknown as Record<string, Record<string, { operation: { sample: Rec } }>>)[group][key].operation.sample ?? {}) as Rec;

const isHook = (key: string) => operations().some((o) => o.kind === 'trigger' && o.key === key && o.type === 'hook');

describe.each(VARIETY_SEEDS)('end to end: every operation against the sandbox (seed %i)', (seed) => {
  let c: Connected;
  const ran = new Set<string>();
  const missingSampleKeys: string[] = [];
  const missingNames: string[] = [];
  const liveProblems: string[] = [];
  const kindOf = { triggers: 'trigger', creates: 'create', searches: 'search' } as const;

  beforeAll(async () => {
    // Every operation back to back from one location is more than HighLevel's 100 requests per 10 s allow (a real
    // location spreads them over Zaps and minutes); the rate limit and its 429 handling are tested in auth_and_errors.
    c = await connect({ contacts: 60, rateLimit: false, seed });
  });
  afterAll(async () => {
    await disconnect(c);
  });

  /** Runs one operation and records which sample keys its result lacks. */
  const run = async <T extends Rec>(group: 'triggers' | 'creates' | 'searches', key: string, input: Rec = {}): Promise<T[]> => {
    const results: Rec[] =
      group === 'creates'
        ? [await c.runtime.create<Rec>(key, input)]
        : group === 'searches'
          ? await c.runtime.search<Rec>(key, input)
          : isHook(key)
            ? // An instant trigger's "Test trigger" runs performList; its hook perform runs in instant_triggers.test.ts.
              await c.runtime.hook<Rec[]>(key, 'performList', input, { limit: 100 }, {})
            : await c.runtime.trigger<Rec>(key, input, { limit: 100 });
    ran.add(`${group}.${key}`);
    const first = results[0];
    if (first) {
      const lacking = Object.keys(sampleOf(group, key)).filter((k) => !(k in first));
      if (lacking.length) missingSampleKeys.push(`${group}.${key}: ${lacking.join(', ')}`);
      // Names beside IDs (README "Names beside IDs"): where the output has the name key and the sandbox knows the
      // user or calendar, the name is filled in. The dropdown triggers have no name keys and are not held to it.
      const { users, calendars } = c.sandbox.state;
      for (const [idKey, nameKey, known] of [
        ['assignedTo', 'assignedToName', users],
        ['assignedUserId', 'assignedUserName', users],
        ['calendarId', 'calendarName', calendars],
      ] as const) {
        const id = first[idKey];
        if (nameKey in first && typeof id === 'string' && known.has(id) && !first[nameKey]) missingNames.push(`${group}.${key}: ${nameKey}`);
      }
      // T003 / T005: live dates are ISO-8601 with a zone; values match their output field's type.
      const op = operations().find((o) => o.kind === kindOf[group] && o.key === key);
      for (const problem of [...dateProblems(first), ...(op ? outputFieldProblems(op, first) : [])]) liveProblems.push(`${group}.${key}: ${problem}`);
    }
    return results as T[];
  };

  it('runs every trigger, action and search with a successful result', async () => {
    const { state } = c.sandbox;
    const tag = [...state.tags.values()][0].name;
    const business = [...state.businesses.values()][0].id;
    const calendarId = [...state.calendars.values()][0].id;

    // Dropdowns and triggers on the seeded location.
    for (const key of [
      'user_list',
      'tag_list',
      'business_list',
      'contact_list',
      'calendar_list',
      'appointment_list',
      'contact_new',
      'contact_updated',
      'task_new',
      'task_completed',
      'task_updated',
      'note_new',
      'note_updated',
      'appointment_new',
      'appointment_updated',
    ]) {
      await run('triggers', key);
    }
    await run('triggers', 'contact_tag_added', { tag });
    for (const key of [
      'contact_new_instant',
      'contact_updated_instant',
      'contact_deleted_instant',
      'task_new_instant',
      'task_completed_instant',
      'note_new_instant',
      'note_updated_instant',
      'appointment_new_instant',
      'appointment_updated_instant',
      'appointment_deleted_instant',
    ]) {
      await run('triggers', key);
    }
    await run('triggers', 'contact_tag_added_instant', { tag });
    await run('triggers', 'contact_tag_removed_instant', { tag });

    // A contact's whole life: create, find, update, upsert, tags.
    const [contact] = await run<{ id: string }>('creates', 'contact_create', {
      email: 'every.op@example.com',
      firstName: 'Every',
      lastName: 'Operation',
      tags: ['e2e'],
    });
    const contactId = contact.id;
    await run('searches', 'contact_find', { email: 'every.op@example.com' });
    await run('searches', 'contact_find_by_id', { contactId });
    await run('searches', 'contact_find_by_business', { businessId: business });
    const fields = await run<{ id: string; dataType: string }>('triggers', 'custom_field_list');
    const textField = fields.find((f) => f.dataType === 'TEXT');
    if (!textField) throw new Error('the sandbox seeds a TEXT custom field');
    await run('creates', 'contact_update', { contactId, [`cf_${textField.id}`]: 'every-op' });
    // Contact search lags writes (docs/highlevel-api.md §14.10): right after the update it does not find the value yet.
    const findByField = () => c.runtime.search<{ id: string }>('contact_find_by_custom_field', { customFieldId: textField.id, value: 'every-op' });
    expect(await findByField()).toEqual([]);
    c.sandbox.catchUpSearch();
    const byField = await run<{ id: string }>('searches', 'contact_find_by_custom_field', { customFieldId: textField.id, value: 'every-op' });
    expect(byField.map((x) => x.id)).toEqual([contactId]);
    await run('creates', 'contact_update', { contactId, city: 'Köln' });
    await run('creates', 'contact_upsert', { email: 'every.op@example.com', postalCode: '50667' });
    await run('creates', 'contact_tag_add', { contactId, tags: ['vip'] });
    await run('creates', 'contact_tag_remove', { contactId, tags: ['e2e'] });
    await run('creates', 'tag_create', { name: 'every-op' });

    // Tasks and notes on it.
    const [task] = await run<{ id: string }>('creates', 'task_create', { contactId, title: 'Call back', dueDate: '2030-01-07 10:00' });
    await run('triggers', 'task_list', { contactId });
    await run('searches', 'task_find', { contactId, title: 'call' });
    await run('creates', 'task_update', { contactId, taskId: task.id, body: 'About the Level 2 bundle' });
    await run('creates', 'task_complete', { contactId, taskId: task.id });
    const [note] = await run<{ id: string }>('creates', 'note_create', { contactId, body: 'First session went well.' });
    await run('triggers', 'note_list', { contactId });
    await run('searches', 'note_find', { contactId, text: 'session' });
    await run('creates', 'note_update', { contactId, noteId: note.id, title: 'Session 1' });

    // An appointment: free slot, book, find, reschedule, cancel, delete.
    const [slots] = await run<{ firstSlot: string }>('searches', 'calendar_free_slots', {
      calendarId,
      startDate: '2030-01-07',
      endDate: '2030-01-11',
      timeZone: 'Europe/Berlin',
    });
    const [booked] = await run<{ id: string }>('creates', 'appointment_create', { calendarId, contactId, startTime: slots.firstSlot, title: 'Intro session' });
    await run('searches', 'appointment_find', { appointmentId: booked.id });
    await run('searches', 'appointment_find_by_contact', { contactId });
    await run('searches', 'contact_profile', { contactId });
    await run('creates', 'appointment_update', { appointmentId: booked.id, title: 'Intro session (moved)' });
    await run('creates', 'appointment_cancel', { appointmentId: booked.id });
    await run('creates', 'appointment_delete', { appointmentId: booked.id });

    // The sales pipeline: dropdowns, an opportunity's life, triggers on the seeded ones, workflows and campaigns, forms.
    for (const key of [
      'pipeline_list',
      'lost_reason_list',
      'opportunity_list',
      'opportunity_new',
      'opportunity_stage_changed',
      'opportunity_status_changed',
      'opportunity_new_instant',
      'opportunity_stage_changed_instant',
      'opportunity_status_changed_instant',
    ]) {
      await run('triggers', key);
    }
    const trainees = [...state.sales.pipelines.values()].find((p) => p.name === 'Trainees');
    if (!trainees) throw new Error('the sandbox seeds a Trainees pipeline');
    await run('triggers', 'pipeline_stage_list', { pipelineId: trainees.id });
    const [opportunity] = await run<{ id: string }>('creates', 'opportunity_create', {
      contactId,
      pipelineId: trainees.id,
      name: 'Every Operation: Level 1',
      monetaryValue: '480',
    });
    await run('searches', 'opportunity_find', { contactId, pipelineId: trainees.id });
    await run('creates', 'opportunity_update', { opportunityId: opportunity.id, pipelineStageId: 'In Progress', pipelineId: trainees.id });
    await run('creates', 'opportunity_upsert', { contactId, pipelineId: trainees.id, name: 'Every Operation: Level 1', status: 'won' });
    await run('creates', 'opportunity_delete', { opportunityId: opportunity.id });
    expect(state.sales.opportunities.has(opportunity.id)).toBe(false);
    const [workflow] = await run<{ id: string }>('triggers', 'workflow_list');
    await run('creates', 'contact_workflow_add', { contactId, workflowId: workflow.id });
    await run('creates', 'contact_workflow_remove', { contactId, workflowId: workflow.id });
    const [campaign] = await run<{ id: string }>('triggers', 'campaign_list');
    await run('creates', 'contact_campaign_add', { contactId, campaignId: campaign.id });
    await run('creates', 'contact_campaign_remove', { contactId, campaignId: campaign.id });
    await run('triggers', 'form_list');
    await run('triggers', 'form_submission_new');
    const [request] = await run<{ status: number }>('creates', 'api_request', { method: 'GET', path: '/opportunities/pipelines' });
    expect(request.status).toBe(200);

    // And the deletes last.
    await run('creates', 'note_delete', { contactId, noteId: note.id });
    await run('creates', 'task_delete', { contactId, taskId: task.id });
    await run('creates', 'contact_delete', { contactId });
    expect(state.contacts.has(contactId)).toBe(false);
  });

  it("every static sample's keys are in the live result (T004)", () => {
    expect(missingSampleKeys).toEqual([]);
  });

  it('live results name the assigned user and the calendar the sandbox knows', () => {
    expect(missingNames).toEqual([]);
  });

  it('live results have ISO-8601 dates with a zone and values of their output field types (T003, T005)', () => {
    expect(liveProblems).toEqual([]);
  });

  it('covers every operation the app has', () => {
    const all = [
      ...keysOf('triggers').map((k) => `triggers.${k}`),
      ...keysOf('creates').map((k) => `creates.${k}`),
      ...keysOf('searches').map((k) => `searches.${k}`),
    ];
    expect(all.filter((k) => !ran.has(k))).toEqual([]);
  });

  (openApiDir() ? it : it.skip)('sent only requests the official OpenAPI specs accept, and got answers they describe', async () => {
    const contract = await loadOpenApiContract(openApiDir() as string);
    const issues: ValidationIssue[] = [];
    for (const entry of c.sandbox.requests.filter((e) => !e.path.endsWith('/oauth/chooselocation'))) {
      const report = contract.validateLogEntry(entry);
      for (const part of [report.request, report.response]) if (part) issues.push(...part.issues);
    }
    expect(formatIssues(issues)).toBe(formatIssues([]));
  });
});
