import { DateTime } from 'luxon';
import type { RouteResult } from '../http';
import { notFound, unprocessable } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { freeSlots } from '../slots';
import type { Calendar } from '../types';
import { VERSION_2021_04_15 } from '../types';
import { validateQuery } from '../validate';

const V = VERSION_2021_04_15;
const MAX_FREE_SLOT_RANGE_MS = 31 * 24 * 3600 * 1000;

export function renderCalendar(calendar: Calendar): Record<string, unknown> {
  return structuredClone(calendar) as unknown as Record<string, unknown>;
}

export function getCalendar(ctx: AuthedContext, id: string | undefined): Calendar {
  const calendar = id ? ctx.state.calendars.get(id) : undefined;
  if (!calendar || calendar.locationId !== ctx.token.locationId) throw notFound('Calendar not found');
  return calendar;
}

function list(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    groupId: { type: 'string' },
    showDrafted: { type: 'boolean' },
  });
  assertLocation(ctx, q.locationId);
  const calendars = [...ctx.state.calendars.values()]
    .filter((c) => c.locationId === ctx.token.locationId)
    .filter((c) => !q.groupId || c.groupId === q.groupId)
    .filter((c) => q.showDrafted !== 'false' || c.isActive)
    .map(renderCalendar);
  return { body: { calendars } };
}

function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * `GET /calendars/:id/free-slots` (docs/highlevel-api.md §6.5, §11.9): startDate/endDate epoch-ms numbers (ISO strings
 * → 422), range ≤ 31 days, no locationId (422 via the query allow-list). Answer: `{ "YYYY-MM-DD": { slots: [...] },
 * traceId }`.
 */
function slots(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    startDate: { type: 'numeric', required: true },
    endDate: { type: 'numeric', required: true },
    timezone: { type: 'string' },
    userId: { type: 'string' },
    userIds: { type: 'stringList' },
    enableLookBusy: { type: 'boolean' },
  });
  const calendar = getCalendar(ctx, ctx.params.calendarId);
  const start = Number(q.startDate);
  const end = Number(q.endDate);
  const errors: string[] = [];
  if (end < start) errors.push('endDate must be greater than startDate');
  if (end - start > MAX_FREE_SLOT_RANGE_MS) errors.push('The date range cannot be more than 31 days');
  const zone = q.timezone ?? ctx.state.location.timezone;
  if (!isValidZone(zone)) errors.push('timezone must be a valid IANA timezone');
  if (errors.length > 0) throw unprocessable(errors);
  const wanted = [q.userId, ...(q.userIds ? q.userIds.split(',') : [])].filter((u): u is string => !!u);
  const members = calendar.teamMembers.map((m) => m.userId);
  const out: Record<string, { slots: string[] }> = {};
  if (wanted.length === 0 || wanted.some((u) => members.includes(u))) {
    for (const slot of freeSlots(ctx.state, calendar, start, end)) {
      const local = slot.setZone(zone);
      const key = local.toFormat('yyyy-MM-dd');
      const day = (out[key] ??= { slots: [] });
      day.slots.push(local.toISO({ suppressMilliseconds: true }) ?? '');
    }
  }
  return { body: out };
}

export const calendarRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/calendars', version: V, scope: 'calendars.readonly', handler: list },
  {
    method: 'GET',
    path: '/calendars/:calendarId',
    version: V,
    scope: 'calendars.readonly',
    handler: (ctx) => ({ body: { calendar: renderCalendar(getCalendar(ctx, ctx.params.calendarId)) } }),
  },
  { method: 'GET', path: '/calendars/:calendarId/free-slots', version: V, scope: 'calendars.readonly', handler: slots },
];
