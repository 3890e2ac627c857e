import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { SWITCHES } from '../lib/appointment/api';
import { appointmentDetailFields, appointmentIdField, appointmentScheduleFields, calendarField, readDetails, readSchedule } from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { changeAppointment } from '../lib/appointment/write';
import { checkId, inputError, isEmpty, validated } from '../lib/input';

export const APPOINTMENT_UPDATE_KEY = 'appointment_update';

/** PUT /calendars/events/appointments/{id} with only the fields given (docs/highlevel-api.md §6.5; lib/appointment/write.ts). */
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
  return changeAppointment(z, bundle, eventId, { calendarId, assignedUserId, schedule, details });
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
