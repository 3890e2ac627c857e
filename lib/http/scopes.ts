/**
 * The one list of OAuth scopes the app asks for (docs/highlevel-api.md §5.7). Every endpoint in lib/endpoints.ts names one
 * of these, and a test proves the list covers them all.
 */
export const SCOPES = [
  'contacts.readonly',
  'contacts.write',
  'locations.readonly',
  'locations/customFields.readonly',
  'locations/tags.readonly',
  'locations/tags.write',
  'locations/tasks.readonly',
  'users.readonly',
  'calendars.readonly',
  'calendars/events.readonly',
  'calendars/events.write',
  'businesses.readonly',
  'opportunities.readonly',
  'opportunities.write',
  'workflows.readonly',
  'campaigns.readonly',
  'forms.readonly',
] as const;

export type Scope = (typeof SCOPES)[number];

/** Space-separated, as the authorize URL wants it. */
export const SCOPE_STRING = SCOPES.join(' ');
