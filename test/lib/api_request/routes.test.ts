import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEYOND_LOCATION, ROUTES } from '../../../lib/api_request/routes';
import { versionFor } from '../../../lib/api_request/request';
import { SCOPES } from '../../../lib/http/scopes';
import { openApiDir } from '../../helpers/openapi';

/**
 * The API Request action's route table against HighLevel's official specs (GHL_OPENAPI_DIR): every operation of the
 * ten spec files is in the table with the scope its `security` names (or, for the nine that declare none, the scope
 * docs/oauth/Scopes.md gives), with the Version its group takes, or is one of the routes left out on purpose.
 */
const FILES = ['contacts', 'calendars', 'locations', 'custom-fields', 'users', 'businesses', 'opportunities', 'workflows', 'campaigns', 'forms'];

/** Routes whose spec declares no security; their scope is from the official scope table (docs/oauth/Scopes.md). */
const FROM_SCOPE_TABLE = [
  'GET /locations/{locationId}/tags/{tagId}',
  'PUT /locations/{locationId}/tags/{tagId}',
  'DELETE /locations/{locationId}/tags/{tagId}',
  'GET /locations/{locationId}/customFields/{id}',
  'PUT /locations/{locationId}/customFields/{id}',
  'DELETE /locations/{locationId}/customFields/{id}',
  'GET /locations/{locationId}/customValues/{id}',
  'PUT /locations/{locationId}/customValues/{id}',
  'DELETE /locations/{locationId}/customValues/{id}',
];

/** No scope in the spec nor in the scope table: refused as unknown. */
const LEFT_OUT = [
  'POST /contacts/bulk/tags/update/{type}',
  'POST /contacts/bulk/business',
  'GET /locations/{locationId}/recurring-tasks/{id}',
  'PUT /locations/{locationId}/recurring-tasks/{id}',
  'DELETE /locations/{locationId}/recurring-tasks/{id}',
  'POST /locations/{locationId}/recurring-tasks',
  'DELETE /locations/{locationId}/templates/{id}',
];

interface SpecOperation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: string[] } }[];
}

describe('lib/api_request/routes', () => {
  it('lists each route once, with a path template and a known method', () => {
    const routes = [...ROUTES, ...BEYOND_LOCATION].map(([route]) => route);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes.filter((r) => !/^(GET|POST|PUT|DELETE) \/[A-Za-z0-9_{}/-]*$/.test(r))).toEqual([]);
  });

  it("covers every scope the app asks for that HighLevel's routes use", () => {
    const used = new Set(ROUTES.map(([, scope]) => scope));
    expect(SCOPES.filter((s) => !used.has(s))).toEqual([]);
  });

  const dir = openApiDir();
  (dir ? it : it.skip)('matches the official specs: scopes, Versions, location parameters, nothing missing', () => {
    const table = new Map([...ROUTES, ...BEYOND_LOCATION].map(([route, scope, locationQuery]) => [route, { scope, locationQuery }]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const file of FILES) {
      const spec = JSON.parse(readFileSync(join(dir as string, 'apps', `${file}.json`), 'utf8')) as { paths: Record<string, Record<string, SpecOperation>> };
      for (const [path, ops] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const route = `${method.toUpperCase()} ${path}`;
          seen.add(route);
          const scopes = [...new Set((op.security ?? []).flatMap((s) => Object.values(s).flat()))];
          const entry = table.get(route);
          if (LEFT_OUT.includes(route)) {
            if (entry) problems.push(`${route}: listed, but left out on purpose`);
            if (scopes.length) problems.push(`${route}: the spec now names ${scopes.join(', ')}: list it`);
            continue;
          }
          if (!entry) {
            problems.push(`${route}: missing`);
            continue;
          }
          if (scopes.length) {
            if (scopes.length !== 1 || scopes[0] !== entry.scope) problems.push(`${route}: spec ${scopes.join(', ')}, table ${entry.scope}`);
          } else if (!FROM_SCOPE_TABLE.includes(route)) problems.push(`${route}: no scope in the spec, and not from the scope table`);
          const version = op.parameters?.find((p) => p.name === 'Version')?.schema?.enum;
          if (version?.length !== 1 || version[0] !== versionFor(path)) problems.push(`${route}: Version ${String(version)} vs ${versionFor(path)}`);
          const location = op.parameters?.find((p) => p.in === 'query' && p.required && ['locationId', 'location_id'].includes(p.name))?.name;
          if (location !== entry.locationQuery) problems.push(`${route}: location query ${String(location)} vs ${String(entry.locationQuery)}`);
        }
      }
    }
    problems.push(...[...table.keys()].filter((r) => !seen.has(r)).map((r) => `${r}: not in the specs`));
    expect(problems).toEqual([]);
  });
});
