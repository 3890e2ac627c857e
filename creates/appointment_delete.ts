import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { appointmentIdField } from '../lib/appointment/fields';
import { deleteRecord } from '../lib/http/delete';
import { endpoints } from '../lib/http/endpoints';
import { checkId } from '../lib/input';

export const APPOINTMENT_DELETE_KEY = 'appointment_delete';

/** DELETE /calendars/events/{id} with a JSON body {} (the spec requires one) → {succeeded: true} (docs/highlevel-api.md §6.5, §11.17). */
export const perform: CreatePerform = async (z, bundle) => {
  const eventId = checkId(z, 'Appointment', bundle.inputData.appointmentId);
  await deleteRecord(
    z,
    bundle,
    endpoints.eventDelete,
    { noun: 'appointment', id: eventId },
    { path: { eventId }, labels: { eventId: 'Appointment' }, body: {} },
  );
  return { id: eventId, deleted: true };
};

export default defineCreate({
  key: APPOINTMENT_DELETE_KEY,
  noun: 'Appointment',
  display: {
    label: 'Delete Appointment',
    description: 'Deletes an appointment from its calendar for good. This cannot be undone; to keep the history, use Cancel Appointment instead.',
  },
  operation: {
    inputFields: [
      {
        key: 'deleteWarning',
        type: 'copy',
        helpText:
          "**Deleting an appointment cannot be undone.** It disappears from the calendar and the contact's history. To keep the record, use **Cancel Appointment** instead.",
      },
      appointmentIdField('Appointment to delete. Choose one, or map an appointment ID from an earlier step, e.g. `Ap7kQ2mN4pR6sT8uV0wX`.'),
    ],
    perform,
    sample: { id: 'Ap7kQ2mN4pR6sT8uV0wX', deleted: true },
    outputFields: [
      { key: 'id', label: 'Appointment ID' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' },
    ],
  },
});
