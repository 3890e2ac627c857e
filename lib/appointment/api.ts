import { DateTime } from 'luxon';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { cachedList } from '../http/cache';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { cachedLocation } from '../location/api';
import { isZoneless } from '../schema/values';
import { inWaves } from '../poll/state';
import { Calendar } from './calendar';
import { AppointmentAnswer, appointmentFromContactList, appointmentFromRest, timeOf, type AppointmentOutput } from './schema';

/**
 * Reading and writing calendars and appointments, shared by the appointment triggers, actions and searches
 * (docs/highlevel-api.md §6.5, §8).
 */

/**
 * "All calendars" polls one GET /calendars/events per calendar (§6.5 needs calendarId, userId or groupId; only a
 * calendar id is sure to cover every appointment), CALENDAR_WAVE at a time, for at most MAX_CALENDARS calendars.
 */
export const MAX_CALENDARS = 50;
export const CALENDAR_WAVE = 10;
const DAY_MS = 86_400_000;

const fetchCalendars = async (z: ZObject, bundle: Bundle): Promise<Calendar[]> =>
  (await ghl(z, bundle, endpoints.calendarList, {
    query: { locationId: locationIdOf(z, bundle) },
    answer: zod.array(Calendar).nullish(),
    unreadable: 'with a calendar list the app cannot read',
  })) ?? [];

/**
 * GET /calendars/ (the whole list, §4), read at most once per invocation (lib/http/cache.ts: the watched calendars
 * and the calendar names of a poll share it). With `shared`, a list read by the connection in the last 10 minutes is
 * reused, so a poll costs one request per calendar.
 */
export const listCalendars = (z: ZObject, bundle: Bundle, options: { shared?: boolean } = {}): Promise<Calendar[]> =>
  cachedList(z, bundle, {
    key: `ghl:calendars:${locationIdOf(z, bundle)}`,
    schema: zod.array(Calendar),
    shared: options.shared,
    fetch: () => fetchCalendars(z, bundle),
  });

export const getCalendar = async (z: ZObject, bundle: Bundle, calendarId: string): Promise<Calendar> =>
  ghl(z, bundle, endpoints.calendarGet, { path: { calendarId }, answer: Calendar, unreadable: 'without the calendar' });

export interface EventWindow {
  startTime: number;
  endTime: number;
}

/** What the appointment triggers watch: appointments starting from 30 days ago to 180 days ahead. */
export const pollWindow = (now = Date.now()): EventWindow => ({ startTime: now - 30 * DAY_MS, endTime: now + 180 * DAY_MS });

const EventList = lazy(() => zod.array(AppointmentAnswer).nullish());

const eventsOf = async (z: ZObject, bundle: Bundle, locationId: string, calendarId: string, window: EventWindow): Promise<AppointmentOutput[]> => {
  const events = await ghl(z, bundle, endpoints.eventList, {
    // Epoch milliseconds as strings (§4, §11.9).
    query: { locationId, calendarId, startTime: String(window.startTime), endTime: String(window.endTime) },
    answer: EventList,
    unreadable: 'with an appointment list the app cannot read',
  });
  return (events ?? []).map(appointmentFromRest);
};

/** The calendars a trigger watches: the chosen one, or every calendar of the location (active first, MAX_CALENDARS). */
export const watchedCalendars = async (z: ZObject, bundle: Bundle, calendarId: string | undefined): Promise<string[]> => {
  if (calendarId) return [calendarId];
  const calendars = await listCalendars(z, bundle, { shared: true });
  if (calendars.length > MAX_CALENDARS) z.console.log(`The location has ${calendars.length} calendars; the first ${MAX_CALENDARS} are watched.`);
  return [...calendars]
    .sort((a, b) => Number(b.isActive !== false) - Number(a.isActive !== false))
    .slice(0, MAX_CALENDARS)
    .map((c) => c.id);
};

/**
 * Appointments in the window on one calendar, or on every watched calendar (in parallel, CALENDAR_WAVE at a time),
 * each appointment once.
 */
export const listAppointments = async (z: ZObject, bundle: Bundle, calendarId: string | undefined, window: EventWindow): Promise<AppointmentOutput[]> => {
  const locationId = locationIdOf(z, bundle);
  const calendarIds = await watchedCalendars(z, bundle, calendarId);
  const lists = await inWaves(calendarIds, CALENDAR_WAVE, (id) => eventsOf(z, bundle, locationId, id, window));
  const byId = new Map<string, AppointmentOutput>();
  for (const event of lists.flat()) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
};

/**
 * GET /contacts/{id}/appointments → {events}: every appointment of the contact at once (a contacts route, §11.1).
 * Its times may come without a zone; then, and only then, the location's time zone is read (shared per connection)
 * to place them (§14.2). A location without a zone leaves them as UTC, the one reading left.
 */
export const contactAppointments = async (z: ZObject, bundle: Bundle, contactId: string): Promise<AppointmentOutput[]> => {
  const events =
    (await ghl(z, bundle, endpoints.contactAppointments, {
      path: { contactId },
      labels: { contactId: 'Contact' },
      allow404: true,
      answer: EventList,
      unreadable: 'with an appointment list the app cannot read',
    })) ?? [];
  const zoneless = events.some((e) => ['startTime', 'endTime'].some((key) => isZoneless(e[key])));
  const zone = zoneless ? ((await cachedLocation(z, bundle)).timezone ?? undefined) : undefined;
  return events.map((e) => appointmentFromContactList(e, zone));
};

/**
 * What a booked appointment shows of the body that booked it, for finding it again after a lost answer
 * (lib/http/replay.ts): its calendar and start instant (a contact's list may give times without a zone, read in the
 * location's zone above).
 */
export const appointmentShown = (event: { calendarId?: unknown; startTime?: unknown }): { calendarId: string; start: number | string } => {
  const start = typeof event.startTime === 'string' ? Date.parse(event.startTime) : typeof event.startTime === 'number' ? event.startTime : NaN;
  return { calendarId: typeof event.calendarId === 'string' ? event.calendarId : '', start: Number.isNaN(start) ? String(event.startTime ?? '') : start };
};

export const getAppointment = async (z: ZObject, bundle: Bundle, eventId: string, allow404 = false): Promise<AppointmentOutput | undefined> => {
  const event = await ghl(z, bundle, endpoints.appointmentGet, {
    path: { eventId },
    labels: { eventId: 'Appointment' },
    allow404,
    answer: AppointmentAnswer,
    unreadable: 'without the appointment',
  });
  return event ? appointmentFromRest(event) : undefined;
};

const Answer = lazy(() => zod.looseObject({}));
/** Instructions for one request, not properties of the appointment. */
export const SWITCHES = new Set(['toNotify', 'ignoreFreeSlotValidation', 'ignoreDateRange']);

/**
 * PUT /calendars/events/appointments/{id} with only the fields given (§6.5). Its answer is unwrapped and lacks
 * dateAdded/dateUpdated (§11.16), so the result merges what was known before, what was sent and what came back;
 * Date Updated stays empty rather than showing the old value.
 */
export const putAppointment = async (
  z: ZObject,
  bundle: Bundle,
  eventId: string,
  body: Record<string, unknown>,
  before?: AppointmentOutput,
): Promise<AppointmentOutput> => {
  const answer = await ghl(z, bundle, endpoints.appointmentUpdate, {
    path: { eventId },
    labels: { eventId: 'Appointment' },
    body,
    answer: Answer,
    unreadable: 'without the appointment',
  });
  // The switches are instructions for this request, not properties of the appointment.
  const sent = Object.fromEntries(Object.entries(body).filter(([key, value]) => value !== undefined && !SWITCHES.has(key)));
  return appointmentFromRest({ ...before, ...sent, ...answer, id: typeof answer.id === 'string' ? answer.id : eventId, dateUpdated: null });
};

/** Upcoming appointments first, soonest first; then past ones, most recent first (undated ones last). */
export const upcomingFirst = <T extends { startTime: string | null }>(items: T[], now = Date.now()): T[] => {
  const at = (a: T) => (a.startTime ? Date.parse(a.startTime) : NaN);
  const upcoming = items.filter((a) => at(a) >= now).sort((a, b) => at(a) - at(b));
  const past = items.filter((a) => at(a) < now).sort((a, b) => at(b) - at(a));
  return [...upcoming, ...past, ...items.filter((a) => Number.isNaN(at(a)))];
};

/** Changed after booking: HighLevel stamps dateUpdated = dateAdded on create, so a later dateUpdated is a change. */
export const wasChanged = (a: AppointmentOutput): boolean => timeOf(a.dateUpdated) > timeOf(a.dateAdded) + 1000;

/** "Live Q&A: Core Strength, 2026-06-24 11:00 (confirmed)": what a user recognises in a dropdown. */
export const appointmentLabel = (a: AppointmentOutput): string => {
  const start = DateTime.fromISO(a.startTime ?? '', { setZone: true });
  const when = start.isValid ? start.toFormat('yyyy-MM-dd HH:mm') : '';
  const head = [a.title || 'Appointment', when].filter(Boolean).join(', ');
  return a.appointmentStatus ? `${head} (${a.appointmentStatus})` : head;
};
