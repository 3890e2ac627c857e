import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { calendarHookField, watchedCalendar } from '../lib/appointment/fields';
import { appointmentFromDelivery } from '../lib/appointment/hooks';
import { recentAppointments } from '../lib/appointment/poll';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { appointmentNames } from '../lib/appointment/names';

export const APPOINTMENT_DELETED_INSTANT_KEY = 'appointment_deleted_instant';
const EVENT = 'appointment.deleted';

/** A relayed AppointmentDelete (docs/highlevel-api.md §9.2): the appointment as it was, from the event. */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  return delivery ? [await appointmentFromDelivery(z, bundle, delivery.payload, { fetch: false })] : [];
};

/** "Test trigger": HighLevel lists no deleted appointments; the most recently changed ones show the same fields. */
export const performList: WebhookTriggerPerformList = async (z, bundle) =>
  appointmentNames(z, bundle, { contacts: false })(await recentAppointments(z, bundle, watchedCalendar(z, bundle.inputData.calendarId), 'dateUpdated'));

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, undefined, (z, bundle) => ({
  calendarId: watchedCalendar(z, bundle.inputData.calendarId),
}));

export default defineTrigger({
  key: APPOINTMENT_DELETED_INSTANT_KEY,
  noun: 'Appointment',
  display: {
    label: 'Appointment Deleted (Instant)',
    description:
      "Triggers when an appointment is deleted, with the appointment as it was. Runs through the integration owner's webhook relay (no polling trigger can see deletions).",
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
