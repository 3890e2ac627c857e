import type { ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { VERSION_2021_07_28 } from '../types';

/** `GET /locations/:locationId` (docs/highlevel-api.md §6.9): name, timezone and settings.allowDuplicateContact. */
export const locationRoutes: ResourceRoute[] = [
  {
    method: 'GET',
    path: '/locations/:locationId',
    version: VERSION_2021_07_28,
    scope: 'locations.readonly',
    handler: (ctx) => {
      assertLocation(ctx, ctx.params.locationId);
      return { body: { location: structuredClone(ctx.state.location) } };
    },
  },
];
