import type { DateTime } from 'luxon';
import { zod } from '../lib/schema/zod';
import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { freeSlotDays, freeSlotsOutputFields, freeSlotsSample, type FreeSlotsOutput } from '../lib/appointment/calendar';
import { timeZoneField } from '../lib/appointment/fields';
import { CALENDAR_DROPDOWN, USER_DROPDOWN } from '../lib/dropdowns';
import { ghl } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { checkId, inputError, isEmpty, text, validated } from '../lib/input';
import { locationTimeZone } from '../lib/location/api';
import { checkTimeZone, dayBounds, parseTime, resolveTime, toHighLevelTime, type ParsedTime } from '../lib/time';

export const CALENDAR_FREE_SLOTS_KEY = 'calendar_free_slots';

/** HighLevel refuses windows longer than 31 days (docs/highlevel-api.md §4, §6.5). */
export const MAX_DAYS = 31;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DEFAULT_DAYS = 7;

const boundary = (label: string, parsed: ParsedTime, zone: string | undefined, edge: 'start' | 'end'): DateTime => {
  if (parsed.kind === 'date') {
    const bounds = dayBounds(parsed.parts, zone ?? 'UTC'); // a zone is always fetched for days; UTC only satisfies the type
    return bounds[edge];
  }
  return resolveTime(label, parsed, zone);
};

/**
 * GET /calendars/{id}/free-slots with startDate/endDate as epoch milliseconds and the time zone the answer should
 * use; never locationId (a 422, §11.2). The day-keyed answer becomes one result: every slot in order, the first
 * one, and one line item per day. No free slot at all is "nothing found".
 */
export const perform: SearchPerform = async (z, bundle) => {
  const input = bundle.inputData;
  const calendarId = checkId(z, 'Calendar', input.calendarId);
  const userId = isEmpty(input.userId) ? undefined : checkId(z, 'Team Member', input.userId);
  const { from, until, picked } = validated(z, () => ({
    from: parseTime('From', input.startDate),
    until: isEmpty(input.endDate) ? undefined : parseTime('Until', input.endDate),
    picked: text(input.timeZone, 'Time Zone') === undefined ? undefined : checkTimeZone('Time Zone', String(input.timeZone)),
  }));
  // Days and wall-clock times only mean something in a zone: the picked one, else the location's.
  const needZone = !picked && [from, until].some((p) => p !== undefined && p.kind !== 'instant');
  const zone = picked ?? (needZone ? await locationTimeZone(z, bundle) : undefined);

  const { start, end } = validated(z, () => {
    const start = boundary('From', from, zone, 'start');
    const end = until ? boundary('Until', until, zone, 'end') : start.plus({ days: DEFAULT_DAYS - 1 }).endOf('day');
    return { start, end };
  });
  const span = end.toMillis() - start.toMillis();
  if (span <= 0) throw inputError(z, `Until (${toHighLevelTime(end)}) must be after From (${toHighLevelTime(start)}).`);
  // One hour of slack: 31 whole days across a fall-back night are 31 days and an hour long.
  if (span > MAX_DAYS * DAY_MS + HOUR_MS) {
    throw inputError(
      z,
      `HighLevel finds free slots for at most ${MAX_DAYS} days at a time; ${toHighLevelTime(start).slice(0, 10)} to ${toHighLevelTime(end).slice(0, 10)} is ${Math.ceil(span / DAY_MS)} days. Narrow From and Until, or use two searches.`,
    );
  }
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
  const result: FreeSlotsOutput = {
    id: [calendarId, toHighLevelTime(start), toHighLevelTime(end), zone ?? '', userId ?? ''].join('|'),
    calendarId,
    timezone: zone ?? '',
    startDate: toHighLevelTime(start),
    endDate: toHighLevelTime(end),
    firstSlot: slots[0] ?? '',
    slotCount: slots.length,
    slots,
    days,
  };
  return [result];
};

export default defineSearch({
  key: CALENDAR_FREE_SLOTS_KEY,
  noun: 'Free Slot',
  display: {
    label: 'Find Free Slots',
    description: `Finds the free booking slots of a calendar in a range of up to ${MAX_DAYS} days: the first free slot, all slots in order, and a line item per day.`,
  },
  operation: {
    inputFields: [
      {
        ...CALENDAR_DROPDOWN,
        key: 'calendarId',
        label: 'Calendar',
        required: true,
        helpText: 'Calendar to look in. Choose one, or map a calendar ID such as `Cal3bD5fH7jL9nP1rT3v`.',
      },
      {
        key: 'startDate',
        label: 'From',
        type: 'datetime',
        required: true,
        helpText: 'First day to search, e.g. `2026-06-24` (from midnight), or a date and time such as `2026-06-24 14:00` to start later that day.',
      },
      {
        key: 'endDate',
        label: 'Until',
        type: 'datetime',
        helpText: `Last day to search, e.g. \`2026-06-30\` (to the end of that day). At most ${MAX_DAYS} days after From; leave empty for ${DEFAULT_DAYS} days.`,
      },
      {
        ...timeZoneField,
        helpText: "IANA time zone for the days and for the slot times returned, e.g. `Europe/Berlin`. Leave empty to use the HighLevel location's time zone.",
      },
      {
        ...USER_DROPDOWN,
        key: 'userId',
        label: 'Team Member',
        helpText: 'Only slots when this team member is free (for calendars with several members). Leave empty for any.',
      },
    ],
    perform,
    sample: freeSlotsSample,
    outputFields: freeSlotsOutputFields,
  },
});
