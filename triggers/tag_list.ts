import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { ghl, locationIdOf } from '../lib/http';
import { Tag } from '../lib/schemas/tag';

export const TAG_LIST_KEY = 'tag_list';

/** The location's tags for dropdowns: GET /locations/{id}/tags returns the whole list (REFERENCE.md §6.4). */
const perform: PollingTriggerPerform = async (z, bundle) => {
  const tags = zod.array(Tag).parse(await ghl(z, bundle, endpoints.locationTags, { path: { locationId: locationIdOf(z, bundle) } }));
  return tags.map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name));
};

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
