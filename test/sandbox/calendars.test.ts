import type { Calendar } from '../../sandbox';
import { first, useSandbox } from './helpers';

type Written = Record<string, unknown> & { id: string; startTime: string; endTime: string };
type Slots = Record<string, { slots: string[] } | string>;

// Monday 2 March 2026, 08:00 in Berlin (CET, +01:00).
const MONDAY_0800_BERLIN = Date.parse('2026-03-02T07:00:00.000Z');
const MONDAY_START_BERLIN = Date.parse('2026-03-01T23:00:00.000Z');
const DAY = 86_400_000;

describe('sandbox calendars and appointments (§6.5)', () => {
  let clockMs = MONDAY_0800_BERLIN;
  const ctx = useSandbox({ now: () => new Date(clockMs) });
  let calendar: Calendar;
  beforeEach(() => {
    clockMs = MONDAY_0800_BERLIN;
    ctx.sb.state.appointments.clear();
    calendar = first(ctx.sb.state.calendars);
  });

  const slotsFor = (query: Record<string, string | number>) => ctx.api.get<Slots>(`/calendars/${calendar.id}/free-slots`, { query });
  const book = (body: Record<string, unknown>) =>
    ctx.api.post<Written>('/calendars/events/appointments', {
      calendarId: calendar.id,
      locationId: ctx.sb.locationId,
      contactId: first(ctx.sb.state.contacts).id,
      ...body,
    });

  test('GET /calendars/ → {calendars} with slotDuration/slotDurationUnit; GET /calendars/:id → {calendar}', async () => {
    const list = await ctx.api.get<{ calendars: Calendar[] }>('/calendars/', { query: { locationId: ctx.sb.locationId } });
    expect(list.status).toBe(200);
    expect(list.body.calendars).toHaveLength(3);
    expect(list.body.calendars[0]).toMatchObject({
      id: calendar.id,
      locationId: ctx.sb.locationId,
      name: 'Intro Session',
      slotDuration: 30,
      slotDurationUnit: 'mins',
      openHours: [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] }],
    });
    const one = await ctx.api.get<{ calendar: Calendar }>(`/calendars/${calendar.id}`);
    expect(one.body.calendar.name).toBe('Intro Session');
    expect((await ctx.api.get('/calendars/', {})).status).toBe(422);
  });

  test('free slots: Mon–Fri 09:00–17:00 in the location timezone, date-keyed, plus traceId', async () => {
    const res = await slotsFor({ startDate: MONDAY_START_BERLIN, endDate: MONDAY_START_BERLIN + 7 * DAY - 1 });
    expect(res.status).toBe(200);
    const days = Object.keys(res.body).filter((k) => k !== 'traceId');
    expect(days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    const monday = res.body['2026-03-02'] as { slots: string[] };
    expect(monday.slots).toHaveLength(16);
    expect(monday.slots[0]).toBe('2026-03-02T09:00:00+01:00');
    expect(monday.slots[15]).toBe('2026-03-02T16:30:00+01:00');
    expect(res.body.traceId).toEqual(expect.any(String));
  });

  test('free slots honour the timezone param, skip past slots and booked ones', async () => {
    const ny = await slotsFor({ startDate: MONDAY_START_BERLIN, endDate: MONDAY_START_BERLIN + DAY, timezone: 'America/New_York' });
    const nyDay = ny.body['2026-03-02'] as { slots: string[] };
    expect(nyDay.slots[0]).toBe('2026-03-02T03:00:00-05:00');
    clockMs = Date.parse('2026-03-02T09:15:00.000Z'); // 10:15 Berlin
    expect((await book({ startTime: '2026-03-02T11:00:00+01:00' })).status).toBe(200);
    const res = await slotsFor({ startDate: MONDAY_START_BERLIN, endDate: MONDAY_START_BERLIN + DAY });
    const slots = (res.body['2026-03-02'] as { slots: string[] }).slots;
    expect(slots[0]).toBe('2026-03-02T10:30:00+01:00');
    expect(slots).not.toContain('2026-03-02T11:00:00+01:00');
    expect(slots).toContain('2026-03-02T11:30:00+01:00');
  });

  test('free slots: 422 for ranges over 31 days, ISO dates and a locationId param (§11.9, §11.2)', async () => {
    const tooLong = await slotsFor({ startDate: MONDAY_START_BERLIN, endDate: MONDAY_START_BERLIN + 32 * DAY });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect((await slotsFor({ startDate: MONDAY_START_BERLIN, endDate: MONDAY_START_BERLIN + 31 * DAY })).status).toBe(200);
    const iso = await slotsFor({ startDate: '2026-03-02', endDate: '2026-03-03' });
    expect(iso.status).toBe(422);
    expect(iso.body).toMatchObject({
      message: ['startDate must be a number conforming to the specified constraints', 'endDate must be a number conforming to the specified constraints'],
    });
    const withLocation = await slotsFor({ startDate: MONDAY_START_BERLIN, endDate: MONDAY_START_BERLIN + DAY, locationId: ctx.sb.locationId });
    expect(withLocation.status).toBe(422);
    expect(withLocation.body).toMatchObject({ message: ['property locationId should not exist'] });
  });

  test('create appointment → 200 unwrapped, no dateAdded/dateUpdated (§11.16); slot conflicts → 400', async () => {
    const res = await book({ startTime: '2026-03-02T09:00:00+01:00', title: 'Intro with Ada' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      calendarId: calendar.id,
      locationId: ctx.sb.locationId,
      startTime: '2026-03-02T09:00:00+01:00',
      endTime: '2026-03-02T09:30:00+01:00',
      title: 'Intro with Ada',
      appointmentStatus: 'confirmed',
      isRecurring: false,
    });
    expect(res.body).not.toHaveProperty('dateAdded');
    expect(res.body).not.toHaveProperty('dateUpdated');
    expect(res.body).not.toHaveProperty('traceId');

    const taken = await book({ startTime: '2026-03-02T09:00:00+01:00' });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ statusCode: 400, message: 'The slot you have selected is no longer available.' });
    expect((await book({ startTime: '2026-03-07T10:00:00+01:00' })).status).toBe(400); // Saturday
    expect((await book({ startTime: '2026-03-02T09:10:00+01:00' })).status).toBe(400); // not a slot start
    expect((await book({ startTime: '2026-02-27T10:00:00+01:00' })).status).toBe(400); // past
    const forced = await book({ startTime: '2026-03-02T09:00:00+01:00', ignoreFreeSlotValidation: true });
    expect(forced.status).toBe(200);
  });

  test('create appointment: contact must exist, body validation, location check', async () => {
    expect((await book({ startTime: '2026-03-02T09:00:00+01:00', contactId: 'missingContact000000' })).body).toMatchObject({
      statusCode: 400,
      message: 'Contact not found',
    });
    const missing = await ctx.api.post('/calendars/events/appointments', {});
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual(
      expect.arrayContaining(['calendarId should not be empty', 'contactId should not be empty', 'startTime must be a valid ISO 8601 date string']),
    );
    const other = await book({ startTime: '2026-03-02T09:00:00+01:00', locationId: 'elsewhere' });
    expect(other.status).toBe(403);
    const status = await book({ startTime: '2026-03-02T09:00:00+01:00', appointmentStatus: 'booked' });
    expect(status.status).toBe(422);
  });

  test('get → {event} with dateAdded/dateUpdated; update → unwrapped; delete with {} → {succeeded: true}', async () => {
    const created = await book({ startTime: '2026-03-03T14:00:00+01:00' });
    const id = created.body.id;
    const got = await ctx.api.get<{ event: Record<string, unknown> }>(`/calendars/events/appointments/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.event).toMatchObject({
      id,
      calendarId: calendar.id,
      contactId: first(ctx.sb.state.contacts).id,
      startTime: '2026-03-03T14:00:00+01:00',
      dateAdded: new Date(MONDAY_0800_BERLIN).toISOString(),
      dateUpdated: new Date(MONDAY_0800_BERLIN).toISOString(),
    });
    clockMs += 60_000;
    const moved = await ctx.api.put<Written>(`/calendars/events/appointments/${id}`, {
      startTime: '2026-03-03T15:00:00+01:00',
      appointmentStatus: 'showed',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id, startTime: '2026-03-03T15:00:00+01:00', endTime: '2026-03-03T15:30:00+01:00', appointmentStatus: 'showed' });
    expect(moved.body).not.toHaveProperty('dateUpdated');
    const after = await ctx.api.get<{ event: { dateUpdated: string } }>(`/calendars/events/appointments/${id}`);
    expect(after.body.event.dateUpdated).toBe(new Date(clockMs).toISOString());
    const noContact = await ctx.api.put(`/calendars/events/appointments/${id}`, { contactId: 'x', locationId: 'y' });
    expect(noContact.body.message).toEqual(['property contactId should not exist', 'property locationId should not exist']);

    expect((await ctx.api.delete(`/calendars/events/${id}`, { foo: 1 })).status).toBe(422);
    const deleted = await ctx.api.delete(`/calendars/events/${id}`, {});
    // 201, as the spec declares (calendars.json delete-event; docs/highlevel-api.md §6.5).
    expect(deleted.status).toBe(201);
    expect(deleted.body).toMatchObject({ succeeded: true });
    expect((await ctx.api.get(`/calendars/events/appointments/${id}`)).status).toBe(404);
  });

  test('GET /calendars/events: epoch-ms window + calendarId/userId/groupId → {events}', async () => {
    await book({ startTime: '2026-03-02T09:00:00+01:00' });
    await book({ startTime: '2026-03-04T09:00:00+01:00' });
    const window = { locationId: ctx.sb.locationId, startTime: String(MONDAY_START_BERLIN), endTime: String(MONDAY_START_BERLIN + DAY) };
    const byCal = await ctx.api.get<{ events: { startTime: string; dateAdded: string }[] }>('/calendars/events', {
      query: { ...window, calendarId: calendar.id },
    });
    expect(byCal.status).toBe(200);
    expect(byCal.body.events.map((e) => e.startTime)).toEqual(['2026-03-02T09:00:00+01:00']);
    expect(byCal.body.events[0]?.dateAdded).toEqual(expect.any(String));
    const byUser = await ctx.api.get<{ events: unknown[] }>('/calendars/events', {
      query: { ...window, endTime: String(MONDAY_START_BERLIN + 7 * DAY), userId: calendar.teamMembers[0]?.userId ?? '' },
    });
    expect(byUser.body.events).toHaveLength(2);
    const byGroup = await ctx.api.get<{ events: unknown[] }>('/calendars/events', { query: { ...window, groupId: calendar.groupId } });
    expect(byGroup.body.events).toHaveLength(1);
    const none = await ctx.api.get('/calendars/events', { query: window });
    expect(none.status).toBe(422);
  });

  test('GET /contacts/:id/appointments (Version 2021-07-28) → {events}', async () => {
    await book({ startTime: '2026-03-02T09:00:00+01:00' });
    const res = await ctx.api.get<{ events: Record<string, unknown>[] }>(`/contacts/${first(ctx.sb.state.contacts).id}/appointments`);
    expect(res.status).toBe(200);
    expect(res.body.events).toHaveLength(1);
    expect(res.body.events[0]).toMatchObject({ calendarId: calendar.id, status: 'booked', appointmentStatus: 'confirmed' });
  });
});
