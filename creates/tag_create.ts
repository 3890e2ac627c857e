import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { ghl, inputError, locationIdOf } from '../lib/http';
import { tagOutputFields, tagSample, toTagOutput } from '../lib/schemas/tag';
import { text } from '../lib/validate';

export const TAG_CREATE_KEY = 'tag_create';

/**
 * POST /locations/{locationId}/tags {name} → {tag} (REFERENCE.md §6.4, scope locations/tags.write). HighLevel keeps
 * tag names lower-cased on contacts; the name is sent as given and HighLevel decides. An existing name is a 400
 * that the error mapper reports with HighLevel's message.
 */
export const perform: CreatePerform = async (z, bundle) => {
  const name = text(bundle.inputData.name);
  if (!name) throw inputError(z, 'Tag Name is required, e.g. `tc-enrolled`.');
  if (name.length > 100) throw inputError(z, `Tag Name is ${name.length} characters long; keep it to 100 or fewer.`);
  const locationId = locationIdOf(z, bundle);
  return toTagOutput(await ghl(z, bundle, endpoints.locationTagCreate, { path: { locationId }, body: { name } }), locationId);
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
