import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { zod } from '../lib/schema/zod';
import { appointmentShown, contactAppointments, getCalendar } from '../lib/appointment/api';
import {
  appointmentDetailFields,
  appointmentScheduleFields,
  calendarField,
  needsLocationZone,
  readDetails,
  readSchedule,
  resolveSchedule,
} from '../lib/appointment/fields';
import { AppointmentAnswer, appointmentFromRest, appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { findDuplicate } from '../lib/contact/api';
import { contactIdField } from '../lib/contact/fields';
import { ContactAnswer } from '../lib/contact/schema';
import { ghl, locationIdOf } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { replaySafeCreate } from '../lib/http/replay';
import { checkId, inputError, isEmpty, normalizeEmail, text, validated } from '../lib/input';
import { locationTimeZone } from '../lib/location/api';
import { slotMinutes } from '../lib/time';
import { appointmentNames } from '../lib/appointment/names';

export const APPOINTMENT_CREATE_KEY = 'appointment_create';

interface ContactByEmail {
  email: string;
  firstName?: string;
  lastName?: string;
}

/**
 * POST /calendars/events/appointments → unwrapped appointment (docs/highlevel-api.md §6.5, §11.16). Everything is checked
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
    const upserted = await ghl(z, bundle, endpoints.contactUpsert, {
      body: { locationId, ...byEmail },
      answer: zod.looseObject({ contact: ContactAnswer }),
      unreadable: 'without the contact it created or found',
    });
    resolvedContactId = upserted.contact.id;
  }

  // Calendar, user and contact names are read beside the booking (lib/appointment/names.ts).
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
