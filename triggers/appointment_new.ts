import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { MAX_CALENDARS } from '../lib/appointment/api';
import { calendarFilterField, watchedCalendar } from '../lib/appointment/fields';
import { pollNewAppointments } from '../lib/appointment/poll';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';

export const APPOINTMENT_NEW_KEY = 'appointment_new';

/**
 * GET /calendars/events on every watched calendar in parallel over a window of 30 days back to 180 days ahead
 * (docs/highlevel-api.md §8), newest booking first by dateAdded; Zapier dedupes on the appointment id.
 */
export const perform: PollingTriggerPerform = (z, bundle) => pollNewAppointments(z, bundle, watchedCalendar(z, bundle.inputData.calendarId));

export default defineTrigger({
  key: APPOINTMENT_NEW_KEY,
  noun: 'Appointment',
  display: {
    label: 'New Appointment',
    description:
      `Triggers when an appointment is booked on the chosen calendar, or on any calendar of the location (up to ${MAX_CALENDARS}, one request each per check), ` +
      'for appointments starting between 30 days ago and 180 days ahead. For bookings outside that window, or more calendars, use the instant New Appointment trigger.',
  },
  operation: {
    type: 'polling',
    inputFields: [calendarFilterField],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
