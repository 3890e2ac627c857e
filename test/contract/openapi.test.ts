import type { Sandbox } from '../../sandbox';
import { startSandbox, VARIETY_SEEDS } from '../../sandbox';
import type { OpenApiContract, ValidationIssue } from '../helpers/openapi';
import { CONTRACT_SKIPPED, formatIssues, KNOWN_SPEC_GAPS, loadOpenApiContract, openApiDir } from '../helpers/openapi';
import { Client, first, tokenRequest } from '../sandbox/helpers';

/**
 * The sandbox's traffic checked against HighLevel's official OpenAPI specs. Set GHL_OPENAPI_DIR to a folder with
 * apps/*.json and common/ (e.g. ../shared/ghl-api/openapi beside the checkout). Known spec gaps: KNOWN_SPEC_GAPS in
 * test/helpers/openapi.ts (shared with whoever validates the app's requests from `sandbox.requests`).
 */
const dir = openApiDir();
const describeContract = dir ? describe : describe.skip;
if (!dir) console.log(`[contract] OpenAPI contract tests ${CONTRACT_SKIPPED}.`);

// Monday 2 March 2026, 08:00 in Berlin: free slots and bookings are predictable.
const NOW = Date.parse('2026-03-02T07:00:00.000Z');
const DAY = 86_400_000;

describeContract.each(VARIETY_SEEDS)(dir ? 'OpenAPI contract (official specs, seed %i)' : `OpenAPI contract: ${CONTRACT_SKIPPED} (seed %i)`, (seed) => {
  let contract: OpenApiContract;
  let sb: Sandbox;
  let api: Client;
  const usedGaps = new Set<string>();

  beforeAll(async () => {
    contract = await loadOpenApiContract(dir as string);
  });
  beforeEach(async () => {
    sb = await startSandbox({ contacts: 30, seed, now: () => new Date(NOW) });
    sb.state.appointments.clear();
    api = new Client(sb, sb.issueToken().access_token);
  });
  afterEach(async () => {
    await sb.stop();
  });

  /** Validates every logged request and response; returns the unexplained issues. */
  const checkLog = (opts: { requests?: boolean } = {}): ValidationIssue[] => {
    const issues: ValidationIssue[] = [];
    for (const entry of sb.requests) {
      const report = contract.validateLogEntry(entry);
      const parts = opts.requests === false ? [report.response] : [report.request, report.response];
      for (const part of parts) {
        if (!part) continue;
        issues.push(...part.issues);
        for (const { gap } of part.ignored) usedGaps.add(gap.id);
      }
    }
    return issues;
  };

  test('every route the sandbox serves validates (requests and responses)', async () => {
    const contact = first(sb.state.contacts);
    const calendar = first(sb.state.calendars);
    const business = first(sb.state.businesses);
    const field = [...sb.state.customFields.values()].find((f) => f.fieldKey === 'contact.t_shirt_size');
    const counter = [...sb.state.customFields.values()].find((f) => f.dataType === 'NUMERICAL');
    contact.businessId = business.id;
    contact.customFields = [{ id: counter?.id ?? '', value: 7 }];
    const loc = sb.locationId;

    const code = sb.createAuthCode();
    const token = await tokenRequest(sb, {
      client_id: sb.clientId,
      client_secret: sb.clientSecret,
      grant_type: 'authorization_code',
      code,
      user_type: 'Location',
    });
    await tokenRequest(sb, {
      client_id: sb.clientId,
      client_secret: sb.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: String(token.body.refresh_token),
      user_type: 'Location',
    });

    const created = await api.post<{ contact: { id: string } }>('/contacts/', {
      locationId: loc,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+4915112345678',
      tags: ['vip'],
      customFields: [{ id: field?.id, field_value: 'M' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.contact.id;
    await api.get(`/contacts/${id}`);
    await api.put(`/contacts/${id}`, { lastName: 'King', customFields: [{ id: counter?.id, field_value: 3 }] });
    await api.post('/contacts/upsert', { locationId: loc, email: 'ada@example.com', firstName: 'Augusta', dateOfBirth: '1990-09-25' });
    await api.get('/contacts/search/duplicate', { query: { locationId: loc, email: 'ada@example.com' } });
    await api.post('/contacts/search', {
      locationId: loc,
      pageLimit: 5,
      filters: [{ field: 'dateAdded', operator: 'range', value: { gte: '2025-01-01T00:00:00.000Z' } }],
      sort: [{ field: 'dateAdded', direction: 'desc' }],
    });
    await api.get('/contacts/', { query: { locationId: loc, limit: 5 } });
    await api.get(`/contacts/business/${business.id}`, { query: { locationId: loc, limit: '10', skip: '0' } });
    await api.post(`/contacts/${id}/tags`, { tags: ['new-tag'] });
    await api.delete(`/contacts/${id}/tags`, { tags: ['vip'] });

    const task = await api.post<{ task: { id: string } }>(`/contacts/${id}/tasks`, {
      title: 'Call',
      dueDate: '2026-03-05T17:00:00Z',
      completed: false,
      assignedTo: sb.userId,
    });
    const taskPath = `/contacts/${id}/tasks/${task.body.task.id}`;
    await api.get(`/contacts/${id}/tasks`);
    await api.get(taskPath);
    await api.put(taskPath, { title: 'Call again' });
    await api.put(`${taskPath}/completed`, { completed: true });
    await api.post(`/locations/${loc}/tasks/search`, { completed: true, limit: 10, skip: 0 });
    await api.delete(taskPath);

    const note = await api.post<{ note: { id: string } }>(`/contacts/${id}/notes`, { body: 'Hello', userId: sb.userId });
    const notePath = `/contacts/${id}/notes/${note.body.note.id}`;
    await api.get(`/contacts/${id}/notes`);
    await api.get(notePath);
    await api.put(notePath, { body: 'Hello again' });
    await api.delete(notePath);

    await api.get('/calendars/', { query: { locationId: loc } });
    await api.get(`/calendars/${calendar.id}`);
    await api.get(`/calendars/${calendar.id}/free-slots`, {
      query: { startDate: NOW, endDate: NOW + 3 * DAY, timezone: 'Europe/Berlin' },
    });
    const appt = await api.post<{ id: string }>('/calendars/events/appointments', {
      calendarId: calendar.id,
      locationId: loc,
      contactId: id,
      startTime: '2026-03-02T10:00:00+01:00',
      title: 'Intro',
      appointmentStatus: 'confirmed',
    });
    expect(appt.status).toBe(200);
    await api.put(`/calendars/events/appointments/${appt.body.id}`, { startTime: '2026-03-02T11:00:00+01:00' });
    await api.get(`/calendars/events/appointments/${appt.body.id}`);
    await api.get('/calendars/events', {
      query: { locationId: loc, calendarId: calendar.id, startTime: String(NOW - DAY), endTime: String(NOW + 7 * DAY) },
    });
    await api.get(`/contacts/${id}/appointments`);
    await api.delete(`/calendars/events/${appt.body.id}`, {});

    await api.get(`/locations/${loc}`);
    await api.get(`/locations/${loc}/tags`);
    const tag = await api.post<{ tag: { id: string } }>(`/locations/${loc}/tags`, { name: 'contract tag' });
    await api.get(`/locations/${loc}/tags/${tag.body.tag.id}`);
    await api.put(`/locations/${loc}/tags/${tag.body.tag.id}`, { name: 'contract tag 2' });
    await api.delete(`/locations/${loc}/tags/${tag.body.tag.id}`);
    await api.get(`/locations/${loc}/customFields`, { query: { model: 'contact' } });
    await api.get(`/locations/${loc}/customFields/${field?.id}`);
    await api.get('/users/', { query: { locationId: loc } });
    await api.get('/users/search', { query: { companyId: sb.companyId, locationId: loc, limit: '5', skip: '0' } });
    await api.get(`/users/${sb.userId}`);
    await api.get('/businesses/', { query: { locationId: loc, limit: '5', skip: '0' } });
    await api.get(`/businesses/${business.id}`);
    await api.delete(`/contacts/${id}`);

    expect(sb.requests.every((r) => r.status >= 200 && r.status < 300)).toBe(true);
    const issues = checkLog();
    expect(formatIssues(issues)).toBe('');
    expect(sb.requests.length).toBeGreaterThanOrEqual(45);
  });

  test('every opportunity, pipeline, workflow, campaign and form route validates (requests and responses)', async () => {
    const loc = sb.locationId;
    const contact = first(sb.state.contacts);
    const trainees = [...sb.state.sales.pipelines.values()].find((p) => p.name === 'Trainees');
    const field = [...sb.state.customFields.values()].find((f) => f.model === 'opportunity');
    const reason = first(sb.state.sales.lostReasons);
    const workflow = first(sb.state.automation.workflows);
    const campaign = first(sb.state.automation.campaigns);
    const form = first(sb.state.automation.forms);
    if (!trainees || !field) throw new Error('the sandbox seeds a Trainees pipeline and an opportunity custom field');

    await api.get('/opportunities/pipelines', { query: { locationId: loc } });
    await api.get('/opportunities/lost-reason', { query: { locationId: loc, skip: 0, limit: 10 } });
    const created = await api.post<{ opportunity: { id: string } }>('/opportunities/', {
      pipelineId: trainees.id,
      locationId: loc,
      name: 'Contract opportunity',
      status: 'open',
      contactId: contact.id,
      pipelineStageId: trainees.stages[0]?.id,
      monetaryValue: 104,
      assignedTo: sb.userId,
      customFields: [{ id: field.id, field_value: 'TrainerCentral' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.opportunity.id;
    await api.get(`/opportunities/${id}`);
    await api.put(`/opportunities/${id}`, { pipelineStageId: trainees.stages[2]?.id, monetaryValue: 120, customFields: [{ id: field.id, field_value: '12' }] });
    await api.post('/opportunities/upsert', {
      id,
      pipelineId: trainees.id,
      locationId: loc,
      followers: [sb.userId],
      isRemoveAllFollowers: false,
      followersActionType: 'add',
      name: 'Contract opportunity, upserted',
      status: 'open',
      pipelineStageId: trainees.stages[1]?.id,
      assignedTo: sb.userId,
    });
    await api.put(`/opportunities/${id}/status`, { status: 'lost', lostReasonId: reason.id });
    await api.get('/opportunities/search', {
      query: { location_id: loc, contact_id: contact.id, pipeline_id: trainees.id, status: 'all', order: 'added_desc', page: 1, limit: 100 },
    });
    await api.get('/opportunities/search', { query: { location_id: loc, limit: 2 } });
    await api.delete(`/opportunities/${id}`);

    await api.get('/workflows/', { query: { locationId: loc } });
    await api.post(`/contacts/${contact.id}/workflow/${workflow.id}`, { eventStartTime: '2026-03-03T09:00:00+01:00' });
    await api.delete(`/contacts/${contact.id}/workflow/${workflow.id}`, {});
    await api.get('/campaigns/', { query: { locationId: loc, status: 'published' } });
    await api.post(`/contacts/${contact.id}/campaigns/${campaign.id}`, {});
    await api.delete(`/contacts/${contact.id}/campaigns/${campaign.id}`);
    await api.delete(`/contacts/${contact.id}/campaigns/removeAll`);
    await api.get('/forms/', { query: { locationId: loc, skip: 0, limit: 50 } });
    sb.submitForm({ formId: form.id, contactId: contact.id, answers: { message: 'Hello' } });
    await api.get('/forms/submissions', { query: { locationId: loc, formId: form.id, startAt: '2026-02-01', endAt: '2026-03-02', page: 1, limit: 100 } });

    expect(sb.requests.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
    expect(formatIssues(checkLog())).toBe('');
  });

  test('error responses validate against the declared error schemas', async () => {
    const contact = first(sb.state.contacts);
    const other = [...sb.state.contacts.values()].find((c) => c.email && c.id !== contact.id);
    await api.post('/contacts/', { locationId: sb.locationId, email: other?.email }); // 400 duplicate
    await api.post('/contacts/', { locationId: sb.locationId, gender: 1 }); // 422
    await api.put(`/contacts/${contact.id}`, { gender: 'x' }); // 422 unknown property
    await api.get(`/contacts/${contact.id}`, { token: 'nope' }); // 401 invalid token
    await api.get(`/contacts/${contact.id}`, { token: sb.issueToken({ scopes: ['users.readonly'] }).access_token }); // 401 scope
    await api.get(`/contacts/${contact.id}`, { version: null }); // 400 version
    await tokenRequest(sb, { client_id: sb.clientId, client_secret: sb.clientSecret, grant_type: 'refresh_token', refresh_token: 'used' });
    await api.get('/contacts/AAAAAAAAAAAAAAAAAAAA'); // 404 (gap)
    await api.get('/locations/SomeOtherLocation000'); // 403 (gap)
    await api.get(`/calendars/${first(sb.state.calendars).id}/free-slots`, {
      query: { startDate: NOW, endDate: NOW + DAY, locationId: sb.locationId },
    }); // 422 undeclared (gap)
    sb.faults.tooManyRequests();
    await api.get(`/locations/${sb.locationId}`); // 429 (gap)
    expect(sb.requests.map((r) => r.status)).toEqual([400, 422, 422, 401, 401, 400, 400, 404, 403, 422, 429]);
    expect(formatIssues(checkLog({ requests: false }))).toBe('');
  });

  test('validateRequest flags a request the specs reject (for checking the app from sandbox.requests)', async () => {
    await api.post(`/contacts/${first(sb.state.contacts).id}/tasks`, { title: 'No due date', completed: false }, { version: null });
    const report = contract.validateLogEntry(sb.requests[0] as (typeof sb.requests)[number]);
    expect(report.request.operationId).toBe('create-task');
    const text = formatIssues(report.request.issues);
    expect(text).toContain('version');
    expect(text).toContain('dueDate');
    expect(contract.validateRequest({ method: 'GET', path: '/nowhere' }).issues[0]?.keyword).toBe('route');
    const bad = contract.validateResponse('GET', '/contacts/abc', 200, { contact: { id: 5, tags: 'vip' } });
    expect(bad.operationId).toBe('get-contact');
    expect(bad.issues.map((i) => i.instancePath)).toEqual(['/contact/id', '/contact/tags']);
  });

  test('every known spec gap is still needed', () => {
    // Runs last: the tests above record which gaps explained an issue.
    expect(KNOWN_SPEC_GAPS.map((g) => g.id).filter((id) => !usedGaps.has(id))).toEqual([]);
  });
});
