import type { RouteResult } from '../http';
import { forbiddenLocation, notFound } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { User } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateQuery } from '../validate';

const V = VERSION_2021_07_28;
const SCOPE = 'users.readonly';

function render(user: User): Record<string, unknown> {
  return structuredClone(user) as unknown as Record<string, unknown>;
}

function usersOfLocation(ctx: AuthedContext): User[] {
  return [...ctx.state.users.values()].filter((u) => !u.deleted && u.roles.locationIds.includes(ctx.token.locationId));
}

/**
 * `GET /users/search` (docs/highlevel-api.md §6.7): companyId required; offset paging with skip/limit; `{users,
 * count}`.
 */
function search(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    companyId: { type: 'string', required: true },
    locationId: { type: 'string' },
    query: { type: 'string' },
    skip: { type: 'numeric' },
    limit: { type: 'numeric' },
    type: { type: 'string' },
    role: { type: 'string' },
    ids: { type: 'string' },
    sort: { type: 'string' },
    sortDirection: { type: 'string' },
    enabled2waySync: { type: 'boolean' },
  });
  if (q.companyId !== ctx.token.companyId) throw forbiddenLocation();
  assertLocation(ctx, q.locationId);
  const needle = q.query?.toLowerCase();
  const ids = q.ids ? q.ids.split(',') : undefined;
  const matches = usersOfLocation(ctx)
    .filter((u) => !needle || `${u.name} ${u.email}`.toLowerCase().includes(needle))
    .filter((u) => !ids || ids.includes(u.id))
    .filter((u) => !q.role || u.roles.role === q.role)
    .filter((u) => !q.type || u.roles.type === q.type)
    .sort((a, b) => (q.sortDirection === 'desc' ? -1 : 1) * a.name.localeCompare(b.name));
  const skip = Number(q.skip ?? 0);
  const limit = Number(q.limit ?? 25);
  return { body: { users: matches.slice(skip, skip + limit).map(render), count: matches.length } };
}

export const userRoutes: ResourceRoute[] = [
  {
    method: 'GET',
    path: '/users',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      const q = validateQuery(ctx.query, { locationId: { type: 'string', required: true } });
      assertLocation(ctx, q.locationId);
      return { body: { users: usersOfLocation(ctx).map(render) } };
    },
  },
  { method: 'GET', path: '/users/search', version: V, scope: SCOPE, handler: search },
  {
    method: 'GET',
    path: '/users/:userId',
    version: V,
    scope: SCOPE,
    // docs/highlevel-api.md §6.7 / §11.10: unwrapped user, no traceId mixed into it.
    handler: (ctx) => {
      const user = ctx.state.users.get(ctx.params.userId ?? '');
      if (!user || !user.roles.locationIds.includes(ctx.token.locationId)) throw notFound('User not found');
      return { body: render(user), trace: false };
    },
  },
];
