import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { appointmentDetailFields, appointmentScheduleFields, bookingContactFields, calendarField, readBooking } from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { bookAppointment } from '../lib/appointment/write';
import { contactIdField } from '../lib/contact/fields';
import { APPOINTMENT_CREATE_KEY } from '../lib/keys';

export { APPOINTMENT_CREATE_KEY };

/**
 * POST /calendars/events/appointments → unwrapped appointment (docs/highlevel-api.md §6.5, §11.16). Everything is checked
 * first; a contact given by email is found, or created once every time is valid (lib/appointment/write.ts).
 */
export const perform: CreatePerform = (z, bundle) => bookAppointment(z, bundle, readBooking(z, bundle.inputData));

export default defineCreate({
  key: APPOINTMENT_CREATE_KEY,
  noun: 'Appointment',
  display: {
    label: 'Create Appointment',
    description:
      'Creates an appointment on a calendar for a contact, found by ID or by email (and created when missing), at the right time in the right time zone.',
  },
  operation: {
    inputFields: [
      calendarField('create'),
      contactIdField('Contact to book. Choose one or map a contact ID (e.g. `ocQHyuzHvysMo5N5VsXc`); or leave empty and fill in Contact Email.', {
        required: false,
      }),
      ...bookingContactFields,
      ...appointmentScheduleFields('create'),
      ...appointmentDetailFields('create'),
    ],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
