import { defineCreate, type CreatePerform, type ZObject, type Bundle } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { getCalendar, locationTimeZone } from '../lib/calendar_events';
import { endpoints } from '../lib/endpoints';
import {
  appointmentDetailFields,
  appointmentScheduleFields,
  calendarField,
  needsLocationZone,
  readDetails,
  readSchedule,
  resolveSchedule,
} from '../lib/fields/appointment';
import { contactIdField } from '../lib/fields/contact_id';
import { checkId, ghl, inputError, isEmpty, locationIdOf } from '../lib/http';
import { appointmentOutputFields, appointmentSample, toAppointmentOutput } from '../lib/schemas/appointment';
import { slotMinutes } from '../lib/time';
import { normalizeEmail, text, validated } from '../lib/validate';

export const APPOINTMENT_CREATE_KEY = 'appointment_create';

const ContactRef = zod.looseObject({ id: zod.string() });

interface ContactByEmail {
  email: string;
  firstName?: string;
  lastName?: string;
}

/** GET /contacts/search/duplicate → {contact | null} (REFERENCE.md §6.1): the location's own matching rules. */
const findContactId = async (z: ZObject, bundle: Bundle, locationId: string, email: string): Promise<string | undefined> => {
  const found = await ghl(z, bundle, endpoints.contactDuplicate, { query: { locationId, email } });
  return found ? ContactRef.parse(found).id : undefined;
};

/**
 * POST /calendars/events/appointments → unwrapped appointment (REFERENCE.md §6.5, §11.16). Everything is checked
 * first; then the reads that do not depend on each other run in parallel (calendar slot length, location time
 * zone, contact by email), each only when needed; a missing contact is created (by upsert) only once every time is valid.
 */
export const perform: CreatePerform = async (z, bundle) => {
  const input = bundle.inputData;
  const locationId = locationIdOf(z, bundle);
  const calendarId = checkId(z, 'Calendar', input.calendarId);
  const contactId = isEmpty(input.contactId) ? undefined : checkId(z, 'Contact', input.contactId);
  const assignedUserId = isEmpty(input.assignedUserId) ? undefined : checkId(z, 'Assigned User', input.assignedUserId);
  const { schedule, details, byEmail } = validated(z, () => {
    const email = text(input.contactEmail);
    const byEmail: ContactByEmail | undefined =
      !contactId && email ? { email: normalizeEmail('Contact Email', email), firstName: text(input.contactFirstName), lastName: text(input.contactLastName) } : undefined;
    return { schedule: readSchedule(input), details: readDetails(input), byEmail };
  });
  if (!contactId && !byEmail) {
    throw inputError(z, 'Fill in Contact, or Contact Email to find the contact (or create it when it does not exist yet).');
  }
  if (!schedule.start) throw inputError(z, 'Start Time is required.');

  const [calendar, locationZone, foundContactId] = await Promise.all([
    schedule.end || schedule.duration !== undefined ? undefined : getCalendar(z, bundle, calendarId),
    needsLocationZone(schedule) ? locationTimeZone(z, bundle) : undefined,
    byEmail ? findContactId(z, bundle, locationId, byEmail.email) : undefined,
  ]);
  const times = validated(z, () =>
    resolveSchedule(schedule, schedule.zone ?? locationZone, { lengthMinutes: calendar && slotMinutes(calendar.slotDuration, calendar.slotDurationUnit) }),
  );

  let resolvedContactId = contactId ?? foundContactId;
  if (!resolvedContactId && byEmail) {
    // Upsert, not create: it matches on the email, so a replay or a parallel run books the same contact instead of
    // writing a second one (the lookup above reads a search index that can lag behind, §11.15).
    const upserted = await ghl(z, bundle, endpoints.contactUpsert, { body: { locationId, ...byEmail } });
    resolvedContactId = zod.looseObject({ contact: ContactRef }).parse(upserted).contact.id;
  }

  const appointment = await ghl(z, bundle, endpoints.appointmentCreate, {
    body: { ...details, calendarId, locationId, contactId: resolvedContactId, assignedUserId, ...times },
  });
  // The answer does not echo the description; the rest comes back as HighLevel stored it.
  return toAppointmentOutput({ description: details.description, ...zod.looseObject({}).parse(appointment) });
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
        ...contactIdField('Contact to book. Choose one or map a contact ID (e.g. `ocQHyuzHvysMo5N5VsXc`); or leave empty and fill in Contact Email.'),
        required: false,
      },
      {
        key: 'contactEmail',
        label: 'Contact Email',
        helpText: 'Used when Contact is empty: the contact with this email, e.g. `lena.vogt@example.com`, is booked; a new contact is created when none exists.',
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
