import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { appointmentDetailFields, appointmentIdField, appointmentScheduleFields, calendarField, readChanges } from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { changeAppointment } from '../lib/appointment/write';
import { checkId } from '../lib/input';

export const APPOINTMENT_UPDATE_KEY = 'appointment_update';

/** PUT /calendars/events/appointments/{id} with only the fields given (docs/highlevel-api.md §6.5; lib/appointment/write.ts). */
export const perform: CreatePerform = async (z, bundle) => {
  const eventId = checkId(z, 'Appointment', bundle.inputData.appointmentId);
  return changeAppointment(z, bundle, eventId, readChanges(z, bundle.inputData));
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
