import { endpoints } from './endpoints';

/**
 * The words of HighLevel's routes: every literal segment of every path in the official specs of the route groups the
 * app calls (contacts, calendars, locations, custom-fields, users, businesses, opportunities, workflows, campaigns,
 * forms). An id is never one of them; a mapped value that is one would turn a path into another route:
 * `DELETE /contacts/{id}/campaigns/removeAll` removes the contact from every campaign, `GET /contacts/upsert/notes`
 * and `GET /contacts/business/tasks` are not the contact's (issue 21). checkId() (lib/input.ts), through which every
 * id of a path goes (lib/http/client.ts buildPath), refuses them in any case: HighLevel does not document whether its
 * router tells `removeAll` from `REMOVEALL`, and Express, for one, does not by default ("case sensitive routing":
 * disabled, "/Foo" and "/foo" are treated the same, expressjs.com/en/api.html#app.settings.table): the least
 * convenient reading (docs/highlevel-api.md §1).
 *
 * The words of the app's own endpoint table are taken from it; the others are listed here. A test holds the union to
 * the specs, both ways (test/lib/http/route_words.test.ts, with GHL_OPENAPI_DIR or ../shared/ghl-api/openapi).
 */
const SPEC_ONLY_WORDS = [
  // contacts.json
  'bulk',
  'update',
  'followers',
  'removeAll',
  // calendars.json
  'groups',
  'validate-slug',
  'blocked-slots',
  'block-slots',
  'resources',
  'notifications',
  'schedules',
  'associations',
  // locations.json
  'recurring-tasks',
  'customValues',
  'upload',
  'timezones',
  'templates',
  // users.json
  'filter-by-email',
  // forms.json
  'upload-custom-files',
  // custom-fields.json (API Request's routes only)
  'custom-fields',
  'object-key',
  'folder',
] as const;

const literalSegments = (path: string): string[] => path.split('/').filter((segment) => segment !== '' && !segment.startsWith('{'));

/** Lower-cased. */
export const ROUTE_WORDS: ReadonlySet<string> = new Set(
  [...Object.values(endpoints).flatMap((endpoint) => literalSegments(endpoint.path)), ...SPEC_ONLY_WORDS].map((word) => word.toLowerCase()),
);

export const isRouteWord = (value: string): boolean => ROUTE_WORDS.has(value.toLowerCase());
