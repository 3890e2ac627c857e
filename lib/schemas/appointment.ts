import { z } from 'zod';
import { lenient } from './lenient';
import { isoDate } from './contact';

/**
 * The HighLevel appointment / calendar event (REFERENCE.md §6.5, §7). Create and update answer unwrapped and
 * without dateAdded/dateUpdated (§11.16); GET answers {event}; GET /contacts/{id}/appointments answers {events}.
 */
export const Appointment = z.looseObject({
  id: z.string(),
  calendarId: lenient(z.string()),
  locationId: lenient(z.string()),
  contactId: lenient(z.string()),
  title: lenient(z.string()),
  appointmentStatus: lenient(z.string()),
  status: lenient(z.string()),
  assignedUserId: lenient(z.string()),
  address: lenient(z.string()),
  notes: lenient(z.string()),
  description: lenient(z.string()),
  meetingLocationType: lenient(z.string()),
  startTime: lenient(z.string()),
  endTime: lenient(z.string()),
  dateAdded: lenient(z.string()),
  dateUpdated: lenient(z.string()),
  // The spec types these loosely (isRecurring's example is the string "true"): never fail a Zap over them.
  isRecurring: z.unknown().optional(),
  groupId: lenient(z.string()),
  users: lenient(z.array(z.unknown())),
});
export type Appointment = z.infer<typeof Appointment>;

export interface AppointmentOutput {
  id: string;
  calendarId: string;
  locationId: string;
  contactId: string;
  title: string;
  appointmentStatus: string;
  assignedUserId: string;
  address: string;
  notes: string;
  startTime: string;
  endTime: string;
  dateAdded: string;
  dateUpdated: string;
  [extra: string]: unknown;
}

export const toAppointmentOutput = (raw: unknown): AppointmentOutput => {
  const a = Appointment.parse(raw);
  return {
    ...a,
    id: a.id,
    calendarId: a.calendarId ?? '',
    locationId: a.locationId ?? '',
    contactId: a.contactId ?? '',
    title: a.title ?? '',
    appointmentStatus: a.appointmentStatus ?? a.status ?? '',
    assignedUserId: a.assignedUserId ?? '',
    address: a.address ?? '',
    notes: a.notes ?? a.description ?? '',
    // GET /contacts/{id}/appointments shows "2021-07-16 11:00:00" (§6.5 spec example): made ISO like the rest.
    startTime: isoDate(a.startTime),
    endTime: isoDate(a.endTime),
    dateAdded: isoDate(a.dateAdded),
    dateUpdated: isoDate(a.dateUpdated),
  };
};

/** Milliseconds of an output date for sorting; unknown dates sort last. */
export const timeOf = (value: string): number => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? -Infinity : ms;
};

export const appointmentSample: AppointmentOutput = {
  id: 'Ap7kQ2mN4pR6sT8uV0wX',
  calendarId: 'Cal3bD5fH7jL9nP1rT3v',
  locationId: 've9EPM428h8vShlRW1KT',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  title: 'Live Q&A: Core Strength',
  appointmentStatus: 'confirmed',
  assignedUserId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  address: 'https://zoom.us/j/123456789',
  notes: 'Booked from TrainerCentral',
  startTime: '2026-06-24T11:00:00+02:00',
  endTime: '2026-06-24T12:00:00+02:00',
  dateAdded: '2026-06-04T09:25:00.000Z',
  dateUpdated: '2026-06-04T09:25:00.000Z',
};

export const appointmentOutputFields = [
  { key: 'id', label: 'Appointment ID' },
  { key: 'calendarId', label: 'Calendar ID' },
  { key: 'contactId', label: 'Contact ID' },
  { key: 'title', label: 'Title' },
  { key: 'appointmentStatus', label: 'Status' },
  { key: 'assignedUserId', label: 'Assigned User ID' },
  { key: 'address', label: 'Address or Meeting Link' },
  { key: 'notes', label: 'Notes' },
  { key: 'startTime', label: 'Start Time', type: 'datetime' as const },
  { key: 'endTime', label: 'End Time', type: 'datetime' as const },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' as const },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' as const },
  { key: 'locationId', label: 'Location ID' },
];

/** "Appointment Updated" items: the id changes with every update (Zapier dedupes on it); the real id stays. */
export interface AppointmentChangeOutput extends AppointmentOutput {
  appointmentId: string;
}

export const toAppointmentChange = (a: AppointmentOutput): AppointmentChangeOutput => ({ ...a, id: `${a.id}:${a.dateUpdated}`, appointmentId: a.id });

export const appointmentChangeSample: AppointmentChangeOutput = {
  ...appointmentSample,
  id: 'Ap7kQ2mN4pR6sT8uV0wX:2026-06-10T14:05:31.512Z',
  appointmentId: 'Ap7kQ2mN4pR6sT8uV0wX',
  appointmentStatus: 'cancelled',
  dateUpdated: '2026-06-10T14:05:31.512Z',
};

export const appointmentChangeOutputFields = [
  { key: 'id', label: 'Change ID (Appointment ID and Date Updated)' },
  { key: 'appointmentId', label: 'Appointment ID' },
  ...appointmentOutputFields.filter((f) => f.key !== 'id'),
];
