import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { BEYOND_LOCATION, ROUTES } from '../../../lib/api_request/routes';
import { buildPath } from '../../../lib/http/client';
import { endpoints } from '../../../lib/http/endpoints';
import { ROUTE_WORDS, isRouteWord } from '../../../lib/http/route_words';
import { CONTACT_CAMPAIGN_REMOVE_KEY } from '../../../creates/contact_campaign_remove';
import { API, App, CONTACTS_VERSION, appTester, authData, thrown } from '../../helpers/app';

/**
 * Ids that are words of HighLevel's routes never go into a path (issue 21: a Campaign ID of `removeAll` sent
 * `DELETE /contacts/{id}/campaigns/removeAll`, which removes the contact from every campaign). The word list is the
 * app's endpoint table plus the words of the official specs it lacks; held here to the specs both ways.
 */
const pathsOf = (routes: readonly (readonly [string, ...unknown[]])[]) => routes.map(([route]) => route.split(' ')[1]);
const APP_PATHS = [...Object.values(endpoints).map((e) => e.path), ...pathsOf(ROUTES), ...pathsOf(BEYOND_LOCATION)];
const literal = (path: string) => path.split('/').filter((s) => s !== '' && !s.startsWith('{'));
/** As test/helpers/openapi.ts finds the specs (GHL_OPENAPI_DIR, else ../shared beside the checkout), without loading the validator. */
const openApiDir = (): string | undefined => {
  const dir = process.env.GHL_OPENAPI_DIR?.trim() || join(__dirname, '..', '..', '..', '..', 'shared', 'ghl-api', 'openapi');
  return existsSync(join(dir, 'apps')) ? dir : undefined;
};

describe('lib/http/route_words', () => {
  const dir = openApiDir();
  (dir ? it : it.skip)("is every literal segment of the official specs' routes in the groups the app calls, and nothing else", () => {
    const groups = new Set(APP_PATHS.map((p) => p.split('/')[1]));
    const fromSpecs = new Set<string>();
    for (const file of ['contacts', 'calendars', 'locations', 'custom-fields', 'users', 'businesses', 'opportunities', 'workflows', 'campaigns', 'forms']) {
      const spec = JSON.parse(readFileSync(join(dir ?? '', 'apps', `${file}.json`), 'utf8')) as { paths: Record<string, unknown> };
      for (const path of Object.keys(spec.paths)) if (groups.has(path.split('/')[1])) literal(path).forEach((w) => fromSpecs.add(w.toLowerCase()));
    }
    const fromTables = APP_PATHS.flatMap(literal).map((w) => w.toLowerCase());
    expect([...ROUTE_WORDS].sort()).toEqual([...new Set([...fromSpecs, ...fromTables])].sort());
  });

  it('holds the words the issue names, in any case', () => {
    for (const word of ['removeAll', 'upsert', 'search', 'status', 'pipelines', 'customFields', 'followers', 'tasks', 'notes', 'appointments', 'business']) {
      expect(isRouteWord(word)).toBe(true);
      expect(isRouteWord(word.toUpperCase())).toBe(true);
    }
    expect(isRouteWord('ocQHyuzHvysMo5N5VsXc')).toBe(false);
  });

  const z = { errors: { Error: class extends Error {} } } as unknown as ZObject;
  it.each([
    ['/contacts/{contactId}/campaigns/{campaignId}', { contactId: 'ocQHyuzHvysMo5N5VsXc', campaignId: 'removeAll' }, 'campaignId'],
    ['/contacts/{contactId}/notes', { contactId: 'upsert' }, 'contactId'],
    ['/contacts/{contactId}/tasks', { contactId: 'Business' }, 'contactId'],
    ['/opportunities/{opportunityId}', { opportunityId: 'pipelines' }, 'opportunityId'],
    ['/locations/{locationId}/tags', { locationId: 'customFields' }, 'locationId'],
  ])('buildPath refuses a route word as an id: %s %j', (template, params, name) => {
    expect(() => buildPath(z, template, params, { [name]: 'The Field' })).toThrow(/The Field ".*" is a word of HighLevel's routes/);
  });

  it('Remove Contact from Campaign with a mapped Campaign ID of "removeAll": refused naming the field, nothing sent', async () => {
    const perform = App.creates?.[CONTACT_CAMPAIGN_REMOVE_KEY]?.operation.perform;
    const scope = nock(API, CONTACTS_VERSION).delete(/.*/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform as never, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc', campaignId: 'removeAll' } }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Campaign "removeAll" is a word of HighLevel's routes/) });
    expect(scope.isDone()).toBe(false);
  });
});
