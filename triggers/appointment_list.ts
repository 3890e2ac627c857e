import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { appointmentLabel, listAppointments, pollWindow, upcomingFirst } from '../lib/appointment/api';
import { APPOINTMENT_LIST_KEY } from '../lib/keys';

/** Appointments on all calendars (up to MAX_CALENDARS) for dropdowns, upcoming first: the same window as the triggers. */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  upcomingFirst(await listAppointments(z, bundle, undefined, pollWindow())).map((a) => ({ id: a.id, label: appointmentLabel(a) }));

export default defineTrigger({
  key: APPOINTMENT_LIST_KEY,
  noun: 'Appointment',
  display: { label: 'List Appointments', description: 'Triggers when an appointment is booked (lists appointments for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'Ap7kQ2mN4pR6sT8uV0wX', label: 'Live Q&A: Core Strength, 2026-06-24 11:00 (confirmed)' },
    outputFields: [
      { key: 'id', label: 'Appointment ID' },
      { key: 'label', label: 'Title, Start and Status' },
    ],
  },
});
