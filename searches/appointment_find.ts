import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { APPOINTMENT_DROPDOWN } from '../lib/fields/dropdowns';
import { checkId, ghl } from '../lib/http';
import { appointmentOutputFields, appointmentSample, toAppointmentOutput } from '../lib/schemas/appointment';

export const APPOINTMENT_FIND_KEY = 'appointment_find';

/** GET /calendars/events/appointments/{id} → {event} (REFERENCE.md §6.5); a 404 is "not found", an empty result. */
export const perform: SearchPerform = async (z, bundle) => {
  const eventId = checkId(z, 'Appointment', bundle.inputData.appointmentId);
  const event = await ghl(z, bundle, endpoints.appointmentGet, { path: { eventId }, labels: { eventId: 'Appointment' }, allow404: true });
  return event ? [toAppointmentOutput(event)] : [];
};

export default defineSearch({
  key: APPOINTMENT_FIND_KEY,
  noun: 'Appointment',
  display: {
    label: 'Find Appointment',
    description: 'Finds an appointment by its ID, with its current time, status, contact and calendar.',
  },
  operation: {
    inputFields: [
      {
        ...APPOINTMENT_DROPDOWN,
        key: 'appointmentId',
        label: 'Appointment',
        required: true,
        helpText:
          'Appointment to look up. Choose one, or map an appointment ID from an earlier step, e.g. `Ap7kQ2mN4pR6sT8uV0wX` (recurring instances look like `Ap7kQ2mN4pR6sT8uV0wX_1782291600000_3600`).',
      },
    ],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
