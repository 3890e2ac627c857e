import { DateTime } from 'luxon';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { SWITCHES, getAppointment, putAppointment } from '../lib/appointment/api';
import {
  appointmentDetailFields,
  appointmentIdField,
  appointmentScheduleFields,
  calendarField,
  needsLocationZone,
  readDetails,
  readSchedule,
  resolveSchedule,
} from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { checkId, inputError, isEmpty, validated } from '../lib/input';
import { locationTimeZone } from '../lib/location/api';
import { appointmentNames } from '../lib/appointment/names';

export const APPOINTMENT_UPDATE_KEY = 'appointment_update';

const minutesBetween = (start: string | null, end: string | null): number | undefined => {
  const ms = Date.parse(end ?? '') - Date.parse(start ?? '');
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
  const named = appointmentNames(z, bundle, { contacts: true, start: true, contactId: current?.contactId });
  return (await named([await putAppointment(z, bundle, eventId, { ...details, calendarId, assignedUserId, ...times }, current)]))[0];
};

export default defineCreate({
  key: APPOINTMENT_UPDATE_KEY,
  noun: 'Appointment',
  display: {
    label: 'Update Appointment',
    description:
      'Updates an appointment: reschedules it, changes its status, reassigns it or edits its details. Only the fields you fill in change. ' +
      'A new start without an end keeps the current length. Date Updated is empty (null) in the result, since the update answer does not carry it.',
  },
  operation: {
    inputFields: [
      appointmentIdField(
        'Appointment to change. Choose one, map an appointment ID from an earlier step (e.g. `Ap7kQ2mN4pR6sT8uV0wX`), or add a Find Appointment step.',
      ),
      ...appointmentScheduleFields('update'),
      ...appointmentDetailFields('update'),
      calendarField('update'),
    ],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
