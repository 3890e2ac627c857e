import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { appointmentIdField } from '../lib/appointment/fields';
import { appointmentCancelledSample, appointmentOutputFields } from '../lib/appointment/schema';
import { cancelAppointment } from '../lib/appointment/write';
import { checkId, validated, yesNo } from '../lib/input';

export const APPOINTMENT_CANCEL_KEY = 'appointment_cancel';

/**
 * PUT /calendars/events/appointments/{id} {appointmentStatus: 'cancelled'} (docs/highlevel-api.md §6.5), then the
 * appointment read back for its Date Updated (lib/appointment/write.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const eventId = checkId(z, 'Appointment', bundle.inputData.appointmentId);
  const toNotify = validated(z, () => yesNo('Run Automations and Notifications', bundle.inputData.toNotify));
  return cancelAppointment(z, bundle, eventId, toNotify);
};

export default defineCreate({
  key: APPOINTMENT_CANCEL_KEY,
  noun: 'Appointment',
  display: {
    label: 'Cancel Appointment',
    description:
      'Cancels an appointment by setting its status to cancelled. The appointment stays in the calendar history with its contact and notes, and frees the slot; use Delete Appointment to remove it completely.',
  },
  operation: {
    inputFields: [
      appointmentIdField(
        'Appointment to cancel. Choose one, map an appointment ID from an earlier step (e.g. `Ap7kQ2mN4pR6sT8uV0wX`), or add a Find Appointment step.',
      ),
      {
        key: 'toNotify',
        label: 'Run Automations and Notifications',
        type: 'boolean',
        helpText: "No cancels silently: HighLevel then runs no workflows and sends no cancellation messages. Empty means HighLevel's default (yes).",
      },
    ],
    perform,
    sample: appointmentCancelledSample,
    outputFields: appointmentOutputFields,
  },
});
