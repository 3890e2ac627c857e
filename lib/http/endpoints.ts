import type { Scope } from './scopes';

/**
 * Every HighLevel endpoint the app calls, in one table (docs/highlevel-api.md §6): method, path template, Version header
 * (§1: calendars 2021-04-15, everything else 2021-07-28), the scope it needs (§5.7), the envelope key the answer is
 * wrapped in (§11.10) and the body properties HighLevel accepts (§11.2: anything else is a 422).
 */
export const V_2021_07_28 = '2021-07-28';
export const V_2021_04_15 = '2021-04-15';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint {
  readonly method: HttpMethod;
  /** Path with `{param}` placeholders; every placeholder is validated and encoded by the HTTP layer. */
  readonly path: string;
  readonly version: typeof V_2021_07_28 | typeof V_2021_04_15;
  readonly scope: Scope;
  /** Key of the object HighLevel wraps the answer in; absent when the answer is unwrapped. */
  readonly envelope?: string;
  /** Body properties HighLevel accepts. Absent: the endpoint takes no body. */
  readonly body?: readonly string[];
  /** Short description of what is being done, used in error messages ("creating the contact"). */
  readonly action: string;
  /** A POST that only reads (the searches): its answer says nothing about a write. */
  readonly readOnly?: boolean;
}

/** True when the call changes something in HighLevel (a replay could write twice). */
export const isWrite = (endpoint: Endpoint): boolean => endpoint.method !== 'GET' && !endpoint.readOnly;

const CONTACT_WRITE_KEYS = [
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'address1',
  'city',
  'state',
  'postalCode',
  'country',
  'website',
  'timezone',
  'source',
  'assignedTo',
  'dnd',
  'dndSettings',
  'inboundDndSettings',
  'tags',
  'dateOfBirth',
  'customFields',
] as const;

/** Create and upsert also take locationId, gender and companyName; update does not (docs/highlevel-api.md §6.1). */
const CONTACT_CREATE_KEYS = [...CONTACT_WRITE_KEYS, 'locationId', 'gender', 'companyName'] as const;
const TASK_KEYS = ['title', 'body', 'dueDate', 'completed', 'assignedTo'] as const;
const NOTE_KEYS = ['body', 'userId', 'title', 'color', 'pinned'] as const;
const APPOINTMENT_UPDATE_KEYS = [
  'calendarId',
  'startTime',
  'endTime',
  'title',
  'appointmentStatus',
  'assignedUserId',
  'description',
  'address',
  'meetingLocationType',
  'meetingLocationId',
  'overrideLocationConfig',
  'ignoreDateRange',
  'ignoreFreeSlotValidation',
  'toNotify',
  'rrule',
] as const;

/** Opportunity writes (docs/highlevel-api.md §6.10): CreateDto; UpdateOpportunityDto is the same without locationId and contactId. */
const OPPORTUNITY_UPDATE_KEYS = ['pipelineId', 'name', 'pipelineStageId', 'status', 'monetaryValue', 'assignedTo', 'customFields'] as const;

const define = <T extends Record<string, Endpoint>>(table: T): T => table;

export const endpoints = define({
  // Contacts (§6.1)
  contactGet: {
    method: 'GET',
    path: '/contacts/{contactId}',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'contact',
    action: 'getting the contact',
  },
  contactSearch: {
    method: 'POST',
    path: '/contacts/search',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    body: ['locationId', 'pageLimit', 'page', 'searchAfter', 'query', 'filters', 'sort'],
    action: 'searching contacts',
    readOnly: true,
  },
  contactDuplicate: {
    method: 'GET',
    path: '/contacts/search/duplicate',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'contact',
    action: 'looking up the contact',
  },
  contactCreate: {
    method: 'POST',
    path: '/contacts/',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'contact',
    body: CONTACT_CREATE_KEYS,
    action: 'creating the contact',
  },
  contactUpdate: {
    method: 'PUT',
    path: '/contacts/{contactId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'contact',
    body: CONTACT_WRITE_KEYS,
    action: 'updating the contact',
  },
  contactUpsert: {
    method: 'POST',
    path: '/contacts/upsert',
    version: V_2021_07_28,
    scope: 'contacts.write',
    body: [...CONTACT_CREATE_KEYS, 'createNewIfDuplicateAllowed'],
    action: 'creating or updating the contact',
  },
  contactDelete: { method: 'DELETE', path: '/contacts/{contactId}', version: V_2021_07_28, scope: 'contacts.write', action: 'deleting the contact' },
  contactsByBusiness: {
    method: 'GET',
    path: '/contacts/business/{businessId}',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    action: 'listing the contacts of the business',
  },
  contactTagsAdd: {
    method: 'POST',
    path: '/contacts/{contactId}/tags',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'tags',
    body: ['tags'],
    action: 'adding tags to the contact',
  },
  contactTagsRemove: {
    method: 'DELETE',
    path: '/contacts/{contactId}/tags',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'tags',
    body: ['tags'],
    action: 'removing tags from the contact',
  },
  contactAppointments: {
    method: 'GET',
    path: '/contacts/{contactId}/appointments',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'events',
    action: 'listing the appointments of the contact',
  },

  // Tasks (§6.2)
  taskList: {
    method: 'GET',
    path: '/contacts/{contactId}/tasks',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'tasks',
    action: 'listing the tasks of the contact',
  },
  taskGet: {
    method: 'GET',
    path: '/contacts/{contactId}/tasks/{taskId}',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'task',
    action: 'getting the task',
  },
  taskCreate: {
    method: 'POST',
    path: '/contacts/{contactId}/tasks',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'task',
    body: TASK_KEYS,
    action: 'creating the task',
  },
  taskUpdate: {
    method: 'PUT',
    path: '/contacts/{contactId}/tasks/{taskId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'task',
    body: TASK_KEYS,
    action: 'updating the task',
  },
  taskComplete: {
    method: 'PUT',
    path: '/contacts/{contactId}/tasks/{taskId}/completed',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'task',
    body: ['completed'],
    action: 'changing whether the task is completed',
  },
  taskDelete: { method: 'DELETE', path: '/contacts/{contactId}/tasks/{taskId}', version: V_2021_07_28, scope: 'contacts.write', action: 'deleting the task' },
  taskSearch: {
    method: 'POST',
    path: '/locations/{locationId}/tasks/search',
    version: V_2021_07_28,
    scope: 'locations/tasks.readonly',
    envelope: 'tasks',
    body: ['contactId', 'completed', 'assignedTo', 'query', 'businessId', 'limit', 'skip'],
    action: 'searching tasks',
    readOnly: true,
  },

  // Notes (§6.3)
  noteList: {
    method: 'GET',
    path: '/contacts/{contactId}/notes',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'notes',
    action: 'listing the notes of the contact',
  },
  noteGet: {
    method: 'GET',
    path: '/contacts/{contactId}/notes/{noteId}',
    version: V_2021_07_28,
    scope: 'contacts.readonly',
    envelope: 'note',
    action: 'getting the note',
  },
  noteCreate: {
    method: 'POST',
    path: '/contacts/{contactId}/notes',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'note',
    body: NOTE_KEYS,
    action: 'creating the note',
  },
  noteUpdate: {
    method: 'PUT',
    path: '/contacts/{contactId}/notes/{noteId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    envelope: 'note',
    body: NOTE_KEYS,
    action: 'updating the note',
  },
  noteDelete: { method: 'DELETE', path: '/contacts/{contactId}/notes/{noteId}', version: V_2021_07_28, scope: 'contacts.write', action: 'deleting the note' },

  // Location, tags, custom fields (§6.4, §6.6, §6.9)
  locationGet: {
    method: 'GET',
    path: '/locations/{locationId}',
    version: V_2021_07_28,
    scope: 'locations.readonly',
    envelope: 'location',
    action: 'reading the location',
  },
  locationTags: {
    method: 'GET',
    path: '/locations/{locationId}/tags',
    version: V_2021_07_28,
    scope: 'locations/tags.readonly',
    envelope: 'tags',
    action: 'listing the tags of the location',
  },
  locationTagCreate: {
    method: 'POST',
    path: '/locations/{locationId}/tags',
    version: V_2021_07_28,
    scope: 'locations/tags.write',
    envelope: 'tag',
    body: ['name'],
    action: 'creating the tag',
  },
  customFields: {
    method: 'GET',
    path: '/locations/{locationId}/customFields',
    version: V_2021_07_28,
    scope: 'locations/customFields.readonly',
    envelope: 'customFields',
    action: 'listing the custom fields',
  },

  // Users (§6.7) and businesses (§6.8)
  userList: { method: 'GET', path: '/users/', version: V_2021_07_28, scope: 'users.readonly', envelope: 'users', action: 'listing users' },
  userSearch: { method: 'GET', path: '/users/search', version: V_2021_07_28, scope: 'users.readonly', action: 'searching users' },
  userGet: { method: 'GET', path: '/users/{userId}', version: V_2021_07_28, scope: 'users.readonly', action: 'getting the user' },
  businessList: {
    method: 'GET',
    path: '/businesses/',
    version: V_2021_07_28,
    scope: 'businesses.readonly',
    envelope: 'businesses',
    action: 'listing businesses',
  },
  businessGet: {
    method: 'GET',
    path: '/businesses/{businessId}',
    version: V_2021_07_28,
    scope: 'businesses.readonly',
    envelope: 'business',
    action: 'getting the business',
  },

  // Calendars and appointments (§6.5)
  calendarList: { method: 'GET', path: '/calendars/', version: V_2021_04_15, scope: 'calendars.readonly', envelope: 'calendars', action: 'listing calendars' },
  calendarGet: {
    method: 'GET',
    path: '/calendars/{calendarId}',
    version: V_2021_04_15,
    scope: 'calendars.readonly',
    envelope: 'calendar',
    action: 'getting the calendar',
  },
  freeSlots: { method: 'GET', path: '/calendars/{calendarId}/free-slots', version: V_2021_04_15, scope: 'calendars.readonly', action: 'finding free slots' },
  eventList: {
    method: 'GET',
    path: '/calendars/events',
    version: V_2021_04_15,
    scope: 'calendars/events.readonly',
    envelope: 'events',
    action: 'listing appointments',
  },
  appointmentGet: {
    method: 'GET',
    path: '/calendars/events/appointments/{eventId}',
    version: V_2021_04_15,
    scope: 'calendars/events.readonly',
    envelope: 'event',
    action: 'getting the appointment',
  },
  appointmentCreate: {
    method: 'POST',
    path: '/calendars/events/appointments',
    version: V_2021_04_15,
    scope: 'calendars/events.write',
    body: [...APPOINTMENT_UPDATE_KEYS, 'locationId', 'contactId'],
    action: 'booking the appointment',
  },
  appointmentUpdate: {
    method: 'PUT',
    path: '/calendars/events/appointments/{eventId}',
    version: V_2021_04_15,
    scope: 'calendars/events.write',
    body: APPOINTMENT_UPDATE_KEYS,
    action: 'updating the appointment',
  },
  eventDelete: {
    method: 'DELETE',
    path: '/calendars/events/{eventId}',
    version: V_2021_04_15,
    scope: 'calendars/events.write',
    body: [],
    action: 'deleting the appointment',
  },

  // Opportunities and pipelines (§6.10): opportunities.json, every operation 2021-07-28.
  pipelineList: {
    method: 'GET',
    path: '/opportunities/pipelines',
    version: V_2021_07_28,
    scope: 'opportunities.readonly',
    envelope: 'pipelines',
    action: 'listing the pipelines',
  },
  lostReasonList: {
    method: 'GET',
    path: '/opportunities/lost-reason',
    version: V_2021_07_28,
    scope: 'opportunities.readonly',
    action: 'listing the lost reasons',
  },
  opportunitySearch: {
    method: 'GET',
    path: '/opportunities/search',
    version: V_2021_07_28,
    scope: 'opportunities.readonly',
    action: 'searching opportunities',
  },
  opportunityGet: {
    method: 'GET',
    path: '/opportunities/{opportunityId}',
    version: V_2021_07_28,
    scope: 'opportunities.readonly',
    envelope: 'opportunity',
    action: 'getting the opportunity',
  },
  opportunityCreate: {
    method: 'POST',
    path: '/opportunities/',
    version: V_2021_07_28,
    scope: 'opportunities.write',
    envelope: 'opportunity',
    body: [...OPPORTUNITY_UPDATE_KEYS, 'locationId', 'contactId'],
    action: 'creating the opportunity',
  },
  opportunityUpdate: {
    method: 'PUT',
    path: '/opportunities/{opportunityId}',
    version: V_2021_07_28,
    scope: 'opportunities.write',
    envelope: 'opportunity',
    body: OPPORTUNITY_UPDATE_KEYS,
    action: 'updating the opportunity',
  },
  opportunityStatus: {
    method: 'PUT',
    path: '/opportunities/{opportunityId}/status',
    version: V_2021_07_28,
    scope: 'opportunities.write',
    body: ['status', 'lostReasonId'],
    action: 'changing the status of the opportunity',
  },
  opportunityDelete: {
    method: 'DELETE',
    path: '/opportunities/{opportunityId}',
    version: V_2021_07_28,
    scope: 'opportunities.write',
    action: 'deleting the opportunity',
  },

  // Workflows and campaigns (§6.11): the lists in workflows.json and campaigns.json, the memberships in contacts.json.
  workflowList: {
    method: 'GET',
    path: '/workflows/',
    version: V_2021_07_28,
    scope: 'workflows.readonly',
    envelope: 'workflows',
    action: 'listing the workflows',
  },
  contactWorkflowAdd: {
    method: 'POST',
    path: '/contacts/{contactId}/workflow/{workflowId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    body: ['eventStartTime'],
    action: 'adding the contact to the workflow',
  },
  contactWorkflowRemove: {
    method: 'DELETE',
    path: '/contacts/{contactId}/workflow/{workflowId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    body: ['eventStartTime'],
    action: 'removing the contact from the workflow',
  },
  campaignList: {
    method: 'GET',
    path: '/campaigns/',
    version: V_2021_07_28,
    scope: 'campaigns.readonly',
    envelope: 'campaigns',
    action: 'listing the campaigns',
  },
  contactCampaignAdd: {
    method: 'POST',
    path: '/contacts/{contactId}/campaigns/{campaignId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    // AddContactToCampaignDto is an empty object, and the body is required: `{}` is sent.
    body: [],
    action: 'adding the contact to the campaign',
  },
  contactCampaignRemove: {
    method: 'DELETE',
    path: '/contacts/{contactId}/campaigns/{campaignId}',
    version: V_2021_07_28,
    scope: 'contacts.write',
    action: 'removing the contact from the campaign',
  },

  // Forms (§6.12)
  formList: { method: 'GET', path: '/forms/', version: V_2021_07_28, scope: 'forms.readonly', action: 'listing the forms' },
  formSubmissions: {
    method: 'GET',
    path: '/forms/submissions',
    version: V_2021_07_28,
    scope: 'forms.readonly',
    action: 'listing form submissions',
  },
});

export type EndpointName = keyof typeof endpoints;
