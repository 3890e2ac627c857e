import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { getAppointment } from '../lib/appointment/api';
import { appointmentOutputFields, appointmentSample } from '../lib/appointment/schema';
import { APPOINTMENT_DROPDOWN } from '../lib/dropdowns';
import { checkId } from '../lib/input';
import { APPOINTMENT_FIND_KEY } from '../lib/keys';
import { appointmentNames } from '../lib/appointment/names';

/** GET /calendars/events/appointments/{id} → {event} (docs/highlevel-api.md §6.5); a 404 is "not found", an empty result. */
export const perform: SearchPerform = async (z, bundle) => {
  const eventId = checkId(z, 'Appointment', bundle.inputData.appointmentId);
  const named = appointmentNames(z, bundle, { contacts: true, start: true });
  const event = await getAppointment(z, bundle, eventId, true);
  return event ? named([event]) : [];
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
