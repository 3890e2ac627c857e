import type { Bundle, ZObject } from 'zapier-platform-core';
import { cachedLocation } from '../location/api';
import { asRecord } from '../schema/define';
import { isZoneless } from '../schema/values';
import { getAppointment } from './api';
import { appointmentFromWebhook, type AppointmentOutput } from './schema';
import { appointmentNames } from './names';

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
  const named = appointmentNames(z, bundle, { contacts: true, start: true, contactId: sent.contactId });
  if (!fetch || !sent.id || (sent.calendarId && sent.startTime && sent.dateUpdated)) return (await named([sent]))[0];
  const full = await getAppointment(z, bundle, sent.id, true);
  return (await named([full ? { ...sent, ...full, locationId: full.locationId || sent.locationId } : sent]))[0];
};
