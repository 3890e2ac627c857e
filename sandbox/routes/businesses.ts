import { notFound } from '../http';
import type { ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { VERSION_2021_07_28 } from '../types';
import { validateQuery } from '../validate';

const V = VERSION_2021_07_28;

/**
 * docs/highlevel-api.md §6.8: `GET /businesses/?locationId&limit&skip` → {businesses}; `GET /businesses/:id` →
 * {business}.
 */
export const businessRoutes: ResourceRoute[] = [
  {
    method: 'GET',
    path: '/businesses',
    version: V,
    scope: 'businesses.readonly',
    handler: (ctx) => {
      const q = validateQuery(ctx.query, {
        locationId: { type: 'string', required: true },
        limit: { type: 'numeric' },
        skip: { type: 'numeric' },
      });
      assertLocation(ctx, q.locationId);
      const skip = Number(q.skip ?? 0);
      const limit = Number(q.limit ?? 100);
      const businesses = [...ctx.state.businesses.values()]
        .filter((b) => b.locationId === ctx.token.locationId)
        .slice(skip, skip + limit)
        .map((b) => structuredClone(b));
      return { body: { businesses } };
    },
  },
  {
    method: 'GET',
    path: '/businesses/:businessId',
    version: V,
    scope: 'businesses.readonly',
    handler: (ctx) => {
      const business = ctx.state.businesses.get(ctx.params.businessId ?? '');
      if (!business || business.locationId !== ctx.token.locationId) throw notFound('Business not found');
      return { body: { business: structuredClone(business) } };
    },
  },
];
