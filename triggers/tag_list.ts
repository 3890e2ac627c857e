import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TAG_LIST_KEY } from '../lib/keys';
import { listTags } from '../lib/tag/api';

/** The location's tags for dropdowns: GET /locations/{id}/tags returns the whole list (docs/highlevel-api.md §6.4). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listTags(z, bundle)).map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name));

export default defineTrigger({
  key: TAG_LIST_KEY,
  noun: 'Tag',
  display: { label: 'List Tags', description: 'Triggers when a tag is added to the location (lists tags for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'newsletter' },
    outputFields: [
      { key: 'id', label: 'Tag ID' },
      { key: 'name', label: 'Tag Name' },
    ],
  },
});
