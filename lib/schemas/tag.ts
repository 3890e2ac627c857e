import { z } from 'zod';
import { lenient } from './lenient';

/** A location tag (REFERENCE.md §6.4): {id, name, locationId}. Tags on contacts are plain names, not ids. */
export const Tag = z.looseObject({ id: z.string(), name: z.string(), locationId: lenient(z.string()) });

export interface TagOutput {
  id: string;
  name: string;
  locationId: string;
  [extra: string]: unknown;
}

export const toTagOutput = (raw: unknown, fallbackLocationId = ''): TagOutput => {
  const tag = Tag.parse(raw);
  return { ...tag, id: tag.id, name: tag.name, locationId: tag.locationId ?? fallbackLocationId };
};

export const tagSample: TagOutput = { id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'tc-enrolled', locationId: 've9EPM428h8vShlRW1KT' };

export const tagOutputFields = [
  { key: 'id', label: 'Tag ID' },
  { key: 'name', label: 'Tag Name' },
  { key: 'locationId', label: 'Location ID' },
];
