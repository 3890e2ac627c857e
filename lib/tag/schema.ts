import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { asRecord, defineObject, field, type OutputOf } from '../schema/define';

/** A location tag (docs/highlevel-api.md §6.4): {id, name, locationId}. Tags on contacts are plain names, not ids. */
export const tagDef = defineObject({
  id: field.id('Tag ID'),
  name: field.text('Tag Name'),
  locationId: field.text('Location ID'),
});
export type TagOutput = OutputOf<typeof tagDef.fields>;

/** What an answer must carry to be read as a location tag. */
export const TagAnswer = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string() }));
export type TagAnswer = z.infer<typeof TagAnswer>;

export const tagFromRest = (raw: unknown, fallbackLocationId = ''): TagOutput => {
  const record = asRecord(raw);
  const tag = tagDef.read(record);
  return { ...record, ...tag, locationId: tag.locationId || fallbackLocationId };
};

export const tagSample = { id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'tc-enrolled', locationId: 've9EPM428h8vShlRW1KT' } satisfies TagOutput;

export const tagOutputFields = tagDef.outputFields;

/** Add Tags / Remove Tags results: the contact and the tags it carries after the change, as HighLevel reports them. */
export const contactTagsDef = defineObject({
  id: field.id('ID'),
  contactId: field.id('Contact ID'),
  tags: field.list('Tags on the Contact Now'),
});
export type ContactTagsOutput = OutputOf<typeof contactTagsDef.fields>;

export const contactTagsSample = {
  id: 'ocQHyuzHvysMo5N5VsXc',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  tags: ['tc-enrolled:pilates-level-1', 'newsletter'],
} satisfies ContactTagsOutput;

export const contactTagsOutputFields = contactTagsDef.outputFields;
