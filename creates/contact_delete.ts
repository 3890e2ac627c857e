import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { deleteRecord } from '../lib/http/delete';
import { endpoints } from '../lib/http/endpoints';
import { checkId } from '../lib/input';

export const CONTACT_DELETE_KEY = 'contact_delete';

/** DELETE /contacts/{id} → {succeded: true} (sic, docs/highlevel-api.md §2, §6.1). */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  await deleteRecord(z, bundle, endpoints.contactDelete, { noun: 'contact', id: contactId }, { path: { contactId }, labels: { contactId: 'Contact' } });
  return { id: contactId, deleted: true };
};

export default defineCreate({
  key: CONTACT_DELETE_KEY,
  noun: 'Contact',
  display: {
    label: 'Delete Contact',
    description: 'Deletes a contact from the location. This cannot be undone.',
  },
  operation: {
    inputFields: [
      {
        key: 'deleteWarning',
        type: 'copy',
        helpText: '**Warning:** this deletes the contact permanently. It cannot be undone.',
      },
      contactIdField('Contact to delete. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
    ],
    perform,
    sample: { id: 'ocQHyuzHvysMo5N5VsXc', deleted: true },
    outputFields: [
      { key: 'id', label: 'Contact ID' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' as const },
    ],
  },
});
