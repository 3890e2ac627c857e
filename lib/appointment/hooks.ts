import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedLocation } from '../location/api';
import { asRecord } from '../schema/define';
import { fingerprint } from '../schema/fingerprint';
import { isZoneless, timeOf } from '../schema/values';
import { getAppointment } from './api';
import { appointmentFromWebhook, type AppointmentOutput } from './schema';

/**
 * The appointment of a relayed AppointmentCreate / AppointmentUpdate / AppointmentDelete event
 * (docs/highlevel-api.md §9.2: the appointment under `appointment`), as the polling appointment triggers output it.
 * Times without a zone are read in the location's zone (§14.2, the location read shared per connection). The body
 * carries every output field the docs list; when one the triggers rely on is missing (calendar, start, dateUpdated)
 * the appointment is read in full (GET /calendars/events/appointments/{id}), unless it was deleted.
 */
const TIME_KEYS = ['startTime', 'endTime', 'dateAdded', 'dateUpdated'];

export const appointmentFromDelivery = async (
  z: ZObject,
  bundle: Bundle,
  payload: Record<string, unknown>,
  { fetch }: { fetch: boolean },
): Promise<AppointmentOutput> => {
  const raw = asRecord(asRecord(payload).appointment);
  const zone = TIME_KEYS.some((key) => isZoneless(raw[key])) ? ((await cachedLocation(z, bundle)).timezone ?? undefined) : undefined;
  const sent = appointmentFromWebhook(payload, zone);
  if (!fetch || !sent.id || (sent.calendarId && sent.startTime && sent.dateUpdated)) return sent;
  const full = await getAppointment(z, bundle, sent.id, true);
  return full ? { ...sent, ...full, locationId: full.locationId || sent.locationId } : sent;
};

/**
 * What a person sees on an appointment: calendar, contact, title, status, assignee and attendees, place, notes and the
 * start and end instants (an offset written differently is no change). HighLevel's own stamps (dateAdded,
 * dateUpdated) are left out, so a save that changes nothing keeps the fingerprint. The same rule as the polling
 * Appointment Updated's (shared from here).
 */
export const appointmentFingerprint = (a: AppointmentOutput): string => {
  const users = (a as AppointmentOutput & { users?: unknown }).users;
  return fingerprint([
    a.calendarId,
    a.contactId,
    a.title,
    a.appointmentStatus.toLowerCase(),
    a.assignedUserId,
    a.address,
    a.notes,
    timeOf(a.startTime),
    timeOf(a.endTime),
    Array.isArray(users) ? users.map(String).sort() : [],
  ]);
};
