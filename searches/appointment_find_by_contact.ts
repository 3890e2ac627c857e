import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactAppointments, upcomingFirst } from '../lib/appointment/api';
import { STATUS_CHOICES } from '../lib/appointment/fields';
import { appointmentOutputFields, appointmentSample, timeOf } from '../lib/appointment/schema';
import { contactIdField } from '../lib/contact/fields';
import { checkId, choice, validated, yesNo } from '../lib/input';
import { appointmentNames } from '../lib/appointment/names';

export const APPOINTMENT_FIND_BY_CONTACT_KEY = 'appointment_find_by_contact';

/**
 * GET /contacts/{id}/appointments → {events}, a contacts route with Version 2021-07-28 (docs/highlevel-api.md §6.5, §11.1).
 * HighLevel returns every appointment of the contact at once; filtering and ordering happen here.
 */
export const perform: SearchPerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const { status, upcomingOnly } = validated(z, () => ({
    status: choice('Status', bundle.inputData.status, STATUS_CHOICES),
    upcomingOnly: yesNo('Only Upcoming', bundle.inputData.upcomingOnly) ?? false,
  }));
  const named = appointmentNames(z, bundle, { contacts: true, start: true, contactId });
  const events = await contactAppointments(z, bundle, contactId);
  const now = Date.now();
  const found = events.filter((a) => !status || a.appointmentStatus.toLowerCase() === status).filter((a) => !upcomingOnly || timeOf(a.startTime) >= now);
  return named(upcomingFirst(found, now));
};

export default defineSearch({
  key: APPOINTMENT_FIND_BY_CONTACT_KEY,
  noun: 'Appointment',
  display: {
    label: 'Find Appointments for Contact',
    description: 'Finds the appointments of a contact, upcoming ones first (soonest first), then past ones (most recent first).',
  },
  operation: {
    inputFields: [
      contactIdField(
        'Contact whose appointments to find. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      {
        key: 'status',
        label: 'Status',
        choices: STATUS_CHOICES,
        helpText: 'Only appointments with this status, e.g. `confirmed`. Leave empty for any status.',
      },
      {
        key: 'upcomingOnly',
        label: 'Only Upcoming',
        type: 'boolean',
        helpText:
          "Yes leaves out appointments that have already started. Default no. HighLevel sends these times without a time zone; they are read in the location's time zone.",
      },
    ],
    perform,
    sample: appointmentSample,
    outputFields: appointmentOutputFields,
  },
});
