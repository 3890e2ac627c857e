import type { DateTime } from 'luxon';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { zod } from '../schema/zod';
import { ghl } from '../http/client';
import { endpoints } from '../http/endpoints';
import { inputError, validated } from '../input';
import { locationTimeZone } from '../location/api';
import { dayBounds, resolveTime, toHighLevelTime, type ParsedTime } from '../time';
import { freeSlotDays, type FreeSlotsOutput } from './calendar';

/** Find Free Slots (docs/highlevel-api.md §6.5): the window asked for, HighLevel's free-slot map, one result. */

/** HighLevel refuses windows longer than 31 days (docs/highlevel-api.md §4, §6.5). */
export const MAX_DAYS = 31;
/** Until left empty: this many days from From's day. */
export const DEFAULT_DAYS = 7;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SlotQuery {
  calendarId: string;
  userId?: string;
  from: ParsedTime;
  until?: ParsedTime;
  /** The zone the user picked, if any. */
  picked?: string;
}

const boundary = (label: string, parsed: ParsedTime, zone: string | undefined, edge: 'start' | 'end'): DateTime => {
  if (parsed.kind === 'date') {
    const bounds = dayBounds(parsed.parts, zone ?? 'UTC'); // a zone is always fetched for days; UTC only satisfies the type
    return bounds[edge];
  }
  return resolveTime(label, parsed, zone);
};

/**
 * The window to search: From's instant (a day from its midnight), Until's (a day to its end), else DEFAULT_DAYS days.
 * Refused when it ends before it starts or is longer than MAX_DAYS days (with an hour of slack: 31 whole days across a
 * fall-back night are 31 days and an hour long).
 */
export const slotWindow = (z: ZObject, query: Pick<SlotQuery, 'from' | 'until'>, zone: string | undefined): { start: DateTime; end: DateTime } => {
  const { start, end } = validated(z, () => {
    const start = boundary('From', query.from, zone, 'start');
    const end = query.until ? boundary('Until', query.until, zone, 'end') : start.plus({ days: DEFAULT_DAYS - 1 }).endOf('day');
    return { start, end };
  });
  const span = end.toMillis() - start.toMillis();
  if (span <= 0) throw inputError(z, `Until (${toHighLevelTime(end)}) must be after From (${toHighLevelTime(start)}).`);
  if (span > MAX_DAYS * DAY_MS + HOUR_MS) {
    throw inputError(
      z,
      `HighLevel finds free slots for at most ${MAX_DAYS} days at a time; ${toHighLevelTime(start).slice(0, 10)} to ${toHighLevelTime(end).slice(0, 10)} is ${Math.ceil(span / DAY_MS)} days. Narrow From and Until, or use two searches.`,
    );
  }
  return { start, end };
};

/**
 * GET /calendars/{id}/free-slots with startDate/endDate as epoch milliseconds and the time zone the answer should
 * use; never locationId (a 422, §11.2). Days and wall-clock times only mean something in a zone: the picked one, else
 * the location's (read only then). The day-keyed answer becomes one result: every slot in order, the first one, and
 * one line item per day. No free slot at all is "nothing found".
 */
export const findFreeSlots = async (z: ZObject, bundle: Bundle, query: SlotQuery): Promise<FreeSlotsOutput[]> => {
  const { calendarId, userId, picked } = query;
  const needZone = !picked && [query.from, query.until].some((p) => p !== undefined && p.kind !== 'instant');
  const zone = picked ?? (needZone ? await locationTimeZone(z, bundle) : undefined);
  const { start, end } = slotWindow(z, query, zone);
  const endMs = Math.min(end.toMillis(), start.toMillis() + MAX_DAYS * DAY_MS);

  const answer = await ghl(z, bundle, endpoints.freeSlots, {
    path: { calendarId },
    labels: { calendarId: 'Calendar' },
    query: { startDate: start.toMillis(), endDate: endMs, timezone: zone, userId },
    // A map keyed by day (docs/highlevel-api.md §6.5); freeSlotDays reads each day leniently.
    answer: zod.record(zod.string(), zod.unknown()),
    unreadable: 'without a map of free slots by day',
  });
  const days = freeSlotDays(answer);
  if (!days.length) return [];
  const slots = days.flatMap((d) => d.slots);
  return [
    {
      id: [calendarId, toHighLevelTime(start), toHighLevelTime(end), zone ?? '', userId ?? ''].join('|'),
      calendarId,
      timezone: zone ?? '',
      startDate: toHighLevelTime(start),
      endDate: toHighLevelTime(end),
      firstSlot: slots[0] ?? '',
      slotCount: slots.length,
      slots,
      days,
    },
  ];
};
