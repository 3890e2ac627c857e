import type { Bundle, ZObject } from 'zapier-platform-core';
import { zod } from '../schema/zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints, type Endpoint } from '../http/endpoints';
import { replaySafeCreate } from '../http/replay';
import { checkId, inputError, validated } from '../input';
import { tagList } from './fields';
import { TagAnswer, tagFromRest, type ContactTagsOutput, type TagOutput } from './schema';

/** Tags on contacts and in the location (docs/highlevel-api.md §6.4). */

/** GET /locations/{id}/tags: the whole list. */
export const listTags = async (z: ZObject, bundle: Bundle): Promise<TagOutput[]> => {
  const locationId = locationIdOf(z, bundle);
  const tags = await ghl(z, bundle, endpoints.locationTags, {
    path: { locationId },
    answer: zod.array(TagAnswer),
    unreadable: 'with a tag list the app cannot read',
  });
  return tags.map((t) => tagFromRest(t, locationId));
};

/**
 * POST /locations/{id}/tags {name} → {tag}. Replay-safe: a replay after a lost answer finds the tag by name in the
 * location's list (HighLevel keeps tag names lower-cased, §6.4; a tag carries no date) instead of meeting it as taken.
 */
export const createTag = async (z: ZObject, bundle: Bundle, name: string, operation: string): Promise<TagOutput> => {
  const locationId = locationIdOf(z, bundle);
  const shown = (tag: { name?: unknown }) => ({ name: typeof tag.name === 'string' ? tag.name.trim().toLowerCase() : '' });
  return replaySafeCreate(z, bundle, {
    operation,
    input: bundle.inputData,
    sent: shown({ name }),
    candidates: () => listTags(z, bundle),
    show: (tag) => ({ fields: shown(tag) }),
    write: async (replay) =>
      tagFromRest(
        await ghl(z, bundle, endpoints.locationTagCreate, {
          path: { locationId },
          body: { name },
          answer: TagAnswer,
          unreadable: 'without the tag it created',
          replay,
        }),
        locationId,
      ),
  });
};

/**
 * Add and Remove Tags: the tag endpoints take {tags} and answer {tags} (§6.4, §11.17), the contact's tags after the
 * change. Adding never replaces the contact's other tags.
 */
export const changeTags = async (z: ZObject, bundle: Bundle, endpoint: Endpoint, verb: 'add' | 'remove'): Promise<ContactTagsOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const tags = validated(z, () => tagList(bundle.inputData.tags));
  if (!tags.length) throw inputError(z, `Tags is required: give at least one tag to ${verb}, e.g. tc-enrolled.`);
  const after = await ghl(z, bundle, endpoint, {
    path: { contactId },
    body: { tags },
    labels: { contactId: 'Contact' },
    answer: zod.array(zod.string()),
    unreadable: "without the contact's tags",
  });
  return { id: contactId, contactId, tags: after };
};
