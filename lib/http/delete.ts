import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import type { Endpoint } from './endpoints';
import { ghl, type CallOptions } from './client';

/** Contacts, tasks and notes answer {succeded: true} (sic); calendar events {succeeded: true} (docs/highlevel-api.md §2, §11.11). */
const DeleteAnswer = lazy(() =>
  zod.looseObject({ succeded: zod.boolean().nullish().catch(undefined), succeeded: zod.boolean().nullish().catch(undefined) }).nullish(),
);

/**
 * One DELETE, reported truthfully: a 404 means nothing was deleted (already gone, or another location's record),
 * and a `false` flag means HighLevel did not delete it. Never success for a delete that did not happen.
 */
export const deleteRecord = async (z: ZObject, bundle: Bundle, endpoint: Endpoint, what: { noun: string; id: string }, options: CallOptions): Promise<void> => {
  const answer = await ghl(z, bundle, endpoint, { ...options, allow404: true, answer: DeleteAnswer, unreadable: 'in a form the app cannot read' });
  if (answer === null) {
    throw new z.errors.Error(
      `HighLevel has no ${what.noun} with the ID ${what.id}: it may already have been deleted, or it belongs to another location. Nothing was deleted.`,
      'not_found',
      404,
    );
  }
  if (answer && (answer.succeded === false || answer.succeeded === false)) {
    throw new z.errors.Error(`HighLevel did not delete ${what.noun} ${what.id}. Check that it still exists, then try again in a few minutes.`, 'not_deleted');
  }
};
