import { notFound, unprocessable } from '../http';
import type { ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { VERSION_2021_07_28 } from '../types';
import { validateQuery } from '../validate';

const V = VERSION_2021_07_28;
const SCOPE = 'locations/customFields.readonly';

/**
 * docs/highlevel-api.md §6.6: `GET /locations/:id/customFields?model=contact|opportunity|all` → {customFields}; `/:id`
 * → {customField}.
 */
export const customFieldRoutes: ResourceRoute[] = [
  {
    method: 'GET',
    path: '/locations/:locationId/customFields',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      const q = validateQuery(ctx.query, { model: { type: 'string' } });
      assertLocation(ctx, ctx.params.locationId);
      const model = q.model ?? 'all';
      if (!['contact', 'opportunity', 'all'].includes(model)) {
        throw unprocessable(['model must be one of the following values: contact, opportunity, all']);
      }
      const customFields = [...ctx.state.customFields.values()]
        .filter((f) => f.locationId === ctx.token.locationId && (model === 'all' || f.model === model))
        .sort((a, b) => a.position - b.position)
        .map((f) => structuredClone(f));
      return { body: { customFields } };
    },
  },
  {
    method: 'GET',
    path: '/locations/:locationId/customFields/:id',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      assertLocation(ctx, ctx.params.locationId);
      const field = ctx.state.customFields.get(ctx.params.id ?? '');
      if (!field || field.locationId !== ctx.token.locationId) throw notFound('Custom field not found');
      return { body: { customField: structuredClone(field) } };
    },
  },
];
