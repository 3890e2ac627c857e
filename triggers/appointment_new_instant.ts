import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { calendarHookField, watchedCalendar } from '../lib/appointment/fields';
import { appointmentFromDelivery } from '../lib/appointment/hooks';
import { recentAppointments } from '../lib/appointment/poll';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { appointmentNames } from '../lib/appointment/names';

export const APPOINTMENT_NEW_INSTANT_KEY = 'appointment_new_instant';
const EVENT = 'appointment.created';

/** A relayed AppointmentCreate (docs/highlevel-api.md §9.2); the relay applies the calendar filter. */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  return delivery ? [await appointmentFromDelivery(z, bundle, delivery.payload, { fetch: true })] : [];
};

/** "Test trigger": New Appointment's read, newest booking first. */
export const performList: WebhookTriggerPerformList = async (z, bundle) =>
  appointmentNames(z, bundle, { contacts: false })(await recentAppointments(z, bundle, watchedCalendar(z, bundle.inputData.calendarId), 'dateAdded'));

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'New Appointment', (z, bundle) => ({
  calendarId: watchedCalendar(z, bundle.inputData.calendarId),
}));

export default defineTrigger({
  key: APPOINTMENT_NEW_INSTANT_KEY,
  noun: 'Appointment',
  display: {
    label: 'New Appointment (Instant)',
    description:
      "Triggers when an appointment is booked, on the chosen calendar or any calendar of the location. Runs through the integration owner's webhook relay; without one, use New Appointment.",
  },
  operation: {
    type: 'hook',
    inputFields: [calendarHookField],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
