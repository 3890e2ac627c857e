import { defineCreate, type Bundle, type CreatePerform, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import type { Endpoint } from '../lib/endpoints';
import { endpoints } from '../lib/endpoints';
import { contactIdField } from '../lib/fields/contact_id';
import { tagList } from '../lib/fields/contact';
import { TAG_DROPDOWN } from '../lib/fields/dropdowns';
import { checkId, ghl, inputError } from '../lib/http';

export const CONTACT_TAG_REMOVE_KEY = 'contact_tag_remove';

// A type alias, not an interface: Zapier's perform type wants a plain record.
export type ContactTagsOutput = {
  id: string;
  contactId: string;
  /** The tags on the contact after the change, as HighLevel reports them. */
  tags: string[];
};

const TagsAnswer = zod.array(zod.string());

/** Shared by Add and Remove Tags: the tag endpoints take {tags} and answer {tags} (REFERENCE.md §6.4, §11.17). */
export const changeTags = async (z: ZObject, bundle: Bundle, endpoint: Endpoint, verb: 'add' | 'remove'): Promise<ContactTagsOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const tags = tagList(bundle.inputData.tags);
  if (!tags.length) throw inputError(z, `Tags is required: give at least one tag to ${verb}, e.g. tc-enrolled.`);
  const answer = TagsAnswer.safeParse(await ghl(z, bundle, endpoint, { path: { contactId }, body: { tags }, labels: { contactId: 'Contact' } }));
  if (!answer.success) {
    throw new z.errors.Error(`HighLevel answered without the contact's tags after ${endpoint.action}. Check the contact in HighLevel.`, 'bad_response');
  }
  return { id: contactId, contactId, tags: answer.data };
};

export const contactTagsSample: ContactTagsOutput = { id: 'ocQHyuzHvysMo5N5VsXc', contactId: 'ocQHyuzHvysMo5N5VsXc', tags: ['tc-enrolled:pilates-level-1', 'newsletter'] };

export const contactTagsOutputFields = [
  { key: 'id', label: 'ID' },
  { key: 'contactId', label: 'Contact ID' },
  { key: 'tags[]', label: 'Tags on the Contact Now' },
];

/** DELETE /contacts/{id}/tags with a JSON body {tags} → {tags} (REFERENCE.md §6.4). */
export const perform: CreatePerform = (z, bundle) => changeTags(z, bundle, endpoints.contactTagsRemove, 'remove');

export default defineCreate({
  key: CONTACT_TAG_REMOVE_KEY,
  noun: 'Tag',
  display: {
    label: 'Remove Tags from Contact',
    description: 'Removes one or more tags from a contact. Its other tags stay.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to remove the tags from. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      {
        ...TAG_DROPDOWN,
        key: 'tags',
        label: 'Tags',
        required: true,
        list: true,
        helpText: 'Tags to remove, e.g. `newsletter`. A mapped value with commas is split into several tags.',
      },
    ],
    perform,
    sample: contactTagsSample,
    outputFields: contactTagsOutputFields,
  },
});
