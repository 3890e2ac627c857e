import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { MAX_CALENDARS } from '../lib/appointment/api';
import { calendarFilterField, statusFilterField, statusFilterOf, watchedCalendar } from '../lib/appointment/fields';
import { pollUpdatedAppointments } from '../lib/appointment/poll';
import { appointmentChangeOutputFields, appointmentChangeSample } from '../lib/appointment/schema';

export const APPOINTMENT_UPDATED_KEY = 'appointment_updated';

/**
 * Same window and calendars as New Appointment; an appointment is reported when what a person sees on it changed
 * since the previous poll (lib/appointment/poll.ts), each change with its own id `<appointment id>:<dateUpdated>`
 * (docs/highlevel-api.md §8), most recently changed first.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const calendarId = watchedCalendar(z, bundle.inputData.calendarId);
  const status = statusFilterOf(z, bundle.inputData.status);
  return pollUpdatedAppointments(z, bundle, calendarId, status);
};

export default defineTrigger({
  key: APPOINTMENT_UPDATED_KEY,
  noun: 'Appointment',
  display: {
    label: 'Appointment Updated',
    description:
      'Triggers when an appointment is changed after booking: rescheduled, its status changed (e.g. cancelled, showed, no-show), reassigned, or its title, place or notes edited. A save that changes nothing does not trigger; changing a value back does. ' +
      `Watches the chosen calendar or every calendar (up to ${MAX_CALENDARS}), for appointments starting between 30 days ago and 180 days ahead; for others use the instant Appointment Updated trigger.`,
  },
  operation: {
    type: 'polling',
    inputFields: [calendarFilterField, statusFilterField],
    perform,
    sample: appointmentChangeSample,
    outputFields: appointmentChangeOutputFields,
  },
});
