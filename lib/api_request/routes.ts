/**
 * Every HighLevel v2 route the API Request action may call, with the scope it needs and, where HighLevel requires it,
 * the name of its location query parameter. Taken from the official specs (docs/highlevel-api.md §1: the `security`
 * of each operation in contacts, calendars, locations, custom-fields, users, businesses, opportunities, workflows,
 * campaigns and forms.json; every operation of those files is here or listed as left out), and from the official
 * scope table (docs/oauth/Scopes.md, §5.7) for the nine routes whose spec declares no security. A test holds this table
 * to the specs (test/lib/api_request/routes.test.ts, with GHL_OPENAPI_DIR).
 *
 * Left out, so refused as unknown: routes whose scope neither source names (bulk tags and bulk business, recurring
 * tasks, template delete), and OAuth (oauth.json: the token routes are the connection's own business, the others need
 * an agency token). Refusing is the conservative reading: a guessed scope could send a request the user never meant
 * this connection to make.
 *
 * Routes that reach past the connection's location (BEYOND_LOCATION) are known, so they are matched, but refused.
 */
export type RouteEntry = readonly [route: string, scope: string, locationQuery?: 'locationId' | 'location_id'];

export const ROUTES: readonly RouteEntry[] = [
  // contacts.json
  ['POST /contacts/search', 'contacts.readonly'],
  ['GET /contacts/search/duplicate', 'contacts.readonly', 'locationId'],
  ['GET /contacts/{contactId}/tasks', 'contacts.readonly'],
  ['POST /contacts/{contactId}/tasks', 'contacts.write'],
  ['GET /contacts/{contactId}/tasks/{taskId}', 'contacts.readonly'],
  ['PUT /contacts/{contactId}/tasks/{taskId}', 'contacts.write'],
  ['DELETE /contacts/{contactId}/tasks/{taskId}', 'contacts.write'],
  ['PUT /contacts/{contactId}/tasks/{taskId}/completed', 'contacts.write'],
  ['GET /contacts/{contactId}/appointments', 'contacts.readonly'],
  ['POST /contacts/{contactId}/tags', 'contacts.write'],
  ['DELETE /contacts/{contactId}/tags', 'contacts.write'],
  ['GET /contacts/{contactId}/notes', 'contacts.readonly'],
  ['POST /contacts/{contactId}/notes', 'contacts.write'],
  ['GET /contacts/{contactId}/notes/{id}', 'contacts.readonly'],
  ['PUT /contacts/{contactId}/notes/{id}', 'contacts.write'],
  ['DELETE /contacts/{contactId}/notes/{id}', 'contacts.write'],
  // not listed: POST /contacts/bulk/tags/update/{type} (create-association): neither the spec nor Scopes.md names its scope
  // not listed: POST /contacts/bulk/business (add-remove-contact-from-business): neither the spec nor Scopes.md names its scope
  ['GET /contacts/{contactId}', 'contacts.readonly'],
  ['PUT /contacts/{contactId}', 'contacts.write'],
  ['DELETE /contacts/{contactId}', 'contacts.write'],
  ['POST /contacts/upsert', 'contacts.write'],
  ['GET /contacts/business/{businessId}', 'contacts.readonly', 'locationId'],
  ['POST /contacts/{contactId}/followers', 'contacts.write'],
  ['DELETE /contacts/{contactId}/followers', 'contacts.write'],
  ['POST /contacts/{contactId}/campaigns/{campaignId}', 'contacts.write'],
  ['DELETE /contacts/{contactId}/campaigns/{campaignId}', 'contacts.write'],
  ['DELETE /contacts/{contactId}/campaigns/removeAll', 'contacts.write'],
  ['POST /contacts/{contactId}/workflow/{workflowId}', 'contacts.write'],
  ['DELETE /contacts/{contactId}/workflow/{workflowId}', 'contacts.write'],
  ['POST /contacts/', 'contacts.write'],
  ['GET /contacts/', 'contacts.readonly', 'locationId'],
  // calendars.json
  ['GET /calendars/groups', 'calendars/groups.readonly', 'locationId'],
  ['POST /calendars/groups', 'calendars/groups.write'],
  ['POST /calendars/groups/validate-slug', 'calendars/groups.write'],
  ['DELETE /calendars/groups/{groupId}', 'calendars/groups.write'],
  ['PUT /calendars/groups/{groupId}', 'calendars/groups.write'],
  ['PUT /calendars/groups/{groupId}/status', 'calendars/groups.write'],
  ['POST /calendars/events/appointments', 'calendars/events.write'],
  ['PUT /calendars/events/appointments/{eventId}', 'calendars/events.write'],
  ['GET /calendars/events/appointments/{eventId}', 'calendars/events.readonly'],
  ['GET /calendars/events', 'calendars/events.readonly', 'locationId'],
  ['GET /calendars/blocked-slots', 'calendars/events.readonly', 'locationId'],
  ['POST /calendars/events/block-slots', 'calendars/events.write'],
  ['PUT /calendars/events/block-slots/{eventId}', 'calendars/events.write'],
  ['GET /calendars/{calendarId}/free-slots', 'calendars.readonly'],
  ['PUT /calendars/{calendarId}', 'calendars.write'],
  ['GET /calendars/{calendarId}', 'calendars.readonly'],
  ['DELETE /calendars/{calendarId}', 'calendars.write'],
  ['DELETE /calendars/events/{eventId}', 'calendars/events.write'],
  ['GET /calendars/appointments/{appointmentId}/notes', 'calendars/events.readonly'],
  ['POST /calendars/appointments/{appointmentId}/notes', 'calendars/events.write'],
  ['PUT /calendars/appointments/{appointmentId}/notes/{noteId}', 'calendars/events.write'],
  ['DELETE /calendars/appointments/{appointmentId}/notes/{noteId}', 'calendars/events.write'],
  ['GET /calendars/resources/{resourceType}/{id}', 'calendars/resources.readonly'],
  ['PUT /calendars/resources/{resourceType}/{id}', 'calendars/resources.write'],
  ['DELETE /calendars/resources/{resourceType}/{id}', 'calendars/resources.write'],
  ['GET /calendars/resources/{resourceType}', 'calendars/resources.readonly', 'locationId'],
  ['POST /calendars/resources/{resourceType}', 'calendars/resources.write'],
  ['GET /calendars/{calendarId}/notifications', 'calendars/events.readonly'],
  ['POST /calendars/{calendarId}/notifications', 'calendars/events.write'],
  ['GET /calendars/{calendarId}/notifications/{notificationId}', 'calendars/events.readonly'],
  ['PUT /calendars/{calendarId}/notifications/{notificationId}', 'calendars/events.write'],
  ['DELETE /calendars/{calendarId}/notifications/{notificationId}', 'calendars/events.write'],
  ['GET /calendars/schedules/search', 'calendars.readonly', 'locationId'],
  ['GET /calendars/schedules/{id}', 'calendars.readonly'],
  ['PUT /calendars/schedules/{id}', 'calendars.write'],
  ['DELETE /calendars/schedules/{id}', 'calendars.write'],
  ['POST /calendars/schedules', 'calendars.write'],
  ['PUT /calendars/schedules/{id}/associations/{calendarId}', 'calendars.write'],
  ['DELETE /calendars/schedules/{id}/associations/{calendarId}', 'calendars.write'],
  ['GET /calendars/', 'calendars.readonly', 'locationId'],
  ['POST /calendars/', 'calendars.write'],
  // locations.json
  ['GET /locations/{locationId}', 'locations.readonly'],
  ['PUT /locations/{locationId}', 'locations.write'],
  ['DELETE /locations/{locationId}', 'locations.internal-access-only'],
  ['GET /locations/{locationId}/tags', 'locations/tags.readonly'],
  ['POST /locations/{locationId}/tags', 'locations/tags.write'],
  ['GET /locations/{locationId}/tags/{tagId}', 'locations/tags.readonly'],
  ['PUT /locations/{locationId}/tags/{tagId}', 'locations/tags.write'],
  ['DELETE /locations/{locationId}/tags/{tagId}', 'locations/tags.write'],
  ['POST /locations/{locationId}/tasks/search', 'locations/tasks.readonly'],
  // not listed: GET /locations/{locationId}/recurring-tasks/{id} (get-recurring-task-by-id): neither the spec nor Scopes.md names its scope
  // not listed: PUT /locations/{locationId}/recurring-tasks/{id} (update-recurring-task): neither the spec nor Scopes.md names its scope
  // not listed: DELETE /locations/{locationId}/recurring-tasks/{id} (delete-recurring-task): neither the spec nor Scopes.md names its scope
  // not listed: POST /locations/{locationId}/recurring-tasks (create-recurring-task): neither the spec nor Scopes.md names its scope
  ['GET /locations/{locationId}/customFields', 'locations/customFields.readonly'],
  ['POST /locations/{locationId}/customFields', 'locations/customFields.write'],
  ['GET /locations/{locationId}/customFields/{id}', 'locations/customFields.readonly'],
  ['PUT /locations/{locationId}/customFields/{id}', 'locations/customFields.write'],
  ['DELETE /locations/{locationId}/customFields/{id}', 'locations/customFields.write'],
  ['POST /locations/{locationId}/customFields/upload', 'locations/customFields.write'],
  ['GET /locations/{locationId}/customValues', 'locations/customValues.readonly'],
  ['POST /locations/{locationId}/customValues', 'locations/customValues.write'],
  ['GET /locations/{locationId}/customValues/{id}', 'locations/customValues.readonly'],
  ['PUT /locations/{locationId}/customValues/{id}', 'locations/customValues.write'],
  ['DELETE /locations/{locationId}/customValues/{id}', 'locations/customValues.write'],
  ['GET /locations/{locationId}/timezones', 'locations.readonly'],
  ['GET /locations/{locationId}/templates', 'locations/templates.readonly'],
  // not listed: DELETE /locations/{locationId}/templates/{id} (DELETE-an-email-sms-template): neither the spec nor Scopes.md names its scope
  ['POST /locations/', 'locations.write'],
  // custom-fields.json
  ['GET /custom-fields/{id}', 'locations/customFields.readonly'],
  ['PUT /custom-fields/{id}', 'locations/customFields.write'],
  ['DELETE /custom-fields/{id}', 'locations/customFields.write'],
  ['GET /custom-fields/object-key/{objectKey}', 'locations/customFields.readonly', 'locationId'],
  ['POST /custom-fields/folder', 'locations/customFields.write'],
  ['PUT /custom-fields/folder/{id}', 'locations/customFields.write'],
  ['DELETE /custom-fields/folder/{id}', 'locations/customFields.write', 'locationId'],
  ['POST /custom-fields/', 'locations/customFields.write'],
  // users.json
  ['GET /users/search', 'users.readonly'],
  ['POST /users/search/filter-by-email', 'users.readonly'],
  ['GET /users/{userId}', 'users.readonly'],
  ['PUT /users/{userId}', 'users.write'],
  ['DELETE /users/{userId}', 'users.write'],
  ['GET /users/', 'users.readonly', 'locationId'],
  ['POST /users/', 'users.write'],
  // businesses.json
  ['PUT /businesses/{businessId}', 'businesses.write'],
  ['DELETE /businesses/{businessId}', 'businesses.write'],
  ['GET /businesses/{businessId}', 'businesses.readonly'],
  ['GET /businesses/', 'businesses.readonly', 'locationId'],
  ['POST /businesses/', 'businesses.write'],
  // opportunities.json
  ['GET /opportunities/lost-reason', 'opportunities.readonly', 'locationId'],
  ['GET /opportunities/search', 'opportunities.readonly', 'location_id'],
  ['POST /opportunities/search', 'opportunities.readonly'],
  ['GET /opportunities/pipelines', 'opportunities.readonly', 'locationId'],
  ['GET /opportunities/{id}', 'opportunities.readonly'],
  ['DELETE /opportunities/{id}', 'opportunities.write'],
  ['PUT /opportunities/{id}', 'opportunities.write'],
  ['PUT /opportunities/{id}/status', 'opportunities.write'],
  ['POST /opportunities/upsert', 'opportunities.write'],
  ['POST /opportunities/{id}/followers', 'opportunities.write'],
  ['DELETE /opportunities/{id}/followers', 'opportunities.write'],
  ['POST /opportunities/', 'opportunities.write'],
  // workflows.json
  ['GET /workflows/', 'workflows.readonly', 'locationId'],
  // campaigns.json
  ['GET /campaigns/', 'campaigns.readonly', 'locationId'],
  // forms.json
  ['GET /forms/submissions', 'forms.readonly', 'locationId'],
  ['POST /forms/upload-custom-files', 'forms.write', 'locationId'],
  ['GET /forms/', 'forms.readonly', 'locationId'],
];

/**
 * Known routes refused because their answer is about other locations: GET /locations/search lists the company's
 * sub-accounts (locations.json search-locations). The action works on the connection's own location only.
 */
export const BEYOND_LOCATION: readonly RouteEntry[] = [['GET /locations/search', 'locations.readonly']];
