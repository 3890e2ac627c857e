import type { Sandbox, SandboxWebhooks, WebhookLogEntry } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { Client, first } from './helpers';
import { Receiver, signatureValid } from './webhook_receiver';
import { DOC_SHAPES, shapeProblems } from './webhook_shapes';

/**
 * Which API writes send which HighLevel events, and that every body has every field of the official doc example
 * with the right JSON type (test/sandbox/webhook_shapes.ts). The choices where the docs are silent are in
 * sandbox/README.md "Webhooks".
 */

let receiver: Receiver;
let sb: Sandbox;
let api: Client;
let hooks: SandboxWebhooks;
let seen = 0;

beforeEach(async () => {
  receiver = await Receiver.start();
  // The documented TaskCreate and contact bodies (the doc shapes below); the other readings have their own tests.
  sb = await startSandbox({
    contacts: 5,
    webhooks: { url: receiver.url, retryDelayMs: 10 },
    variety: { taskCreateEvent: 'documented', contactNameCase: 'kept' },
  });
  if (!sb.webhooks) throw new Error('webhooks were not enabled');
  hooks = sb.webhooks;
  api = new Client(sb, sb.issueToken().access_token);
  seen = 0;
});

afterEach(async () => {
  await sb.stop();
  await receiver.stop();
});

/** The events emitted since the last call, in emission order, once all are delivered; each checked on arrival. */
async function newEvents(): Promise<WebhookLogEntry[]> {
  await hooks.idle();
  const entries = hooks.log.slice(seen);
  seen = hooks.log.length;
  for (const entry of entries) {
    expect(entry.outcome).toBe('delivered');
    const arrived = receiver.attemptsOf(entry.webhookId);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]?.rawBody).toBe(entry.rawBody);
    expect(signatureValid(hooks.publicKey, entry.rawBody, arrived[0]?.headers['x-ghl-signature'])).toBe(true);
  }
  return entries;
}

function types(entries: WebhookLogEntry[]): string[] {
  return entries.map((e) => e.type);
}

function expectDocShape(entry: WebhookLogEntry | undefined): void {
  if (!entry) throw new Error('missing event');
  const shape = DOC_SHAPES[entry.type];
  if (!shape) throw new Error(`no doc shape for ${entry.type}`);
  expect({ type: entry.type, problems: shapeProblems(JSON.parse(entry.rawBody), shape) }).toEqual({ type: entry.type, problems: [] });
}

const DND = { status: 'active', message: 'Opted out at the desk', code: '101' };
const FULL_DND = { SMS: DND, Call: DND, Email: DND, GMB: DND, FB: DND, WhatsApp: DND };

function fullContact(): Record<string, unknown> {
  const field = [...sb.state.customFields.values()].find((f) => f.fieldKey === 'contact.emergency_contact');
  return {
    locationId: sb.locationId,
    firstName: 'Greta',
    lastName: 'Lindqvist',
    name: 'Greta Lindqvist',
    email: 'greta.lindqvist@example.com',
    phone: '+4915112345678',
    address1: 'Kastanienallee 12',
    city: 'Berlin',
    state: 'Berlin',
    postalCode: '10435',
    country: 'DE',
    website: 'https://greta.example',
    companyName: 'Nordlicht Studio',
    source: 'zapier',
    dateOfBirth: '1990-04-12',
    assignedTo: sb.userId,
    tags: ['VIP', 'reformer'],
    dnd: true,
    dndSettings: FULL_DND,
    customFields: [{ id: field?.id, field_value: 'Lars Lindqvist' }],
  };
}

describe('webhook events from contact writes', () => {
  test('create with tags and dnd: ContactCreate, ContactTagUpdate, ContactDndUpdate, each with the documented shape', async () => {
    const res = await api.post<{ contact: { id: string } }>('/contacts/', fullContact());
    expect(res.status).toBe(201);
    const events = await newEvents();
    expect(types(events)).toEqual(['ContactCreate', 'ContactTagUpdate', 'ContactDndUpdate']);
    events.forEach(expectDocShape);
    expect(events[0]?.payload).toMatchObject({ id: res.body.contact.id, locationId: sb.locationId, tags: ['vip', 'reformer'] });
    expect(events[2]?.payload.dndSettings).toEqual(FULL_DND);
  });

  test('update: ContactUpdate even when nothing changed; with tags also ContactTagUpdate (full list); dnd → ContactDndUpdate', async () => {
    const id = (await api.post<{ contact: { id: string } }>('/contacts/', fullContact())).body.contact.id;
    await newEvents();
    await api.put(`/contacts/${id}`, { firstName: 'Greta' });
    expect(types(await newEvents())).toEqual(['ContactUpdate']);
    await api.put(`/contacts/${id}`, { city: 'Potsdam', tags: ['vip', 'mat class'] });
    const tagged = await newEvents();
    expect(types(tagged)).toEqual(['ContactUpdate', 'ContactTagUpdate']);
    tagged.forEach(expectDocShape);
    expect(tagged[1]?.payload).toMatchObject({ city: 'Potsdam', tags: ['vip', 'mat class'] });
    await api.put(`/contacts/${id}`, { dnd: false });
    expect(types(await newEvents())).toEqual(['ContactUpdate', 'ContactDndUpdate']);
    // issue #264: inbound DND settings alone fire no ContactDndUpdate.
    await api.put(`/contacts/${id}`, { inboundDndSettings: { all: { status: 'active' } } });
    expect(types(await newEvents())).toEqual(['ContactUpdate']);
  });

  test('tag endpoints: ContactTagUpdate with the full list, then ContactUpdate; also when nothing changed', async () => {
    const id = (await api.post<{ contact: { id: string } }>('/contacts/', fullContact())).body.contact.id;
    await newEvents();
    await api.post(`/contacts/${id}/tags`, { tags: ['Prenatal'] });
    const added = await newEvents();
    expect(types(added)).toEqual(['ContactTagUpdate', 'ContactUpdate']);
    expectDocShape(added[0]);
    expect(added[0]?.payload.tags).toEqual(['vip', 'reformer', 'prenatal']);
    await api.delete(`/contacts/${id}/tags`, { tags: ['vip', 'not-there'] });
    expect((await newEvents()).map((e) => [e.type, e.payload.tags])).toEqual([
      ['ContactTagUpdate', ['reformer', 'prenatal']],
      ['ContactUpdate', ['reformer', 'prenatal']],
    ]);
    await api.delete(`/contacts/${id}/tags`, { tags: ['not-there'] });
    expect(types(await newEvents())).toEqual(['ContactTagUpdate', 'ContactUpdate']);
  });

  test('upsert: ContactCreate for a new contact, ContactUpdate for a match', async () => {
    const body = { locationId: sb.locationId, email: 'new.person@example.com', firstName: 'New' };
    await api.post('/contacts/upsert', body);
    expect(types(await newEvents())).toEqual(['ContactCreate']);
    await api.post('/contacts/upsert', { ...body, lastName: 'Person', tags: ['trial'] });
    expect(types(await newEvents())).toEqual(['ContactUpdate', 'ContactTagUpdate']);
  });

  test('delete: ContactDelete with the contact as it was', async () => {
    const id = (await api.post<{ contact: { id: string } }>('/contacts/', fullContact())).body.contact.id;
    await newEvents();
    await api.delete(`/contacts/${id}`);
    const events = await newEvents();
    expect(types(events)).toEqual(['ContactDelete']);
    expectDocShape(events[0]);
    expect(events[0]?.payload).toMatchObject({ id, email: 'greta.lindqvist@example.com' });
  });

  test('absent fields are omitted, never null', async () => {
    await api.post('/contacts/', { locationId: sb.locationId, email: 'bare@example.com' });
    const payload = (await newEvents())[0]?.payload ?? {};
    expect(payload).toMatchObject({ email: 'bare@example.com', tags: [], attachments: [], customFields: [], dnd: false });
    expect(Object.values(payload)).not.toContain(null);
    expect(payload).not.toHaveProperty('firstName');
    expect(payload).not.toHaveProperty('phone');
  });
});

describe('webhook events from tasks, notes and appointments', () => {
  test('tasks: TaskCreate; TaskComplete on every write of completed: true; no event for other updates; TaskDelete', async () => {
    const contactId = first(sb.state.contacts).id;
    const base = `/contacts/${contactId}/tasks`;
    const task = { title: 'Call back', body: 'About the intro offer', dueDate: '2026-03-05T17:00:00Z', assignedTo: sb.userId };
    const created = await api.post<{ task: { id: string } }>(base, { ...task, completed: false });
    const events = await newEvents();
    expect(types(events)).toEqual(['TaskCreate']);
    expectDocShape(events[0]);
    expect(events[0]?.payload).toMatchObject({ id: created.body.task.id, contactId, title: 'Call back' });
    const id = created.body.task.id;
    await api.put(`${base}/${id}`, { title: 'Call back soon' });
    expect(types(await newEvents())).toEqual([]);
    await api.put(`${base}/${id}/completed`, { completed: true });
    const done = await newEvents();
    expect(types(done)).toEqual(['TaskComplete']);
    expectDocShape(done[0]);
    await api.put(`${base}/${id}`, { completed: true });
    expect(types(await newEvents())).toEqual(['TaskComplete']);
    await api.put(`${base}/${id}/completed`, { completed: false });
    expect(types(await newEvents())).toEqual([]);
    await api.delete(`${base}/${id}`);
    const deleted = await newEvents();
    expect(types(deleted)).toEqual(['TaskDelete']);
    expectDocShape(deleted[0]);
    await api.post(base, { ...task, completed: true });
    expect(types(await newEvents())).toEqual(['TaskCreate', 'TaskComplete']);
  });

  test('TaskCreate as live events arrive (issue #332, by seed): no contactId and no body; TaskComplete keeps both', async () => {
    await sb.stop();
    sb = await startSandbox({ contacts: 5, webhooks: { url: receiver.url, retryDelayMs: 10 }, variety: { taskCreateEvent: 'thin' } });
    if (!sb.webhooks) throw new Error('webhooks were not enabled');
    hooks = sb.webhooks;
    api = new Client(sb, sb.issueToken().access_token);
    seen = 0;
    const contactId = first(sb.state.contacts).id;
    const created = await api.post<{ task: { id: string } }>(`/contacts/${contactId}/tasks`, {
      title: 'Call back',
      body: 'About the intro offer',
      dueDate: '2026-03-05T17:00:00Z',
      completed: true,
    });
    const events = await newEvents();
    expect(types(events)).toEqual(['TaskCreate', 'TaskComplete']);
    expect(events[0]?.payload).toMatchObject({ id: created.body.task.id, title: 'Call back' });
    expect(events[0]?.payload).not.toHaveProperty('contactId');
    expect(events[0]?.payload).not.toHaveProperty('body');
    expect(events[1]?.payload).toMatchObject({ id: created.body.task.id, contactId, body: 'About the intro offer' });
  });

  test('contact events as test events arrive (issue 21, by seed): a lower-cased contactName in place of name, real-case parts', async () => {
    await sb.stop();
    sb = await startSandbox({ contacts: 5, webhooks: { url: receiver.url, retryDelayMs: 10 }, variety: { contactNameCase: 'lower' } });
    if (!sb.webhooks) throw new Error('webhooks were not enabled');
    hooks = sb.webhooks;
    api = new Client(sb, sb.issueToken().access_token);
    seen = 0;
    const created = await api.post<{ contact: { id: string } }>('/contacts/', {
      locationId: sb.locationId,
      firstName: 'John',
      lastName: 'McDoe',
      email: 'john.mcdoe@example.com',
    });
    const [event] = await newEvents();
    expect(event?.type).toBe('ContactCreate');
    expect(event?.payload).toMatchObject({ id: created.body.contact.id, contactName: 'john mcdoe', firstName: 'John', lastName: 'McDoe' });
    expect(event?.payload).not.toHaveProperty('name');
  });

  test('notes: NoteCreate, NoteUpdate (also for a no-op), NoteDelete; only id, body, contactId, dateAdded', async () => {
    const contactId = first(sb.state.contacts).id;
    const created = await api.post<{ note: { id: string } }>(`/contacts/${contactId}/notes`, { body: 'Prefers mornings', userId: sb.userId });
    const id = created.body.note.id;
    await api.put(`/contacts/${contactId}/notes/${id}`, { body: 'Prefers mornings' });
    await api.delete(`/contacts/${contactId}/notes/${id}`);
    const events = await newEvents();
    expect(types(events)).toEqual(['NoteCreate', 'NoteUpdate', 'NoteDelete']);
    events.forEach(expectDocShape);
    expect(Object.keys(events[0]?.payload ?? {}).sort()).toEqual([
      'appId',
      'body',
      'contactId',
      'dateAdded',
      'id',
      'locationId',
      'timestamp',
      'type',
      'versionId',
      'webhookId',
    ]);
  });

  test('appointments: AppointmentCreate, AppointmentUpdate, AppointmentDelete with the nested appointment', async () => {
    const calendar = first(sb.state.calendars);
    const created = await api.post<{ id: string }>('/calendars/events/appointments', {
      calendarId: calendar.id,
      locationId: sb.locationId,
      contactId: first(sb.state.contacts).id,
      startTime: '2026-03-02T09:00:00+01:00',
      address: 'Torstraße 101, Berlin',
      description: 'Bring a towel',
      ignoreFreeSlotValidation: true,
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    await api.put(`/calendars/events/appointments/${id}`, { appointmentStatus: 'showed' });
    await api.delete(`/calendars/events/${id}`, {});
    const events = await newEvents();
    expect(types(events)).toEqual(['AppointmentCreate', 'AppointmentUpdate', 'AppointmentDelete']);
    events.forEach(expectDocShape);
    expect(events[0]?.payload.appointment).toMatchObject({ id, notes: 'Bring a towel', source: 'third_party', users: [expect.any(String)] });
    expect(events[1]?.payload.appointment).toMatchObject({ id, appointmentStatus: 'showed' });
  });
});

describe('webhook events from opportunity writes', () => {
  /** A contact with no opportunity yet in the first pipeline (the seed allows one per contact and pipeline). */
  const freeContact = (pipelineId: string): string => {
    const taken = new Set([...sb.state.sales.opportunities.values()].filter((o) => o.pipelineId === pipelineId).map((o) => o.contactId));
    const contact = [...sb.state.contacts.values()].find((c) => !taken.has(c.id));
    if (!contact) throw new Error('every seeded contact has an opportunity in the pipeline');
    return contact.id;
  };

  test('create, stage move, status change, update, delete: the documented flat body under each type, as of the write', async () => {
    const pipeline = first(sb.state.sales.pipelines);
    const [enrolled, next] = pipeline.stages;
    const contactId = freeContact(pipeline.id);
    const created = await api.post<{ opportunity: { id: string; createdAt: string } }>('/opportunities/', {
      pipelineId: pipeline.id,
      locationId: sb.locationId,
      name: 'Webhook deal',
      status: 'open',
      contactId,
      monetaryValue: 250,
      assignedTo: sb.userId,
    });
    expect(created.status).toBe(201);
    const { id, createdAt } = created.body.opportunity;
    const opened = await newEvents();
    expect(types(opened)).toEqual(['OpportunityCreate']);
    expectDocShape(opened[0]);
    expect(opened[0]?.payload).toMatchObject({
      type: 'OpportunityCreate',
      locationId: sb.locationId,
      id,
      contactId,
      assignedTo: sb.userId,
      monetaryValue: 250,
      name: 'Webhook deal',
      pipelineId: pipeline.id,
      pipelineStageId: enrolled.id,
      status: 'open',
      dateAdded: createdAt,
    });
    // Only the documented fields (and the envelope): no change dates, custom values or lost reason.
    expect(Object.keys(opened[0]?.payload ?? {}).sort()).toEqual([...Object.keys(DOC_SHAPES.OpportunityCreate), 'appId', 'versionId'].sort());

    await api.put(`/opportunities/${id}`, { pipelineStageId: next.id });
    const moved = await newEvents();
    expect(types(moved)).toEqual(['OpportunityUpdate', 'OpportunityStageUpdate']);
    moved.forEach(expectDocShape);
    expect(moved[1]?.payload).toMatchObject({ id, pipelineStageId: next.id, status: 'open' });

    await api.put(`/opportunities/${id}/status`, { status: 'won' });
    const won = await newEvents();
    expect(types(won)).toEqual(['OpportunityUpdate', 'OpportunityStatusUpdate']);
    won.forEach(expectDocShape);
    expect(won[1]?.payload).toMatchObject({ id, status: 'won', pipelineStageId: next.id });

    await api.put(`/opportunities/${id}`, { status: 'lost', name: 'Webhook deal (lost)' });
    const lost = await newEvents();
    expect(types(lost)).toEqual(['OpportunityUpdate', 'OpportunityStatusUpdate']);
    expect(lost[1]?.payload).toMatchObject({ status: 'lost', name: 'Webhook deal (lost)' });

    await api.put(`/opportunities/${id}`, { monetaryValue: 300 });
    expect(types(await newEvents())).toEqual(['OpportunityUpdate']);

    await api.delete(`/opportunities/${id}`);
    const deleted = await newEvents();
    expect(types(deleted)).toEqual(['OpportunityDelete']);
    expectDocShape(deleted[0]);
    expect(deleted[0]?.payload).toMatchObject({ id, status: 'lost', monetaryValue: 300 });
  });

  test('writes that change nothing still send their events: the stage and the status it already had', async () => {
    const opportunity = first(sb.state.sales.opportunities);
    const before = { ...opportunity };
    await api.put(`/opportunities/${opportunity.id}`, { pipelineStageId: opportunity.pipelineStageId });
    expect(types(await newEvents())).toEqual(['OpportunityUpdate', 'OpportunityStageUpdate']);
    await api.put(`/opportunities/${opportunity.id}/status`, { status: opportunity.status });
    const same = await newEvents();
    expect(types(same)).toEqual(['OpportunityUpdate', 'OpportunityStatusUpdate']);
    expect(same[1]?.payload).toMatchObject({ status: before.status });
    // The record's change dates did not move: only a receiver that compares can tell these apart from a change.
    expect(sb.state.sales.opportunities.get(opportunity.id)).toMatchObject({
      lastStageChangeAt: before.lastStageChangeAt,
      lastStatusChangeAt: before.lastStatusChangeAt,
    });
  });

  test('a write HighLevel refuses sends nothing', async () => {
    const opportunity = first(sb.state.sales.opportunities);
    const other = [...sb.state.sales.pipelines.values()].find((p) => p.id !== opportunity.pipelineId);
    const res = await api.put(`/opportunities/${opportunity.id}`, { pipelineStageId: other?.stages[0]?.id ?? 'nope' });
    expect(res.status).toBe(400);
    expect(types(await newEvents())).toEqual([]);
  });
});

describe('INSTALL, UNINSTALL and writes that fail', () => {
  test('consent sends INSTALL; install() too; uninstall() sends UNINSTALL and ends every token', async () => {
    const url = new URL(sb.authorizeUrl);
    url.search = new URLSearchParams({ response_type: 'code', client_id: sb.clientId, redirect_uri: 'https://zapier.com/cb' }).toString();
    const consent = await fetch(url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    hooks.install();
    const installs = await newEvents();
    expect(types(installs)).toEqual(['INSTALL', 'INSTALL']);
    installs.forEach(expectDocShape);
    expect(installs[0]?.payload).toMatchObject({ appId: hooks.appId, locationId: sb.locationId, companyId: sb.companyId, userId: sb.userId });
    hooks.uninstall();
    const gone = await newEvents();
    expect(types(gone)).toEqual(['UNINSTALL']);
    expectDocShape(gone[0]);
    expect((await api.get(`/contacts/${first(sb.state.contacts).id}`)).status).toBe(401);
  });

  test('a write that fails (validation, scope, fault) sends nothing', async () => {
    const contactId = first(sb.state.contacts).id;
    expect((await api.post('/contacts/', { locationId: sb.locationId, email: 'not-an-email' })).status).toBe(422);
    const readOnly = new Client(sb, sb.issueToken({ scopes: ['contacts.readonly'] }).access_token);
    expect((await readOnly.put(`/contacts/${contactId}`, { firstName: 'X' })).status).toBe(401);
    sb.faults.serverError(503, { path: '/contacts/' });
    expect((await api.post('/contacts/', { locationId: sb.locationId, firstName: 'X' })).status).toBe(503);
    expect((await api.put(`/contacts/${contactId}/tasks/nope`, { title: 'X' })).status).toBe(404);
    expect(await newEvents()).toEqual([]);
    // A malformed-JSON fault still runs the write, so its event is sent.
    sb.faults.malformedJson({ path: '/contacts/' });
    await api.post('/contacts/', { locationId: sb.locationId, firstName: 'Y' });
    expect(types(await newEvents())).toEqual(['ContactCreate']);
  });

  test('the doc-shape check itself catches a missing field and a wrong type', () => {
    const shape = DOC_SHAPES.NoteCreate;
    if (!shape) throw new Error('no NoteCreate shape');
    const body = { timestamp: 't', webhookId: 'w', type: 'NoteCreate', locationId: 'l', id: 'i', body: 'b', dateAdded: 1 };
    expect(shapeProblems(body, shape)).toEqual(['contactId is missing', 'dateAdded should be string, got 1']);
  });
});
