import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { wasChanged } from '../lib/appointment/api';
import { recentAppointments } from '../lib/appointment/poll';
import { calendarHookField, statusFilterField, statusFilterOf, watchedCalendar } from '../lib/appointment/fields';
import { appointmentFromDelivery } from '../lib/appointment/hooks';
import { appointmentChangeOutputFields, appointmentChangeSample, appointmentFingerprint, toAppointmentChange } from '../lib/appointment/schema';
import { changedSinceSeen } from '../lib/hooks/memory';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { appointmentNames } from '../lib/appointment/names';

export const APPOINTMENT_UPDATED_INSTANT_KEY = 'appointment_updated_instant';
const EVENT = 'appointment.updated';

/**
 * A relayed AppointmentUpdate (docs/highlevel-api.md §9.2): rescheduled, cancelled, another status, reassigned. The
 * relay applies the calendar filter, the status filter applies here; an update that leaves what a person sees as this
 * Zap saw it last fires nothing. Output as Appointment Updated's: id `<appointment id>:<dateUpdated>`.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const status = statusFilterOf(z, bundle.inputData.status);
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const appointment = await appointmentFromDelivery(z, bundle, delivery.payload, { fetch: true });
  if (status && appointment.appointmentStatus.toLowerCase() !== status) return [];
  const changed = await changedSinceSeen(z, bundle, APPOINTMENT_UPDATED_INSTANT_KEY, appointment.id, appointmentFingerprint(appointment));
  return changed ? [toAppointmentChange(appointment)] : [];
};

/** "Test trigger": Appointment Updated's read. */
export const performList: WebhookTriggerPerformList = async (z, bundle) => {
  const status = statusFilterOf(z, bundle.inputData.status);
  const appointments = await recentAppointments(z, bundle, watchedCalendar(z, bundle.inputData.calendarId), 'dateUpdated');
  return appointmentNames(z, bundle, { contacts: false })(
    appointments
      .filter(wasChanged)
      .filter((a) => !status || a.appointmentStatus.toLowerCase() === status)
      .map(toAppointmentChange),
  );
};

export const { performSubscribe, performUnsubscribe } = relaySubscription(
  EVENT,
  'Appointment Updated',
  (z, bundle) => ({ calendarId: watchedCalendar(z, bundle.inputData.calendarId) }),
  (z, bundle) => statusFilterOf(z, bundle.inputData.status),
);

export default defineTrigger({
  key: APPOINTMENT_UPDATED_INSTANT_KEY,
  noun: 'Appointment',
  display: {
    label: 'Appointment Updated (Instant)',
    description:
      "Triggers when an appointment is changed after booking: rescheduled, cancelled or another status, reassigned or retitled. A save that changes nothing does not trigger. Runs through the integration owner's webhook relay; without one, use Appointment Updated.",
  },
  operation: {
    type: 'hook',
    inputFields: [calendarHookField, statusFilterField],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: appointmentChangeSample,
    outputFields: appointmentChangeOutputFields,
  },
});
