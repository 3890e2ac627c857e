import { DateTime } from 'luxon';
import { applyFields, applyTimes, CREATE_APPOINTMENT_SHAPE, renderEvent, renderWritten, UPDATE_APPOINTMENT_SHAPE } from '../appointment_model';
import { getContact } from '../contact_model/lookup';
import type { RouteResult } from '../http';
import { badRequest, notFound, unprocessable } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { Appointment } from '../types';
import { VERSION_2021_04_15, VERSION_2021_07_28 } from '../types';
import { validateBody, validateQuery } from '../validate';

const V = VERSION_2021_04_15;

function getAppointment(ctx: AuthedContext): Appointment {
  const a = ctx.state.appointments.get(ctx.params.eventId ?? '');
  if (!a || a.locationId !== ctx.token.locationId) throw notFound('Appointment not found');
  return a;
}

function create(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, CREATE_APPOINTMENT_SHAPE);
  assertLocation(ctx, body.locationId);
  const calendar = ctx.state.calendars.get(body.calendarId as string);
  if (!calendar || calendar.locationId !== ctx.token.locationId) throw badRequest('Calendar not found');
  const contact = ctx.state.contacts.get(body.contactId as string);
  // docs/highlevel-api.md §10: the contact must exist first.
  if (!contact || contact.locationId !== ctx.token.locationId) throw badRequest('Contact not found');
  const now = ctx.state.isoNow();
  const assignedUserId = calendar.teamMembers.find((m) => m.isPrimary)?.userId ?? calendar.teamMembers[0]?.userId ?? '';
  const a: Appointment = {
    id: ctx.state.newId(),
    calendarId: calendar.id,
    locationId: ctx.token.locationId,
    contactId: contact.id,
    groupId: calendar.groupId,
    title: calendar.eventTitle.replace('{{contact.name}}', contact.name ?? contact.email ?? 'Contact'),
    appointmentStatus: calendar.autoConfirm ? 'confirmed' : 'new',
    assignedUserId,
    users: assignedUserId ? [assignedUserId] : [],
    startTime: '',
    endTime: '',
    dateAdded: now,
    dateUpdated: now,
    isRecurring: false,
    assignedResources: [],
    createdBy: { userId: ctx.token.userId, source: 'third_party' },
  };
  applyTimes(ctx, a, body, true);
  applyFields(a, body);
  ctx.state.appointments.set(a.id, a);
  ctx.emit({ type: 'AppointmentCreate', appointment: a });
  // The spec declares 200 for this POST (docs/highlevel-api.md §6.5), unwrapped, no traceId in the object.
  return { body: renderWritten(a), trace: false };
}

function update(ctx: AuthedContext): RouteResult {
  const a = getAppointment(ctx);
  const body = validateBody(ctx.body, UPDATE_APPOINTMENT_SHAPE);
  const draft: Appointment = structuredClone(a);
  let calendarChanged = false;
  if (typeof body.calendarId === 'string' && body.calendarId !== a.calendarId) {
    const calendar = ctx.state.calendars.get(body.calendarId);
    if (!calendar || calendar.locationId !== ctx.token.locationId) throw badRequest('Calendar not found');
    draft.calendarId = calendar.id;
    draft.groupId = calendar.groupId;
    calendarChanged = true;
  }
  applyTimes(ctx, draft, body, calendarChanged);
  applyFields(draft, body);
  const now = ctx.state.isoNow();
  draft.dateUpdated = now > a.dateUpdated ? now : new Date(Date.parse(a.dateUpdated) + 1).toISOString();
  Object.assign(a, draft);
  ctx.emit({ type: 'AppointmentUpdate', appointment: a });
  return { body: renderWritten(a), trace: false };
}

/** `GET /calendars/events` (docs/highlevel-api.md §6.5): epoch-ms window + one of calendarId / userId / groupId. */
function listEvents(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    startTime: { type: 'numeric', required: true },
    endTime: { type: 'numeric', required: true },
    calendarId: { type: 'string' },
    userId: { type: 'string' },
    groupId: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  if (!q.calendarId && !q.userId && !q.groupId) {
    throw unprocessable(['Either of calendarId, userId or groupId is required']);
  }
  const from = Number(q.startTime);
  const to = Number(q.endTime);
  const events = [...ctx.state.appointments.values()]
    .filter((a) => a.locationId === ctx.token.locationId)
    .filter((a) => !q.calendarId || a.calendarId === q.calendarId)
    .filter((a) => !q.groupId || a.groupId === q.groupId)
    .filter((a) => !q.userId || a.assignedUserId === q.userId || a.users.includes(q.userId))
    .filter((a) => Date.parse(a.startTime) < to && Date.parse(a.endTime) > from)
    .sort((x, y) => Date.parse(x.startTime) - Date.parse(y.startTime))
    .map(renderEvent);
  return { body: { events } };
}

/**
 * `DELETE /calendars/events/:id` takes a JSON body `{}` (docs/highlevel-api.md §11.17) and answers **201**
 * `{succeeded: true}` (§2 spelling), as calendars.json `delete-event` declares: no source reports a 200 (§6.5).
 */
function remove(ctx: AuthedContext): RouteResult {
  const a = getAppointment(ctx);
  validateBody(ctx.body, {});
  ctx.state.appointments.delete(a.id);
  ctx.emit({ type: 'AppointmentDelete', appointment: a });
  return { status: 201, body: { succeeded: true } };
}

/** `"2021-07-16 11:00:00"`: the instant as the location's wall-clock time, with no zone (contacts.json `GetEventSchema`). */
function zoneless(iso: string, zone: string): string {
  const t = DateTime.fromISO(iso, { zone });
  return t.isValid ? t.toFormat('yyyy-MM-dd HH:mm:ss') : iso;
}

/**
 * `GET /contacts/{id}/appointments`: the contact's events, with their times as ISO with offset or zone-less in the
 * location's zone, by the sandbox's variety (sandbox/variety.ts `contactAppointmentTimes`, docs/highlevel-api.md §14.2).
 */
function contactAppointments(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const zone = ctx.state.location.timezone;
  const bare = ctx.state.variety.contactAppointmentTimes === 'zoneless';
  const events = [...ctx.state.appointments.values()]
    .filter((a) => a.contactId === contact.id)
    .sort((x, y) => Date.parse(x.startTime) - Date.parse(y.startTime))
    .map((a) => {
      const event = renderEvent(a);
      if (bare) for (const key of ['startTime', 'endTime', 'dateAdded', 'dateUpdated']) event[key] = zoneless(String(event[key]), zone);
      return event;
    });
  return { body: { events } };
}

export const eventRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/calendars/events', version: V, scope: 'calendars/events.readonly', handler: listEvents },
  { method: 'POST', path: '/calendars/events/appointments', version: V, scope: 'calendars/events.write', handler: create },
  {
    method: 'GET',
    path: '/calendars/events/appointments/:eventId',
    version: V,
    scope: 'calendars/events.readonly',
    handler: (ctx) => ({ body: { event: renderEvent(getAppointment(ctx)) } }),
  },
  { method: 'PUT', path: '/calendars/events/appointments/:eventId', version: V, scope: 'calendars/events.write', handler: update },
  { method: 'DELETE', path: '/calendars/events/:eventId', version: V, scope: 'calendars/events.write', handler: remove },
  // docs/highlevel-api.md §11.1: a contacts route, so Version 2021-07-28.
  {
    method: 'GET',
    path: '/contacts/:contactId/appointments',
    version: VERSION_2021_07_28,
    scope: 'contacts.readonly',
    handler: contactAppointments,
  },
];
