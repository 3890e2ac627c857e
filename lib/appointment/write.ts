import { DateTime } from 'luxon';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { findDuplicate } from '../contact/api';
import { upsertContact } from '../contact/write';
import { ghl } from '../http/client';
import { endpoints } from '../http/endpoints';
import { replaySafeCreate } from '../http/replay';
import { inputError, validated } from '../input';
import { APPOINTMENT_CREATE_KEY } from '../keys';
import { locationTimeZone } from '../location/api';
import { slotMinutes } from '../time';
import { appointmentShown, contactAppointments, getAppointment, getCalendar, putAppointment } from './api';
import { needsLocationZone, resolveSchedule, type ScheduleInput } from './fields';
import { failureName } from '../user/names';
import { appointmentNames } from './names';
import { AppointmentAnswer, appointmentFromRest, type AppointmentOutput } from './schema';

/** Booking and changing appointments (docs/highlevel-api.md §6.5, §11.16), from inputs the operation has read and checked. */

/** The contact Create Appointment finds by email, or creates with these names when none has it. */
export interface ContactByEmail {
  email: string;
  firstName?: string;
  lastName?: string;
}

/** What Create Appointment books: a contact (or its email) and a start are given. */
export interface Booking {
  calendarId: string;
  contactId?: string;
  assignedUserId?: string;
  schedule: ScheduleInput;
  details: Record<string, unknown>;
  /** The contact to find or create when no Contact is given. */
  byEmail?: ContactByEmail;
}

/** What Update Appointment changes: at least one field besides the switches is given. */
export interface AppointmentChanges {
  calendarId?: string;
  assignedUserId?: string;
  schedule: ScheduleInput;
  details: Record<string, unknown>;
}

/**
 * POST /calendars/events/appointments → unwrapped appointment. The reads that do not depend on each other run in
 * parallel (calendar slot length, location time zone, contact by email), each only when needed; a missing contact is
 * created (by upsert) only once every time is valid. Calendar, user and contact names are read beside the booking.
 */
export const bookAppointment = async (z: ZObject, bundle: Bundle, locationId: string, booking: Booking): Promise<AppointmentOutput> => {
  const { calendarId, contactId, assignedUserId, schedule, details, byEmail } = booking;
  const [calendar, locationZone, foundContactId] = await Promise.all([
    schedule.end || schedule.duration !== undefined ? undefined : getCalendar(z, bundle, calendarId),
    needsLocationZone(schedule) ? locationTimeZone(z, bundle) : undefined,
    byEmail ? findDuplicate(z, bundle, { email: byEmail.email }).then((c) => c?.id) : undefined,
  ]);
  const times = validated(z, () =>
    resolveSchedule(schedule, schedule.zone ?? locationZone, { lengthMinutes: calendar && slotMinutes(calendar.slotDuration, calendar.slotDurationUnit) }),
  );

  let resolvedContactId = contactId ?? foundContactId;
  if (!resolvedContactId && byEmail) {
    // Upsert, not create: it matches on the email, so a replay or a parallel run books the same contact instead of
    // writing a second one (the lookup above reads a search index that can lag behind, §11.15).
    resolvedContactId = (await upsertContact(z, bundle, locationId, { ...byEmail }, 'without the contact it created or found')).contact.id;
  }

  const named = appointmentNames(z, bundle, { contacts: true, start: true, contactId: resolvedContactId });
  const contactOfEvent = resolvedContactId;
  const body = { ...details, calendarId, locationId, contactId: contactOfEvent, assignedUserId, ...times };
  // Replay-safe: a replay after a lost answer finds the booking among the contact's appointments (lib/http/replay.ts).
  const appointment = await replaySafeCreate(z, bundle, {
    operation: APPOINTMENT_CREATE_KEY,
    input: bundle.inputData,
    sent: appointmentShown(body),
    candidates: async () => (contactOfEvent ? contactAppointments(z, bundle, contactOfEvent) : []),
    show: (found) => ({ fields: appointmentShown(found), dateAdded: found.dateAdded }),
    write: async (replay) => {
      const appointment = await ghl(z, bundle, endpoints.appointmentCreate, {
        body,
        answer: AppointmentAnswer,
        unreadable: 'without the appointment it booked',
        replay,
      });
      // The answer does not echo the description; the rest comes back as HighLevel stored it.
      return appointmentFromRest({ description: details.description, ...appointment });
    },
  });
  return (await named([appointment]))[0];
};

const minutesBetween = (start: string | null, end: string | null): number | undefined => {
  const ms = Date.parse(end ?? '') - Date.parse(start ?? '');
  return Number.isFinite(ms) && ms > 0 ? ms / 60_000 : undefined;
};

/**
 * PUT /calendars/events/appointments/{id} with the fields given. The current appointment is read only when the new
 * times depend on it: a new start keeps the current length, a new duration counts from the current start.
 */
export const changeAppointment = async (z: ZObject, bundle: Bundle, eventId: string, change: AppointmentChanges): Promise<AppointmentOutput> => {
  const { calendarId, assignedUserId, schedule, details } = change;
  const needCurrent = (schedule.start && !schedule.end && schedule.duration === undefined) || (!schedule.start && schedule.duration !== undefined);
  const [current, locationZone] = await Promise.all([
    needCurrent ? getAppointment(z, bundle, eventId) : undefined,
    needsLocationZone(schedule) ? locationTimeZone(z, bundle) : undefined,
  ]);
  const times = validated(z, () => {
    const currentStart = current?.startTime ? DateTime.fromISO(current.startTime, { setZone: true }) : undefined;
    if (!schedule.start && schedule.duration !== undefined && !currentStart?.isValid) {
      throw inputError(z, 'The appointment has no start time to count Duration from: fill in Start Time too.');
    }
    return resolveSchedule(schedule, schedule.zone ?? locationZone, {
      currentStart: currentStart?.isValid ? currentStart : undefined,
      lengthMinutes: current && minutesBetween(current.startTime, current.endTime),
    });
  });
  const named = appointmentNames(z, bundle, { contacts: true, start: true, contactId: current?.contactId });
  return (await named([await putAppointment(z, bundle, eventId, { ...details, calendarId, assignedUserId, ...times }, current)]))[0];
};

/**
 * Cancel Appointment: PUT {appointmentStatus: 'cancelled'}, then the appointment read back (GET by id, which sees the
 * write at once, §11.15): the update answer has no dates (§11.16), and a cancelled appointment's Date Updated is when it
 * was cancelled. A read that fails after the cancel leaves the answer's fields (Date Updated empty); the step does not
 * fail over it, since the cancel happened.
 */
export const cancelAppointment = async (z: ZObject, bundle: Bundle, eventId: string, toNotify: boolean | undefined): Promise<AppointmentOutput> => {
  const names = appointmentNames(z, bundle, { contacts: true, start: true });
  const cancelled = await putAppointment(z, bundle, eventId, { appointmentStatus: 'cancelled', toNotify });
  // The names (the contact's read) beside the read back: the answer already has every id they need.
  const [stored, [named]] = await Promise.all([
    getAppointment(z, bundle, eventId, true).catch((error: unknown) => {
      z.console.log(`The cancelled appointment could not be read back; Date Updated is left empty: ${failureName(error)}`);
      return undefined;
    }),
    names([cancelled]),
  ]);
  if (!stored) return named;
  const { calendarName, contactName, contactEmail, assignedUserName, assignedUserEmail } = named;
  return { ...stored, calendarName, contactName, contactEmail, assignedUserName, assignedUserEmail };
};
