import { DateTime } from 'luxon';
import type { RouteResult } from '../http';
import { badRequest, notFound, unprocessable, validateBody, validateQuery } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { isSlotFree, slotDurationMinutes } from '../slots';
import type { Appointment } from '../types';
import { VERSION_2021_04_15, VERSION_2021_07_28 } from '../types';
import { getContact } from './contacts';

const V = VERSION_2021_04_15;
const STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const;
const MEETING_TYPES = ['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams', 'google'] as const;

/** §6.5 create body (spec AppointmentCreateSchema). */
const CREATE_SHAPE = {
  calendarId: { type: 'string', required: true },
  locationId: { type: 'string', required: true },
  contactId: { type: 'string', required: true },
  startTime: { type: 'isoDate', required: true },
  endTime: { type: 'isoDate' },
  title: { type: 'string' },
  meetingLocationType: { type: 'string', enum: MEETING_TYPES },
  meetingLocationId: { type: 'string' },
  overrideLocationConfig: { type: 'boolean' },
  appointmentStatus: { type: 'string', enum: STATUSES },
  assignedUserId: { type: 'string' },
  description: { type: 'string' },
  address: { type: 'string' },
  ignoreDateRange: { type: 'boolean' },
  toNotify: { type: 'boolean' },
  ignoreFreeSlotValidation: { type: 'boolean' },
  rrule: { type: 'string' },
} as const;

/** §6.5 update: same fields, all optional, without locationId/contactId. */
const UPDATE_SHAPE = (() => {
  const shape: Record<string, { type: 'string' | 'isoDate' | 'boolean'; enum?: readonly string[] }> = {};
  for (const [key, rule] of Object.entries(CREATE_SHAPE)) {
    if (key === 'locationId' || key === 'contactId') continue;
    shape[key] = { type: rule.type, ...('enum' in rule ? { enum: rule.enum } : {}) };
  }
  return shape;
})();

const SLOT_TAKEN = 'The slot you have selected is no longer available.';

/** The event shape of GET appointment / events lists (spec CalendarEventDTO, §7). */
export function renderEvent(a: Appointment): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id,
    title: a.title,
    calendarId: a.calendarId,
    locationId: a.locationId,
    contactId: a.contactId,
    groupId: a.groupId,
    appointmentStatus: a.appointmentStatus,
    status: a.appointmentStatus === 'cancelled' ? 'cancelled' : 'booked',
    assignedUserId: a.assignedUserId,
    users: [...a.users],
    startTime: a.startTime,
    endTime: a.endTime,
    dateAdded: a.dateAdded,
    dateUpdated: a.dateUpdated,
    isRecurring: a.isRecurring,
    assignedResources: [...a.assignedResources],
    createdBy: { ...a.createdBy },
  };
  for (const key of ['address', 'notes', 'description', 'rrule'] as const) {
    if (a[key] !== undefined) out[key] = a[key];
  }
  return out;
}

/** §6.5 / §11.16: create/update answer the unwrapped appointment without dateAdded/dateUpdated. */
function renderWritten(a: Appointment): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id,
    calendarId: a.calendarId,
    locationId: a.locationId,
    contactId: a.contactId,
    startTime: a.startTime,
    endTime: a.endTime,
    title: a.title,
  };
  if (a.meetingLocationType !== undefined) out.meetingLocationType = a.meetingLocationType;
  out.appointmentStatus = a.appointmentStatus;
  out.assignedUserId = a.assignedUserId;
  if (a.address !== undefined) out.address = a.address;
  out.isRecurring = a.isRecurring;
  if (a.rrule !== undefined) out.rrule = a.rrule;
  return out;
}

function getAppointment(ctx: AuthedContext): Appointment {
  const a = ctx.state.appointments.get(ctx.params.eventId ?? '');
  if (!a || a.locationId !== ctx.token.locationId) throw notFound('Appointment not found');
  return a;
}

function localIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}

function applyTimes(
  ctx: AuthedContext,
  a: Appointment,
  body: Record<string, unknown>,
  calendarChanged: boolean,
): void {
  const calendar = ctx.state.calendars.get(a.calendarId);
  if (!calendar) throw badRequest('Calendar not found');
  const startChanged = typeof body.startTime === 'string';
  const startMs = startChanged ? Date.parse(body.startTime as string) : Date.parse(a.startTime);
  const endMs =
    typeof body.endTime === 'string'
      ? Date.parse(body.endTime)
      : startChanged || a.endTime === ''
        ? startMs + slotDurationMinutes(calendar) * 60_000
        : Date.parse(a.endTime);
  if (endMs <= startMs) throw unprocessable(['endTime must be after startTime']);
  const moved = startChanged || typeof body.endTime === 'string' || calendarChanged;
  // §6.5: without ignoreFreeSlotValidation the slot must be free (open hours, not past, not fully booked).
  if (moved && body.ignoreFreeSlotValidation !== true && !isSlotFree(ctx.state, calendar, startMs, endMs, a.id)) {
    throw badRequest(SLOT_TAKEN);
  }
  const zone = ctx.state.location.timezone;
  a.startTime = localIso(startMs, zone);
  a.endTime = localIso(endMs, zone);
}

function applyFields(a: Appointment, body: Record<string, unknown>): void {
  if (typeof body.title === 'string') a.title = body.title;
  if (typeof body.appointmentStatus === 'string') a.appointmentStatus = body.appointmentStatus;
  if (typeof body.description === 'string') a.description = body.description;
  if (typeof body.address === 'string') {
    a.address = body.address;
    a.meetingLocationType ??= 'custom'; // §6.5: an address defaults the meeting type to custom
  }
  if (typeof body.meetingLocationType === 'string') a.meetingLocationType = body.meetingLocationType;
  if (typeof body.assignedUserId === 'string') {
    a.assignedUserId = body.assignedUserId;
    a.users = [body.assignedUserId];
  }
  if (typeof body.rrule === 'string') {
    a.rrule = body.rrule;
    a.isRecurring = body.rrule !== '';
  }
}

function create(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, CREATE_SHAPE);
  assertLocation(ctx, body.locationId);
  const calendar = ctx.state.calendars.get(body.calendarId as string);
  if (!calendar || calendar.locationId !== ctx.token.locationId) throw badRequest('Calendar not found');
  const contact = ctx.state.contacts.get(body.contactId as string);
  // §10: the contact must exist first.
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
  // The spec declares 200 for this POST (REFERENCE §6.5), unwrapped, no traceId in the object.
  return { body: renderWritten(a), trace: false };
}

function update(ctx: AuthedContext): RouteResult {
  const a = getAppointment(ctx);
  const body = validateBody(ctx.body, UPDATE_SHAPE);
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
  return { body: renderWritten(a), trace: false };
}

/** `GET /calendars/events` (§6.5): epoch-ms window + one of calendarId / userId / groupId. */
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

/** `DELETE /calendars/events/:id` takes a JSON body `{}` (§11.17) and answers `{succeeded: true}` (§2 spelling). */
function remove(ctx: AuthedContext): RouteResult {
  const a = getAppointment(ctx);
  validateBody(ctx.body, {});
  ctx.state.appointments.delete(a.id);
  return { body: { succeeded: true } };
}

function contactAppointments(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const events = [...ctx.state.appointments.values()]
    .filter((a) => a.contactId === contact.id)
    .sort((x, y) => Date.parse(x.startTime) - Date.parse(y.startTime))
    .map(renderEvent);
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
  // §11.1: a contacts route, so Version 2021-07-28.
  {
    method: 'GET',
    path: '/contacts/:contactId/appointments',
    version: VERSION_2021_07_28,
    scope: 'contacts.readonly',
    handler: contactAppointments,
  },
];
