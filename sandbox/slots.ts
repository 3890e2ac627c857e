import { DateTime } from 'luxon';
import type { SandboxState } from './state';
import type { Calendar } from './types';

/**
 * Calendar availability: open-hours rules evaluated in the location's timezone with luxon (docs/highlevel-api.md §6.5),
 * minus slots in the past and slots already holding `appoinmentPerSlot` (sic, docs/highlevel-api.md §11.11)
 * non-cancelled appointments.
 */

function minutes(value: number, unit: 'mins' | 'hours'): number {
  return unit === 'hours' ? value * 60 : value;
}

export function slotDurationMinutes(calendar: Calendar): number {
  return minutes(calendar.slotDuration, calendar.slotDurationUnit);
}

/** Candidate slot starts (open hours only) with start in [fromMs, toMs). */
export function candidateSlots(calendar: Calendar, zone: string, fromMs: number, toMs: number): DateTime[] {
  const duration = slotDurationMinutes(calendar);
  const interval = minutes(calendar.slotInterval, calendar.slotIntervalUnit) || duration;
  const out: DateTime[] = [];
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  const last = DateTime.fromMillis(toMs, { zone }).endOf('day');
  while (day <= last) {
    const jsDay = day.weekday % 7; // HighLevel/JS numbering: 0 = Sunday … 6 = Saturday
    for (const rule of calendar.openHours) {
      if (!rule.daysOfTheWeek.includes(jsDay)) continue;
      for (const window of rule.hours) {
        const close = day.set({ hour: window.closeHour, minute: window.closeMinute });
        let start = day.set({ hour: window.openHour, minute: window.openMinute });
        while (start.plus({ minutes: duration }) <= close) {
          const ms = start.toMillis();
          if (ms >= fromMs && ms < toMs) out.push(start);
          start = start.plus({ minutes: interval });
        }
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

export function bookedCount(state: SandboxState, calendarId: string, startMs: number, endMs: number, excludeId?: string): number {
  let count = 0;
  for (const a of state.appointments.values()) {
    if (a.calendarId !== calendarId || a.id === excludeId || a.appointmentStatus === 'cancelled') continue;
    if (Date.parse(a.startTime) < endMs && Date.parse(a.endTime) > startMs) count++;
  }
  return count;
}

/** Free slot starts in [fromMs, toMs), in the location timezone. */
export function freeSlots(state: SandboxState, calendar: Calendar, fromMs: number, toMs: number): DateTime[] {
  const nowMs = state.now().getTime();
  const duration = slotDurationMinutes(calendar) * 60_000;
  return candidateSlots(calendar, state.location.timezone, fromMs, toMs).filter((start) => {
    const ms = start.toMillis();
    return ms >= nowMs && bookedCount(state, calendar.id, ms, ms + duration) < calendar.appoinmentPerSlot;
  });
}

/** Whether an appointment may be booked at [startMs, endMs) without `ignoreFreeSlotValidation`. */
export function isSlotFree(state: SandboxState, calendar: Calendar, startMs: number, endMs: number, excludeId?: string): boolean {
  if (startMs < state.now().getTime()) return false;
  const aligned = candidateSlots(calendar, state.location.timezone, startMs, startMs + 1).some((s) => s.toMillis() === startMs);
  if (!aligned) return false;
  return bookedCount(state, calendar.id, startMs, endMs, excludeId) < calendar.appoinmentPerSlot;
}
