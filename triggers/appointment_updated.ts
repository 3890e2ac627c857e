import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { MAX_CALENDARS, listAppointments, pollWindow, wasChanged } from '../lib/appointment/api';
import { STATUS_CHOICES, calendarFilterField, watchedCalendar } from '../lib/appointment/fields';
import { appointmentChangeOutputFields, appointmentChangeSample, timeOf, toAppointmentChange } from '../lib/appointment/schema';
import { choice, validated } from '../lib/input';

export const APPOINTMENT_UPDATED_KEY = 'appointment_updated';

/**
 * Same window as New Appointment; each change gets its own id `<appointment id>:<dateUpdated>`
 * (docs/highlevel-api.md §8), most recently changed first.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const calendarId = watchedCalendar(z, bundle.inputData.calendarId);
  const status = validated(z, () => choice('Status', bundle.inputData.status, STATUS_CHOICES));
  const appointments = await listAppointments(z, bundle, calendarId, pollWindow());
  return appointments
    .filter(wasChanged)
    .filter((a) => !status || a.appointmentStatus.toLowerCase() === status)
    .sort((a, b) => timeOf(b.dateUpdated) - timeOf(a.dateUpdated) || a.id.localeCompare(b.id))
    .map(toAppointmentChange);
};

export default defineTrigger({
  key: APPOINTMENT_UPDATED_KEY,
  noun: 'Appointment',
  display: {
    label: 'Appointment Updated',
    description:
      `Triggers when an appointment is changed after booking: rescheduled, its status changed (e.g. cancelled, showed, no-show) or reassigned. ` +
      `Watches one calendar or the first ${MAX_CALENDARS}, for appointments starting between 30 days ago and 180 days ahead.`,
  },
  operation: {
    type: 'polling',
    inputFields: [
      calendarFilterField,
      {
        key: 'status',
        label: 'Only When Status Is',
        choices: STATUS_CHOICES,
        helpText: 'Trigger only for appointments whose status is now this, e.g. `cancelled` for cancellations. Leave empty for every change.',
      },
    ],
    perform,
    sample: appointmentChangeSample,
    outputFields: appointmentChangeOutputFields,
  },
});
