import type { z } from 'zod';

/**
 * An optional field read leniently: a value of an unexpected type reads as absent instead of failing. Answers are
 * parsed after writes too, and a create that succeeded in HighLevel must not fail in Zapier over one odd field:
 * Zapier would replay it and write the record twice. Only the id stays strict.
 */
export const lenient = <T extends z.ZodType>(schema: T) => schema.nullish().catch(undefined);
