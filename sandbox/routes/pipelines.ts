import type { ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { VERSION_2021_07_28 } from '../types';
import { validateQuery } from '../validate';

const V = VERSION_2021_07_28;
const SCOPE = 'opportunities.readonly';

/**
 * GET /opportunities/pipelines (spec: get-pipelines) → {pipelines}, stages as objects {id, name, position, …}
 * (docs/highlevel-api.md §6.10; the spec types them as untyped lists). GET /opportunities/lost-reason (spec:
 * get-lost-reason) → {lostReasons, total}, offset paging (default 100), `query`/`name` match the name.
 */
export const pipelineRoutes: ResourceRoute[] = [
  {
    method: 'GET',
    path: '/opportunities/pipelines',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      const q = validateQuery(ctx.query, { locationId: { type: 'string', required: true } });
      assertLocation(ctx, q.locationId);
      const pipelines = [...ctx.state.sales.pipelines.values()].filter((p) => p.locationId === ctx.token.locationId).map((p) => structuredClone(p));
      return { body: { pipelines } };
    },
  },
  {
    method: 'GET',
    path: '/opportunities/lost-reason',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      const q = validateQuery(ctx.query, {
        locationId: { type: 'string', required: true },
        name: { type: 'string' },
        deleted: { type: 'boolean' },
        query: { type: 'string' },
        skip: { type: 'numeric' },
        limit: { type: 'numeric' },
        getCount: { type: 'boolean' },
      });
      assertLocation(ctx, q.locationId);
      const needle = (q.query ?? q.name)?.toLowerCase();
      const all = [...ctx.state.sales.lostReasons.values()]
        .filter((r) => r.locationId === ctx.token.locationId && (!needle || r.name.toLowerCase().includes(needle)))
        .sort((a, b) => a.name.localeCompare(b.name));
      const skip = Number(q.skip ?? 0);
      const limit = Number(q.limit ?? 100);
      return { body: { lostReasons: all.slice(skip, skip + limit).map((r) => ({ ...r })), total: all.length } };
    },
  },
];
