import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { asRecord, changeVariant, defineObject, field, type OutputOf } from '../schema/define';
import { fingerprint } from '../schema/fingerprint';
import { isoDate } from '../schema/values';

/**
 * The HighLevel appointment / calendar event (docs/highlevel-api.md §6.5, §7). Create and update answer unwrapped
 * and without dateAdded/dateUpdated (§11.16); GET answers {event}; GET /contacts/{id}/appointments answers {events};
 * webhook bodies (AppointmentCreate/Update/Delete, §9.2) carry it under `appointment`.
 */
export const appointmentDef = defineObject({
  id: field.id('Appointment ID'),
  calendarId: field.text('Calendar ID'),
  calendarName: field.lookedUp('Calendar Name'),
  contactId: field.text('Contact ID'),
  contactName: field.lookedUp('Contact Name'),
  contactEmail: field.lookedUp('Contact Email'),
  title: field.text('Title'),
  appointmentStatus: field.text('Status'),
  assignedUserId: field.text('Assigned User ID'),
  assignedUserName: field.lookedUp('Assigned User Name'),
  assignedUserEmail: field.lookedUp('Assigned User Email'),
  address: field.text('Address or Meeting Link'),
  notes: field.text('Notes'),
  startTime: field.datetime('Start Time'),
  endTime: field.datetime('End Time'),
  dateAdded: field.datetime('Date Added'),
  dateUpdated: field.datetime('Date Updated'),
  locationId: field.text('Location ID'),
});

export type AppointmentOutput = OutputOf<typeof appointmentDef.fields>;

/** What an answer must carry to be read as an appointment: its id. */
export const AppointmentAnswer = lazy(() => zod.looseObject({ id: zod.string() }));
export type AppointmentAnswer = z.infer<typeof AppointmentAnswer>;

const str = (raw: Record<string, unknown>, key: string): string => (typeof raw[key] === 'string' ? (raw[key] as string) : '');

/** `zone` places times HighLevel sent without one (GET /contacts/{id}/appointments, §14.2). */
const fromRecord = (raw: Record<string, unknown>, zone?: string): AppointmentOutput => {
  const a = appointmentDef.read(raw);
  return {
    ...raw,
    ...a,
    appointmentStatus: typeof raw.appointmentStatus === 'string' ? a.appointmentStatus : str(raw, 'status'),
    notes: typeof raw.notes === 'string' ? a.notes : str(raw, 'description'),
    startTime: isoDate(raw.startTime, zone),
    endTime: isoDate(raw.endTime, zone),
    dateAdded: isoDate(raw.dateAdded, zone),
    dateUpdated: isoDate(raw.dateUpdated, zone),
  };
};

/** GET /calendars/events/appointments/{id} ({event}), the items of GET /calendars/events, create and update answers. */
export const appointmentFromRest = (raw: unknown): AppointmentOutput => fromRecord(asRecord(raw));

/**
 * An item of GET /contacts/{id}/appointments ({events}). Its times may come without a zone ("2021-07-16 11:00:00",
 * the spec's example): they are read in `zone`, the location's time zone — not as UTC (§14.2).
 */
export const appointmentFromContactList = (raw: unknown, zone?: string): AppointmentOutput => fromRecord(asRecord(raw), zone);

/**
 * An AppointmentCreate / AppointmentUpdate / AppointmentDelete body: the appointment is under `appointment`. Times
 * without a zone are read in `zone` (the location's), as for the contact's appointment list (§14.2).
 */
export const appointmentFromWebhook = (payload: unknown, zone?: string): AppointmentOutput => {
  const body = asRecord(payload);
  const raw = asRecord(body.appointment);
  const locationId = typeof body.locationId === 'string' ? body.locationId : '';
  return fromRecord({ locationId, ...raw, id: typeof raw.id === 'string' ? raw.id : '' }, zone);
};

export { timeOf } from '../schema/values';

/**
 * A short fingerprint of what a person sees on an appointment: calendar, contact, title, status, assignee, place,
 * notes and the start and end instants (compared as instants, whatever offset they are written with). A write that
 * changes none of them keeps it; HighLevel's own stamps (dateAdded, dateUpdated) are left out.
 */
export const appointmentFingerprint = (a: AppointmentOutput): string => {
  const raw = a as AppointmentOutput & { users?: unknown };
  const instant = (value: string | null) => (value === null || Number.isNaN(Date.parse(value)) ? value : Date.parse(value));
  return fingerprint([
    a.calendarId,
    a.contactId,
    a.title,
    a.appointmentStatus.toLowerCase(),
    a.assignedUserId,
    a.address,
    a.notes,
    instant(a.startTime),
    instant(a.endTime),
    Array.isArray(raw.users) ? [...(raw.users as unknown[])].map(String).sort() : [],
  ]);
};

export const appointmentSample = {
  id: 'Ap7kQ2mN4pR6sT8uV0wX',
  calendarId: 'Cal3bD5fH7jL9nP1rT3v',
  calendarName: 'Pilates 1:1',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  contactName: 'Lena Vogt',
  contactEmail: 'lena.vogt@example.com',
  title: 'Live Q&A: Core Strength',
  appointmentStatus: 'confirmed',
  assignedUserId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  assignedUserName: 'Anna Schmidt',
  assignedUserEmail: 'anna@pilates-berlin.example.com',
  address: 'https://zoom.us/j/123456789',
  notes: 'Booked from TrainerCentral',
  startTime: '2026-06-24T11:00:00+02:00',
  endTime: '2026-06-24T12:00:00+02:00',
  dateAdded: '2026-06-04T09:25:00.000Z',
  dateUpdated: '2026-06-04T09:25:00.000Z',
  locationId: 've9EPM428h8vShlRW1KT',
} satisfies AppointmentOutput;

/** Cancel Appointment's output: the appointment read back after the cancel, dated by it. */
export const appointmentCancelledSample = {
  ...appointmentSample,
  appointmentStatus: 'cancelled',
  dateUpdated: '2026-06-10T14:05:31.512Z',
} satisfies AppointmentOutput;

export const appointmentOutputFields = appointmentDef.outputFields;

/** "Appointment Updated" items: the id changes with every update (Zapier dedupes on it); the real id stays. */
export const appointmentChangeDef = changeVariant(appointmentDef, {
  idLabel: 'Change ID (Appointment ID and Date Updated)',
  realIdKey: 'appointmentId',
  realIdLabel: 'Appointment ID',
});
export type AppointmentChangeOutput = OutputOf<typeof appointmentChangeDef.fields>;

/** The change id: `<appointment id>:<dateUpdated>`, or the fingerprint in its place when HighLevel sent no date. */
export const toAppointmentChange = (a: AppointmentOutput): AppointmentChangeOutput => ({
  ...a,
  id: `${a.id}:${a.dateUpdated || appointmentFingerprint(a)}`,
  appointmentId: a.id,
});

export const appointmentChangeSample = {
  ...appointmentSample,
  id: 'Ap7kQ2mN4pR6sT8uV0wX:2026-06-10T14:05:31.512Z',
  appointmentId: 'Ap7kQ2mN4pR6sT8uV0wX',
  appointmentStatus: 'cancelled',
  dateUpdated: '2026-06-10T14:05:31.512Z',
} satisfies AppointmentChangeOutput;

export const appointmentChangeOutputFields = appointmentChangeDef.outputFields;
