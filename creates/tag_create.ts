import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { inputError, text, validated } from '../lib/input';
import { createTag } from '../lib/tag/api';
import { tagOutputFields, tagSample } from '../lib/tag/schema';

export const TAG_CREATE_KEY = 'tag_create';

/**
 * POST /locations/{locationId}/tags {name} → {tag} (docs/highlevel-api.md §6.4, scope locations/tags.write). HighLevel keeps
 * tag names lower-cased on contacts; the name is sent as given and HighLevel decides. An existing name is a 400
 * that the error mapper reports with HighLevel's message.
 */
export const perform: CreatePerform = async (z, bundle) => {
  const name = validated(z, () => text(bundle.inputData.name, 'Tag Name'));
  if (!name) throw inputError(z, 'Tag Name is required, e.g. `tc-enrolled`.');
  if (name.length > 100) throw inputError(z, `Tag Name is ${name.length} characters long; keep it to 100 or fewer.`);
  return createTag(z, bundle, name, TAG_CREATE_KEY);
};

export default defineCreate({
  key: TAG_CREATE_KEY,
  noun: 'Tag',
  display: {
    label: 'Create Tag',
    description: 'Creates a new tag in the location, so it can be picked in workflows and tag dropdowns before any contact has it.',
  },
  operation: {
    inputFields: [{ key: 'name', label: 'Tag Name', required: true, helpText: 'Name of the new tag, e.g. `tc-enrolled` or `vip`.' }],
    perform,
    sample: tagSample,
    outputFields: tagOutputFields,
  },
});
