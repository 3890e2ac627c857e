import { GHLForbiddenError, GHLNotFoundError, GHLRateLimitError, GHLValidationError, HighLevel } from '@gohighlevel/api-client';
import { DateTime } from 'luxon';
import { startSandbox, VARIETY_SEEDS, VERSION_SDK_DEFAULT, type Sandbox } from '../../sandbox';
import { CONTRACT_SKIPPED, formatIssues, loadOpenApiContract, openApiDir, type OpenApiContract, type ValidationIssue } from '../helpers/openapi';

/**
 * HighLevel's official client (`@gohighlevel/api-client`) against the sandbox, through the SDK's own methods, for every
 * call the app makes: the sandbox must answer what the SDK sends, in the shapes its types and the official specs give.
 *
 * The SDK has no base-URL option (`HighLevel.BASE_URL` is a private static), but `getHttpClient()` is public and
 * returns the axios instance every service (OAuth included) sends through with relative paths, so its
 * `defaults.baseURL` is pointed at the sandbox. Nothing else of the SDK is touched.
 */
const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';
// Monday 2 March 2026, 08:00 in Berlin: free slots and bookings are predictable.
const NOW = Date.parse('2026-03-02T07:00:00.000Z');

/**
 * The one request difference the specs would flag: the SDK sends its own `Version` (2023-02-21) on every call, outside
 * each operation's one-value enum (docs/highlevel-api.md §14.13). Everything else of every request is validated.
 */
const isSdkVersionIssue = (i: ValidationIssue): boolean => i.direction === 'request' && /version/i.test(i.instancePath + i.message);

const dir = openApiDir();
if (!dir) console.log(`[official SDK] validation against the official specs ${CONTRACT_SKIPPED}.`);

describe.each(VARIETY_SEEDS)('end to end: the official SDK against the sandbox (seed %i)', (seed) => {
  let sb: Sandbox;
  let ghl: HighLevel;
  let contract: OpenApiContract | undefined;

  beforeAll(async () => {
    if (dir) contract = await loadOpenApiContract(dir);
  });

  beforeEach(async () => {
    sb = await startSandbox({ contacts: 30, seed, now: () => new Date(NOW) });
    ghl = new HighLevel({ clientId: sb.clientId, clientSecret: sb.clientSecret, logLevel: 'none' });
    ghl.getHttpClient().defaults.baseURL = sb.baseUrl;
    // The sandbox's OAuth, through the SDK: an authorization code (what consent gives) exchanged for a location token.
    const code = sb.createAuthCode({ redirectUri: REDIRECT_URI });
    const token = (await ghl.oauth.getAccessToken({
      client_id: sb.clientId,
      client_secret: sb.clientSecret,
      grant_type: 'authorization_code',
      code,
      user_type: 'Location',
      redirect_uri: REDIRECT_URI,
    })) as { access_token: string; locationId: string; userType: string };
    expect(token).toMatchObject({ access_token: expect.any(String), locationId: sb.locationId, userType: 'Location' });
    ghl.updateConfig({ locationAccessToken: token.access_token });
    sb.clearRequests();
  });
  afterEach(async () => {
    try {
      // Every request the SDK sent and every answer the sandbox gave, against the official specs (the repo's contract
      // validator, known spec gaps included).
      if (contract) {
        const issues: ValidationIssue[] = [];
        let versionIssues = 0;
        for (const entry of sb.requests) {
          const report = contract.validateLogEntry(entry);
          for (const issue of [...report.request.issues, ...(report.response?.issues ?? [])]) {
            if (isSdkVersionIssue(issue)) versionIssues++;
            else issues.push(issue);
          }
        }
        expect(formatIssues(issues)).toBe('');
        // The SDK's Version is outside every enum: one such finding per request shows the request check ran on each.
        expect(versionIssues).toBe(sb.requests.length);
      }
    } finally {
      await sb.stop();
    }
  });

  it('contacts: create, get, update, upsert (match and new), search, tags add/remove', async () => {
    const locationId = sb.locationId;
    const created = await ghl.contacts.createContact({
      locationId,
      firstName: 'Ada',
      lastName: 'McDonald',
      email: 'ada.sdk@example.com',
      phone: '+49 30 1234567',
    });
    const id = created.contact?.id as string;
    expect(id).toEqual(expect.any(String));
    expect(created.contact).toMatchObject({ locationId, email: 'ada.sdk@example.com', phone: '+49301234567' });

    const got = await ghl.contacts.getContact({ contactId: id });
    expect(got.contact).toMatchObject({ id, locationId, email: 'ada.sdk@example.com' });
    // Either reading of the names (§14.1): the real case in firstName, or in firstNameRaw beside a lower-cased copy.
    const contact = got.contact as Record<string, unknown>;
    expect(contact.firstNameRaw ?? contact.firstName).toBe('Ada');
    expect(contact.lastNameRaw ?? contact.lastName).toBe('McDonald');

    const updated = await ghl.contacts.updateContact({ contactId: id }, { city: 'Berlin', address1: 'Torstraße 1' });
    expect(updated.succeded).toBe(true);
    expect(updated.contact).toMatchObject({ id, city: 'Berlin', address1: 'Torstraße 1' });

    const matched = await ghl.contacts.upsertContact({ locationId, email: 'ada.sdk@example.com', postalCode: '10119' });
    expect(matched).toMatchObject({ new: false, contact: { id, postalCode: '10119' } });
    const fresh = await ghl.contacts.upsertContact({ locationId, email: 'grace.sdk@example.com', firstName: 'Grace' });
    expect(fresh.new).toBe(true);
    expect(fresh.contact?.id).not.toBe(id);

    const added = await ghl.contacts.addTags({ contactId: id }, { tags: ['sdk-test', 'vip'] });
    expect(added.tags).toEqual(expect.arrayContaining(['sdk-test', 'vip']));
    const removed = await ghl.contacts.removeTags({ contactId: id }, { tags: ['vip'] });
    expect(removed.tags).toEqual(['sdk-test']);

    sb.catchUpSearch(); // search lags writes (§14.10); this is what waiting would do
    const search = (await ghl.contacts.searchContactsAdvanced({
      locationId,
      pageLimit: 10,
      filters: [{ field: 'email', operator: 'eq', value: 'ada.sdk@example.com' }],
    })) as { contacts: Record<string, unknown>[]; total: number };
    expect(search.total).toBe(1);
    const item = search.contacts[0] as Record<string, unknown>;
    expect(item).toMatchObject({ id, locationId, email: 'ada.sdk@example.com', tags: ['sdk-test'] });
    expect(item.address1 ?? item.address).toBe('Torstraße 1');
    expect(item.firstNameRaw ?? item.firstName ?? item.firstNameLowerCase).toEqual(expect.stringMatching(/^ada$/i));
  });

  it('tasks and notes: create, list, update, complete', async () => {
    const contactId = [...sb.state.contacts.keys()][0] as string;
    const due = DateTime.fromMillis(NOW).plus({ days: 3 }).toUTC().toISO() as string;
    const task = await ghl.contacts.createTask({ contactId }, { title: 'Call back', body: 'About the course', dueDate: due, completed: false });
    const taskId = task.task?.id as string;
    expect(task.task).toMatchObject({ id: expect.any(String), title: 'Call back', contactId, completed: false });

    const tasks = await ghl.contacts.getAllTasks({ contactId });
    expect(tasks.tasks?.map((t) => t.id)).toContain(taskId);
    const edited = await ghl.contacts.updateTask({ contactId, taskId }, { title: 'Call back today' });
    expect(edited.task).toMatchObject({ id: taskId, title: 'Call back today' });
    const done = await ghl.contacts.updateTaskCompleted({ contactId, taskId }, { completed: true });
    expect(done.task).toMatchObject({ id: taskId, completed: true });

    const note = await ghl.contacts.createNote({ contactId }, { body: 'Prefers mornings' });
    expect(note.note).toMatchObject({ id: expect.any(String), body: 'Prefers mornings', contactId });
    const notes = await ghl.contacts.getAllNotes({ contactId });
    expect(notes.notes?.map((n) => n.id)).toContain(note.note?.id);
  });

  it('location catalogues: custom fields, users, calendars', async () => {
    const locationId = sb.locationId;
    const fields = await ghl.locations.getCustomFields({ locationId });
    expect(fields.customFields?.length).toBe(sb.state.customFields.size);
    expect(fields.customFields?.[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      fieldKey: expect.any(String),
      dataType: expect.any(String),
    });

    const users = await ghl.users.getUserByLocation({ locationId });
    expect(users.users?.map((u) => u.id)).toEqual(expect.arrayContaining([sb.userId]));
    const searched = (await ghl.users.searchUsers({ companyId: sb.companyId, locationId })) as { users: { id: string }[]; count: number };
    expect(searched.users.map((u) => u.id)).toContain(sb.userId);

    const calendars = await ghl.calendars.getCalendars({ locationId });
    expect(calendars.calendars?.map((c) => c.id).sort()).toEqual([...sb.state.calendars.keys()].sort());
  });

  it('appointments: free slots, create, get, update, calendar events, the contact appointments', async () => {
    const locationId = sb.locationId;
    const calendar = [...sb.state.calendars.values()].find((c) => c.calendarType !== 'class_booking') ?? [...sb.state.calendars.values()][0];
    const calendarId = calendar?.id as string;
    const contactId = [...sb.state.contacts.keys()][1] as string;
    const zone = sb.state.location.timezone;
    const from = DateTime.fromMillis(NOW, { zone }).plus({ days: 1 }).startOf('day');

    const slots = (await ghl.calendars.getSlots({
      calendarId,
      startDate: from.toMillis(),
      endDate: from.plus({ days: 6 }).toMillis(),
      timezone: zone,
    })) as Record<string, unknown>;
    const days = Object.keys(slots).filter((k) => /^\d{4}-\d{2}-\d{2}$/.test(k));
    expect(days.length).toBeGreaterThan(0);
    const [first, second] = days.flatMap((d) => (slots[d] as { slots: string[] }).slots);
    expect(first).toEqual(expect.any(String));

    const booked = await ghl.calendars.createAppointment({ calendarId, locationId, contactId, startTime: first as string, title: 'SDK booking' });
    expect(booked).toMatchObject({ id: expect.any(String), calendarId, locationId, contactId, title: 'SDK booking' });
    expect(Date.parse(booked.startTime as string)).toBe(Date.parse(first as string));

    const got = await ghl.calendars.getAppointment({ eventId: booked.id });
    expect(got.event).toMatchObject({ id: booked.id, calendarId, contactId });
    const moved = await ghl.calendars.editAppointment({ eventId: booked.id }, { startTime: second as string, title: 'SDK booking, moved' });
    expect(moved).toMatchObject({ id: booked.id, title: 'SDK booking, moved' });
    expect(Date.parse(moved.startTime as string)).toBe(Date.parse(second as string));

    const events = await ghl.calendars.getCalendarEvents({
      locationId,
      calendarId,
      startTime: String(from.toMillis()),
      endTime: String(from.plus({ days: 7 }).toMillis()),
    });
    expect(events.events?.map((e) => e.id)).toContain(booked.id);

    const byContact = await ghl.contacts.getAppointmentsForContact({ contactId });
    const mine = byContact.events?.find((e) => e.id === booked.id);
    expect(mine).toMatchObject({ id: booked.id, calendarId, contactId });
    // ISO with an offset, or the zone-less local form of the spec example (§14.2), chosen by seed: the same instant.
    const start = String(mine?.startTime);
    const instant = /[zZ]|[+-]\d\d:\d\d$/.test(start) ? Date.parse(start) : DateTime.fromSQL(start, { zone }).toMillis();
    expect(instant).toBe(Date.parse(second as string));
  });

  it('HighLevel-shaped errors come out as the SDK’s own error classes, with the message it reads', async () => {
    const missing = await ghl.contacts.getContact({ contactId: 'AAAAAAAAAAAAAAAAAAAA' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GHLNotFoundError);
    expect(missing).toMatchObject({ statusCode: 404, message: 'Contact not found' });
    const invalid = await ghl.contacts.createContact({ locationId: sb.locationId, email: 'not-an-email' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(GHLValidationError);
    expect(invalid).toMatchObject({ statusCode: 422, message: expect.stringContaining('email must be an email') });
    const foreign = await ghl.calendars.getCalendars({ locationId: 'BBBBBBBBBBBBBBBBBBBB' }).catch((e: unknown) => e);
    expect(foreign).toBeInstanceOf(GHLForbiddenError);
  });

  it('the burst limit comes out as GHLRateLimitError with the scope read from the sandbox’s X-RateLimit headers', async () => {
    const limited = await startSandbox({ contacts: 5, seed, now: () => new Date(NOW), rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const client = new HighLevel({
        locationAccessToken: limited.issueToken().access_token,
        clientId: limited.clientId,
        clientSecret: limited.clientSecret,
        logLevel: 'none',
      });
      client.getHttpClient().defaults.baseURL = limited.baseUrl;
      const call = () => client.locations.getCustomFields({ locationId: limited.locationId });
      await call();
      await call();
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GHLRateLimitError);
      expect((error as GHLRateLimitError).rateLimit).toMatchObject({ scope: 'burst', max: 2, remaining: 0 });
    } finally {
      await limited.stop();
    }
  });

  it('sends the SDK Version on every call, and the sandbox took each', async () => {
    await ghl.contacts.getContact({ contactId: [...sb.state.contacts.keys()][0] as string });
    await ghl.calendars.getCalendars({ locationId: sb.locationId });
    expect(sb.requests.map((r) => [r.version, r.status])).toEqual([
      [VERSION_SDK_DEFAULT, 200],
      [VERSION_SDK_DEFAULT, 200],
    ]);
  });
});
