import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listForms } from '../lib/form/api';
import { FORM_LIST_KEY } from '../lib/keys';

/** The location's forms for dropdowns, 50 per "load more" (GET /forms/, docs/highlevel-api.md §6.12). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listForms(z, bundle, bundle.meta?.page ?? 0)).map((f) => ({ id: f.id, name: f.name || f.id }));

export default defineTrigger({
  key: FORM_LIST_KEY,
  noun: 'Form',
  display: { label: 'List Forms', description: 'Triggers when a form is added to the location (lists forms for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: 'YSWdvS4Is98wtIDGnpmI', name: 'Trial Class Signup' },
    outputFields: [
      { key: 'id', label: 'Form ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
