import { DateTime } from 'luxon';
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listAppointments, pollWindow, upcomingFirst } from '../lib/calendar_events';
import type { AppointmentOutput } from '../lib/schemas/appointment';

export const APPOINTMENT_LIST_KEY = 'appointment_list';

/** "Live Q&A: Core Strength, 2026-06-24 11:00 (confirmed)": what a user recognises in a dropdown. */
export const appointmentLabel = (a: AppointmentOutput): string => {
  const start = DateTime.fromISO(a.startTime, { setZone: true });
  const when = start.isValid ? start.toFormat('yyyy-MM-dd HH:mm') : '';
  const head = [a.title || 'Appointment', when].filter(Boolean).join(', ');
  return a.appointmentStatus ? `${head} (${a.appointmentStatus})` : head;
};

/** Appointments on all calendars (at most 10) for dropdowns, upcoming first: the same window as the triggers. */
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
