import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { defineObject, field, type OutputOf } from '../schema/define';

/**
 * HighLevel calendars (docs/highlevel-api.md §6.5): GET /calendars/ answers {calendars}, GET /calendars/{id} answers
 * {calendar}. Only what the app reads is typed; the rest passes through. Also the free-slot answer, which belongs to
 * a calendar.
 */
export const Calendar = lazy(() =>
  zod.looseObject({
    id: zod.string(),
    name: zod.string().nullish(),
    locationId: zod.string().nullish(),
    groupId: zod.string().nullish(),
    calendarType: zod.string().nullish(),
    isActive: zod.boolean().nullish(),
    slotDuration: zod.number().nullish(),
    /** 'mins' | 'hours' per the spec. */
    slotDurationUnit: zod.string().nullish(),
  }),
);
export type Calendar = z.infer<typeof Calendar>;

/** "Pilates 1:1 (60 min)": the name and the default slot length, as the calendar dropdown shows it. */
export const calendarLabel = (c: Calendar): string => {
  const name = c.name?.trim() || c.id;
  if (typeof c.slotDuration !== 'number' || c.slotDuration <= 0) return name;
  const hours = /^hour/i.test(c.slotDurationUnit ?? '');
  return `${name} (${c.slotDuration} ${hours ? (c.slotDuration === 1 ? 'hour' : 'hours') : 'min'})`;
};

/**
 * GET /calendars/{id}/free-slots answers a map keyed by day, `{"2026-06-24": {slots: [...]}, traceId}` (§6.5):
 * every key that is not a date is ignored.
 */
export const FreeSlotDay = lazy(() => zod.looseObject({ slots: zod.array(zod.string()).default([]) }));
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** One day of the answer, as Find Free Slots returns it. */
const FreeSlotDayOutput = lazy(() =>
  zod.strictObject({
    date: zod.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    slotCount: zod.number().int(),
    firstSlot: zod.iso.datetime({ offset: true }),
    lastSlot: zod.iso.datetime({ offset: true }),
    slots: zod.array(zod.iso.datetime({ offset: true })),
  }),
);
type FreeSlotDayOutput = z.infer<typeof FreeSlotDayOutput>;

/** Days in date order, each with its slots in time order; days without slots are left out. */
export const freeSlotDays = (raw: unknown): FreeSlotDayOutput[] => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw)
    .filter(([key]) => DAY_KEY.test(key))
    .map(([date, value]) => {
      const parsed = FreeSlotDay.safeParse(value);
      const slots = parsed.success ? [...parsed.data.slots].sort((a, b) => Date.parse(a) - Date.parse(b)) : [];
      return { date, slotCount: slots.length, firstSlot: slots[0] ?? '', lastSlot: slots[slots.length - 1] ?? '', slots };
    })
    .filter((day) => day.slotCount > 0)
    .sort((a, b) => a.date.localeCompare(b.date));
};

/** The one result of Find Free Slots: every slot of the window in order, the first one, and a line item per day. */
export const freeSlotsDef = defineObject({
  /** Stable for one question: calendar, window, zone and team member. */
  id: field.id('Result ID'),
  calendarId: field.id('Calendar ID'),
  timezone: field.text('Time Zone'),
  startDate: field.datetime('Searched From'),
  endDate: field.datetime('Searched Until'),
  firstSlot: field.datetime('First Free Slot'),
  slotCount: field.integer('Number of Free Slots'),
  slots: field.list('Free Slots'),
  days: field.items(() => FreeSlotDayOutput, 'Days', [
    { key: 'date', label: 'Day' },
    { key: 'slotCount', label: 'Free Slots That Day', type: 'integer' },
    { key: 'firstSlot', label: 'First Free Slot That Day', type: 'datetime' },
    { key: 'lastSlot', label: 'Last Free Slot That Day', type: 'datetime' },
  ]),
});

export type FreeSlotsOutput = OutputOf<typeof freeSlotsDef.fields>;

export const freeSlotsSample = {
  id: 'Cal3bD5fH7jL9nP1rT3v|2026-06-24T00:00:00+02:00|2026-06-30T23:59:59+02:00|Europe/Berlin|',
  calendarId: 'Cal3bD5fH7jL9nP1rT3v',
  timezone: 'Europe/Berlin',
  startDate: '2026-06-24T00:00:00+02:00',
  endDate: '2026-06-30T23:59:59+02:00',
  firstSlot: '2026-06-24T10:00:00+02:00',
  slotCount: 3,
  slots: ['2026-06-24T10:00:00+02:00', '2026-06-24T11:00:00+02:00', '2026-06-25T14:30:00+02:00'],
  days: [
    {
      date: '2026-06-24',
      slotCount: 2,
      firstSlot: '2026-06-24T10:00:00+02:00',
      lastSlot: '2026-06-24T11:00:00+02:00',
      slots: ['2026-06-24T10:00:00+02:00', '2026-06-24T11:00:00+02:00'],
    },
    { date: '2026-06-25', slotCount: 1, firstSlot: '2026-06-25T14:30:00+02:00', lastSlot: '2026-06-25T14:30:00+02:00', slots: ['2026-06-25T14:30:00+02:00'] },
  ],
} satisfies FreeSlotsOutput;

export const freeSlotsOutputFields = freeSlotsDef.outputFields;
