import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { contactIdField } from '../lib/fields/contact_id';
import { checkId, ghl } from '../lib/http';

export const CONTACT_DELETE_KEY = 'contact_delete';

const DeleteAnswer = zod.looseObject({ succeded: zod.boolean().nullish(), succeeded: zod.boolean().nullish() });

/** DELETE /contacts/{id} → {succeded: true} (sic, REFERENCE.md §2, §6.1). */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const raw = await ghl(z, bundle, endpoints.contactDelete, { path: { contactId }, labels: { contactId: 'Contact' }, allow404: true });
  if (raw === null) {
    throw new z.errors.Error(`HighLevel has no contact with the ID ${contactId}: it may already have been deleted, or it belongs to another location. Nothing was deleted.`, 'not_found', 404);
  }
  const answer = DeleteAnswer.safeParse(raw);
  // Never report success for a delete HighLevel said it did not do.
  if (answer.success && (answer.data.succeded === false || answer.data.succeeded === false)) {
    throw new z.errors.Error(`HighLevel did not delete contact ${contactId}. Try again in a few minutes.`, 'not_deleted');
  }
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
