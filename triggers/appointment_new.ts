import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { MAX_CALENDARS, listAppointments, pollWindow } from '../lib/appointment/api';
import { calendarFilterField, watchedCalendar } from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample, timeOf } from '../lib/appointment/schema';

export const APPOINTMENT_NEW_KEY = 'appointment_new';

/**
 * GET /calendars/events per calendar over a window of 30 days back to 180 days ahead (docs/highlevel-api.md §8),
 * newest booking first by dateAdded; Zapier dedupes on the appointment id.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const calendarId = watchedCalendar(z, bundle.inputData.calendarId);
  const appointments = await listAppointments(z, bundle, calendarId, pollWindow());
  return appointments.sort((a, b) => timeOf(b.dateAdded) - timeOf(a.dateAdded) || a.id.localeCompare(b.id));
};

export default defineTrigger({
  key: APPOINTMENT_NEW_KEY,
  noun: 'Appointment',
  display: {
    label: 'New Appointment',
    description: `Triggers when an appointment is booked on a calendar (or on any of the first ${MAX_CALENDARS} calendars), for appointments starting between 30 days ago and 180 days ahead.`,
  },
  operation: {
    type: 'polling',
    inputFields: [calendarFilterField],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
