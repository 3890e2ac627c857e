import { DateTime } from 'luxon';
import { badRequest, unprocessable } from './http';
import type { AuthedContext } from './router';
import { isSlotFree, slotDurationMinutes } from './slots';
import type { Appointment } from './types';

/** Appointments: body allow-lists, renderings, and how a body moves an appointment (docs/highlevel-api.md §6.5). */

const STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const;
const MEETING_TYPES = ['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams', 'google'] as const;

/** docs/highlevel-api.md §6.5 create body (spec AppointmentCreateSchema). */
export const CREATE_APPOINTMENT_SHAPE = {
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

/** docs/highlevel-api.md §6.5 update: same fields, all optional, without locationId/contactId. */
export const UPDATE_APPOINTMENT_SHAPE = (() => {
  const shape: Record<string, { type: 'string' | 'isoDate' | 'boolean'; enum?: readonly string[] }> = {};
  for (const [key, rule] of Object.entries(CREATE_APPOINTMENT_SHAPE)) {
    if (key === 'locationId' || key === 'contactId') continue;
    shape[key] = { type: rule.type, ...('enum' in rule ? { enum: rule.enum } : {}) };
  }
  return shape;
})();

const SLOT_TAKEN = 'The slot you have selected is no longer available.';

/** The event shape of GET appointment / events lists (spec CalendarEventDTO, docs/highlevel-api.md §7). */
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

/**
 * docs/highlevel-api.md §6.5 / §11.16: create/update answer the unwrapped appointment without dateAdded/dateUpdated.
 */
export function renderWritten(a: Appointment): Record<string, unknown> {
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

function localIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}

export function applyTimes(ctx: AuthedContext, a: Appointment, body: Record<string, unknown>, calendarChanged: boolean): void {
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
  // docs/highlevel-api.md §6.5: without ignoreFreeSlotValidation the slot must be free (open hours, not past, not fully
  // booked).
  if (moved && body.ignoreFreeSlotValidation !== true && !isSlotFree(ctx.state, calendar, startMs, endMs, a.id)) {
    throw badRequest(SLOT_TAKEN);
  }
  const zone = ctx.state.location.timezone;
  a.startTime = localIso(startMs, zone);
  a.endTime = localIso(endMs, zone);
}

export function applyFields(a: Appointment, body: Record<string, unknown>): void {
  if (typeof body.title === 'string') a.title = body.title;
  if (typeof body.appointmentStatus === 'string') a.appointmentStatus = body.appointmentStatus;
  if (typeof body.description === 'string') a.description = body.description;
  if (typeof body.address === 'string') {
    a.address = body.address;
    a.meetingLocationType ??= 'custom'; // docs/highlevel-api.md §6.5: an address defaults the meeting type to custom
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
