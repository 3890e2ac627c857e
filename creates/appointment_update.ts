import { DateTime } from 'luxon';
import { defineCreate, type Bundle, type CreatePerform, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { locationTimeZone } from '../lib/calendar_events';
import { endpoints } from '../lib/endpoints';
import {
  appointmentDetailFields,
  appointmentIdField,
  appointmentScheduleFields,
  calendarField,
  needsLocationZone,
  readDetails,
  readSchedule,
  resolveSchedule,
} from '../lib/fields/appointment';
import { checkId, ghl, inputError, isEmpty } from '../lib/http';
import { appointmentOutputFields, appointmentSample, toAppointmentOutput, type AppointmentOutput } from '../lib/schemas/appointment';
import { validated } from '../lib/validate';

export const APPOINTMENT_UPDATE_KEY = 'appointment_update';

const Answer = zod.looseObject({});
const SWITCHES = new Set(['toNotify', 'ignoreFreeSlotValidation', 'ignoreDateRange']);

/**
 * PUT /calendars/events/appointments/{id} with only the fields given (REFERENCE.md §6.5). Its answer is unwrapped
 * and lacks dateAdded/dateUpdated (§11.16), so the result merges what was known before, what was sent and what
 * came back; Date Updated stays empty rather than showing the old value.
 */
export const putAppointment = async (z: ZObject, bundle: Bundle, eventId: string, body: Record<string, unknown>, before?: AppointmentOutput): Promise<AppointmentOutput> => {
  const answer = Answer.parse(await ghl(z, bundle, endpoints.appointmentUpdate, { path: { eventId }, labels: { eventId: 'Appointment' }, body }));
  // The switches are instructions for this request, not properties of the appointment.
  const sent = Object.fromEntries(Object.entries(body).filter(([key, value]) => value !== undefined && !SWITCHES.has(key)));
  return toAppointmentOutput({ ...before, ...sent, ...answer, id: typeof answer.id === 'string' ? answer.id : eventId, dateUpdated: '' });
};

const getAppointment = async (z: ZObject, bundle: Bundle, eventId: string): Promise<AppointmentOutput> =>
  toAppointmentOutput(await ghl(z, bundle, endpoints.appointmentGet, { path: { eventId }, labels: { eventId: 'Appointment' } }));

const minutesBetween = (start: string, end: string): number | undefined => {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms > 0 ? ms / 60_000 : undefined;
};

export const perform: CreatePerform = async (z, bundle) => {
  const input = bundle.inputData;
  const eventId = checkId(z, 'Appointment', input.appointmentId);
  const calendarId = isEmpty(input.calendarId) ? undefined : checkId(z, 'Move to Calendar', input.calendarId);
  const assignedUserId = isEmpty(input.assignedUserId) ? undefined : checkId(z, 'Assigned User', input.assignedUserId);
  const { schedule, details } = validated(z, () => ({ schedule: readSchedule(input), details: readDetails(input) }));
  const changes = { ...details, calendarId, assignedUserId, start: schedule.start, end: schedule.end, duration: schedule.duration };
  if (!Object.entries(changes).some(([key, value]) => value !== undefined && !SWITCHES.has(key))) {
    throw inputError(z, 'Nothing to change: fill in at least one field to update (e.g. Start Time, Status or Assigned User).');
  }

  // The current appointment is read only when the new times depend on it: a new start keeps the current length,
  // a new duration counts from the current start.
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
  return putAppointment(z, bundle, eventId, { ...details, calendarId, assignedUserId, ...times }, current);
};

export default defineCreate({
  key: APPOINTMENT_UPDATE_KEY,
  noun: 'Appointment',
  display: {
    label: 'Update Appointment',
    description:
      'Updates an appointment: reschedules it, changes its status, reassigns it or edits its details. Only the fields you fill in change. ' +
      'A new start without an end keeps the current length. Date Updated is left empty in the result (HighLevel does not send it back).',
  },
  operation: {
    inputFields: [
      appointmentIdField('Appointment to change. Choose one, map an appointment ID from an earlier step (e.g. `Ap7kQ2mN4pR6sT8uV0wX`), or add a Find Appointment step.'),
      ...appointmentScheduleFields('update'),
      ...appointmentDetailFields('update'),
      calendarField('update'),
    ],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
