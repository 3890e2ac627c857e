import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { appointmentDetailFields, appointmentScheduleFields, calendarField, readDetails, readSchedule } from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { bookAppointment, type ContactByEmail } from '../lib/appointment/write';
import { contactIdField } from '../lib/contact/fields';
import { locationIdOf } from '../lib/http/client';
import { checkId, inputError, isEmpty, normalizeEmail, text, validated } from '../lib/input';
import { APPOINTMENT_CREATE_KEY } from '../lib/keys';

export { APPOINTMENT_CREATE_KEY };

/**
 * POST /calendars/events/appointments → unwrapped appointment (docs/highlevel-api.md §6.5, §11.16). Everything is checked
 * first; a contact given by email is found, or created once every time is valid (lib/appointment/write.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const input = bundle.inputData;
  const locationId = locationIdOf(z, bundle);
  const calendarId = checkId(z, 'Calendar', input.calendarId);
  const contactId = isEmpty(input.contactId) ? undefined : checkId(z, 'Contact', input.contactId);
  const assignedUserId = isEmpty(input.assignedUserId) ? undefined : checkId(z, 'Assigned User', input.assignedUserId);
  const { schedule, details, byEmail } = validated(z, () => {
    const email = text(input.contactEmail, 'Contact Email');
    const byEmail: ContactByEmail | undefined =
      !contactId && email
        ? {
            email: normalizeEmail('Contact Email', email),
            firstName: text(input.contactFirstName, 'First Name (New Contact)'),
            lastName: text(input.contactLastName, 'Last Name (New Contact)'),
          }
        : undefined;
    return { schedule: readSchedule(input), details: readDetails(input), byEmail };
  });
  if (!contactId && !byEmail) {
    throw inputError(z, 'Fill in Contact, or Contact Email to find the contact (or create it when it does not exist yet).');
  }
  if (!schedule.start) throw inputError(z, 'Start Time is required.');
  return bookAppointment(z, bundle, locationId, { calendarId, contactId, assignedUserId, schedule, details, byEmail });
};

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
      {
        ...contactIdField('Contact to book. Choose one or map a contact ID (e.g. `ocQHyuzHvysMo5N5VsXc`); or leave empty and fill in Contact Email.', {
          required: false,
        }),
      },
      {
        key: 'contactEmail',
        label: 'Contact Email',
        helpText:
          'Used when Contact is empty: the contact with this email, e.g. `lena.vogt@example.com`, is booked; a new contact is created when none exists.',
      },
      { key: 'contactFirstName', label: 'First Name (New Contact)', helpText: 'Given name for a contact created from Contact Email, e.g. `Lena`.' },
      { key: 'contactLastName', label: 'Last Name (New Contact)', helpText: 'Family name for a contact created from Contact Email, e.g. `Vogt`.' },
      ...appointmentScheduleFields('create'),
      ...appointmentDetailFields('create'),
    ],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
