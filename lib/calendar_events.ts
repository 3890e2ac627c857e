import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from './endpoints';
import { ghl, inputError, locationIdOf } from './http';
import { toAppointmentOutput, type AppointmentOutput } from './schemas/appointment';
import { Calendar } from './schemas/calendar';
import { checkTimeZone } from './time';
import { InvalidInput } from './validate';

/**
 * Reading calendars, appointments and the location's time zone, shared by the appointment triggers, actions and
 * searches (REFERENCE.md §6.5, §6.9, §8).
 */

/** "All calendars" polls one GET /calendars/events per calendar (§6.5 needs calendarId, userId or groupId): bounded. */
export const MAX_CALENDARS = 10;
const DAY_MS = 86_400_000;

export const listCalendars = async (z: ZObject, bundle: Bundle): Promise<Calendar[]> =>
  zod.array(Calendar).parse((await ghl(z, bundle, endpoints.calendarList, { query: { locationId: locationIdOf(z, bundle) } })) ?? []);

export const getCalendar = async (z: ZObject, bundle: Bundle, calendarId: string): Promise<Calendar> =>
  Calendar.parse(await ghl(z, bundle, endpoints.calendarGet, { path: { calendarId } }));

/** The location's IANA time zone (GET /locations/{id} → location.timezone), used for times given without an offset. */
export const locationTimeZone = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const location = zod.looseObject({ timezone: zod.string().nullish() }).parse(await ghl(z, bundle, endpoints.locationGet, { path: { locationId: locationIdOf(z, bundle) } }));
  if (!location.timezone) {
    throw inputError(z, 'The HighLevel location has no time zone set, so a time without an offset cannot be placed: fill in Time Zone (e.g. Europe/Berlin), or set the time zone in the location settings.');
  }
  try {
    return checkTimeZone('The location\'s time zone', location.timezone);
  } catch (error) {
    if (error instanceof InvalidInput) throw inputError(z, `${error.message} Fill in Time Zone instead.`);
    throw error;
  }
};

export interface EventWindow {
  startTime: number;
  endTime: number;
}

/** What the appointment triggers watch: appointments starting from 30 days ago to 180 days ahead. */
export const pollWindow = (now = Date.now()): EventWindow => ({ startTime: now - 30 * DAY_MS, endTime: now + 180 * DAY_MS });

const Events = zod.array(zod.unknown());

const eventsOf = async (z: ZObject, bundle: Bundle, locationId: string, calendarId: string, window: EventWindow): Promise<AppointmentOutput[]> => {
  const events = Events.parse(
    (await ghl(z, bundle, endpoints.eventList, {
      // Epoch milliseconds as strings (§4, §11.9).
      query: { locationId, calendarId, startTime: String(window.startTime), endTime: String(window.endTime) },
    })) ?? [],
  );
  return events.map((e) => toAppointmentOutput(e));
};

/**
 * Appointments in the window on one calendar, or on every calendar of the location (active ones first, at most
 * MAX_CALENDARS, fetched in parallel), each appointment once.
 */
export const listAppointments = async (z: ZObject, bundle: Bundle, calendarId: string | undefined, window: EventWindow): Promise<AppointmentOutput[]> => {
  const locationId = locationIdOf(z, bundle);
  let calendarIds: string[];
  if (calendarId) {
    calendarIds = [calendarId];
  } else {
    const calendars = await listCalendars(z, bundle);
    calendarIds = [...calendars]
      .sort((a, b) => Number(b.isActive !== false) - Number(a.isActive !== false))
      .slice(0, MAX_CALENDARS)
      .map((c) => c.id);
  }
  const lists = await Promise.all(calendarIds.map((id) => eventsOf(z, bundle, locationId, id, window)));
  const byId = new Map<string, AppointmentOutput>();
  for (const event of lists.flat()) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()];
};

/** Upcoming appointments first, soonest first; then past ones, most recent first (undated ones last). */
export const upcomingFirst = <T extends { startTime: string }>(items: T[], now = Date.now()): T[] => {
  const at = (a: T) => Date.parse(a.startTime);
  const upcoming = items.filter((a) => at(a) >= now).sort((a, b) => at(a) - at(b));
  const past = items.filter((a) => at(a) < now).sort((a, b) => at(b) - at(a));
  return [...upcoming, ...past, ...items.filter((a) => Number.isNaN(at(a)))];
};
