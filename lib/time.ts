import { DateTime, IANAZone } from 'luxon';
import type { Bundle } from 'zapier-platform-core';
import { InvalidInput, MAX_OFFSET_MINUTES, checkText, offsetMinutes } from './input';

/**
 * Dates and times for appointments. Zapier hands over times in many shapes, often without an offset; HighLevel
 * wants ISO-8601 with an offset (docs/highlevel-api.md §1, e.g. 2026-03-29T10:00:00+02:00) and epoch milliseconds for its
 * list windows (§11.9). Parsing is split from resolving: `parseTime` tells, before any request, whether a value
 * pins an instant by itself or is a wall-clock time that needs a time zone (the one the user picked, else the
 * location's), so callers fetch the location only when some value needs it.
 *
 * Daylight-saving choices (tested in test/lib/time.test.ts):
 * - a wall-clock time that does not exist (the spring-forward gap, e.g. 2026-03-08 02:30 in America/New_York) is an
 *   error that names the gap: booking a session an hour off without saying so is worse than stopping;
 * - a wall-clock time that happens twice (fall-back, e.g. 2026-11-01 01:30 in America/New_York) is the EARLIER one
 *   (the daylight-saving offset, -04:00), the first time the clock shows it;
 * - durations are elapsed minutes: 60 minutes from 01:30 EST on the spring-forward night ends at 03:30 EDT.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type ParsedTime =
  /** Carries its own offset (ISO with offset or Z, RFC 2822, epoch): one instant, no zone needed. */
  | { kind: 'instant'; value: DateTime; text: string }
  /** A wall-clock date and time; which instant it means depends on the time zone. */
  | { kind: 'local'; parts: LocalParts; text: string }
  /** A calendar day without a time of day. */
  | { kind: 'date'; parts: Pick<LocalParts, 'year' | 'month' | 'day'>; text: string };

const EXAMPLES = 'e.g. `2026-06-24T11:00:00+02:00`, `2026-06-24 11:00`, `06/24/2026 11:00 AM` or epoch milliseconds `1782291600000`';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Wall-clock formats people and apps use; the US order first (Zapier's own formatter writes MM/DD/YYYY). */
const LOCAL_FORMATS = [
  'M/d/yyyy h:mm a',
  'M/d/yyyy h:mm:ss a',
  'M/d/yyyy H:mm',
  'M/d/yyyy H:mm:ss',
  'MMMM d, yyyy h:mm a',
  'MMM d, yyyy h:mm a',
  'MMMM d, yyyy H:mm',
  'MMM d, yyyy H:mm',
  'd MMMM yyyy H:mm',
  'd MMM yyyy H:mm',
  'yyyy/M/d H:mm',
  'yyyy/M/d H:mm:ss',
  'd.M.yyyy H:mm',
  'd.M.yyyy H:mm:ss',
];
const DATE_FORMATS = ['M/d/yyyy', 'yyyy/M/d', 'd.M.yyyy', 'MMMM d, yyyy', 'MMM d, yyyy', 'd MMMM yyyy', 'd MMM yyyy'];

const partsOf = (dt: DateTime): LocalParts => ({ year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute, second: dt.second });

const fromEpoch = (digits: string): DateTime | undefined => {
  // 13 digits: milliseconds (TrainerCentral's scheduledTime); 10 digits: seconds (Unix time).
  if (/^\d{13}$/.test(digits)) return DateTime.fromMillis(Number(digits), { zone: 'utc' });
  if (/^\d{10}$/.test(digits)) return DateTime.fromSeconds(Number(digits), { zone: 'utc' });
  return undefined;
};

/** Reads a date/time as a user mapped it. Throws InvalidInput naming the field when it is not a date. */
export const parseTime = (label: string, value: unknown): ParsedTime => {
  if (typeof value === 'object' && value !== null) {
    throw new InvalidInput(`${label} got ${Array.isArray(value) ? 'a list' : 'an object'} where a date and time is expected: map a single date, ${EXAMPLES}.`);
  }
  const text = checkText(
    label,
    (typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : typeof value === 'string' ? value : '').trim(),
  );
  if (!text) throw new InvalidInput(`${label} is empty: enter a date and time, ${EXAMPLES}.`);

  const epoch = fromEpoch(text);
  if (epoch) return { kind: 'instant', value: epoch, text };

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, offset] = iso;
    const parts = { year: Number(y), month: Number(mo), day: Number(d) };
    const check = DateTime.fromObject({ ...parts, hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) }, { zone: 'utc' });
    if (!check.isValid) throw new InvalidInput(`${label} "${text.slice(0, 40)}" is not a valid date and time (${check.invalidExplanation ?? 'out of range'}).`);
    if (h === undefined) {
      if (offset) throw new InvalidInput(`${label} "${text.slice(0, 40)}" has an offset but no time of day: ${EXAMPLES}.`);
      return { kind: 'date', parts, text };
    }
    if (offset) {
      if (offsetMinutes(offset) === undefined) {
        throw new InvalidInput(
          `${label} "${text.slice(0, 40)}" has the UTC offset ${offset}, which no clock uses: offsets run from -12:00 to +14:00 (e.g. +02:00).`,
        );
      }
      const wall = `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s ?? '00'}`;
      const value = DateTime.fromISO(wall + offset.toUpperCase(), { setZone: true });
      if (!value.isValid) throw new InvalidInput(`${label} "${text.slice(0, 40)}" has an offset HighLevel cannot use (expected Z or +02:00).`);
      return { kind: 'instant', value, text };
    }
    return { kind: 'local', parts: partsOf(check), text };
  }

  for (const read of [DateTime.fromRFC2822, DateTime.fromHTTP]) {
    const value = read(text, { setZone: true });
    if (value.isValid && Math.abs(value.offset) > MAX_OFFSET_MINUTES) {
      throw new InvalidInput(`${label} "${text.slice(0, 40)}" has a UTC offset beyond ±14:00, which no clock uses.`);
    }
    if (value.isValid) return { kind: 'instant', value, text };
  }

  // "11:00am", "11:00 a.m." → "11:00 AM": luxon wants the meridiem as its own token.
  const normalized = text.replace(/\s*([ap])\.?\s?m\.?$/i, (_m, letter: string) => ` ${letter.toUpperCase()}M`).replace(/\s+/g, ' ');
  for (const format of LOCAL_FORMATS) {
    const dt = DateTime.fromFormat(normalized, format, { locale: 'en-US', zone: 'utc' });
    if (dt.isValid) return { kind: 'local', parts: partsOf(dt), text };
  }
  for (const format of DATE_FORMATS) {
    const dt = DateTime.fromFormat(normalized, format, { locale: 'en-US', zone: 'utc' });
    if (dt.isValid) return { kind: 'date', parts: { year: dt.year, month: dt.month, day: dt.day }, text };
  }
  throw new InvalidInput(`${label} "${text.slice(0, 40)}" is not a date and time HighLevel can use: ${EXAMPLES}.`);
};

/** IANA time zone names ("Europe/Berlin", "America/New_York", "UTC"); offsets such as "+02:00" are not zones. */
export const checkTimeZone = (label: string, value: string): string => {
  const zone = value.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || !IANAZone.isValidZone(zone)) {
    throw new InvalidInput(`${label} "${zone.slice(0, 40)}" is not a time zone: use an IANA name such as America/New_York, Europe/Berlin or UTC.`);
  }
  return zone;
};

const HOUR_MS = 3_600_000;

/**
 * The instants at which the wall clock of `zone` shows `parts`: none in a spring-forward gap, two in a fall-back
 * overlap, one otherwise. Done by hand because luxon silently moves gap times forward and picks the later
 * offset for overlaps, and both choices must be ours.
 */
export const instantsOf = (parts: LocalParts, zone: string): number[] => {
  const z = IANAZone.create(zone);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Offsets in force within a day around the wall time cover every candidate (offsets span -12 h .. +14 h).
  const offsets = new Set<number>();
  for (let h = -27; h <= 27; h += 3) offsets.add(z.offset(wall + h * HOUR_MS));
  return [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((ts) => wall - z.offset(ts) * 60_000 === ts)
    .sort((a, b) => a - b);
};

const wallText = (p: LocalParts): string => DateTime.fromObject(p, { zone: 'utc' }).toFormat(p.second ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');

/** The instant a parsed time means in `zone` (required for wall-clock times). Throws InvalidInput in a DST gap. */
export const resolveTime = (label: string, parsed: ParsedTime, zone?: string): DateTime => {
  if (parsed.kind === 'instant') return zone ? parsed.value.setZone(zone) : parsed.value;
  if (parsed.kind === 'date') {
    throw new InvalidInput(`${label} "${parsed.text.slice(0, 40)}" has no time of day: add one, ${EXAMPLES}.`);
  }
  if (!zone) throw new Error(`No time zone to read ${label} in.`); // callers fetch one first: a programming error
  const [first] = instantsOf(parsed.parts, zone);
  if (first === undefined) {
    const before = DateTime.fromMillis(
      Date.UTC(parsed.parts.year, parsed.parts.month - 1, parsed.parts.day, parsed.parts.hour, parsed.parts.minute) - 6 * HOUR_MS,
      { zone },
    );
    const after = before.plus({ hours: 12 });
    const jump = after.offset - before.offset;
    throw new InvalidInput(
      `${label} "${wallText(parsed.parts)}" does not exist in ${zone}: the clocks jump forward ${jump === 60 ? 'an hour' : `${jump} minutes`} there that night (daylight saving time). ` +
        'Pick a time outside the gap, or give the time with its offset (e.g. `2026-03-08T03:30:00-04:00`).',
    );
  }
  // Two instants in the fall-back overlap: the earlier one, when the clock first shows this time.
  return DateTime.fromMillis(first, { zone });
};

/** ISO-8601 with the offset, seconds precision: what HighLevel's appointment routes want (2026-03-29T10:00:00+02:00). */
export const toHighLevelTime = (dt: DateTime): string => dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");

/** Adds elapsed minutes (luxon adds hours and minutes as durations, so DST changes keep the real length). */
export const addMinutes = (dt: DateTime, minutes: number): DateTime => dt.plus({ minutes });

/** Length of a calendar's default slot in minutes (slotDuration + slotDurationUnit 'mins' | 'hours', §6.5). */
export const slotMinutes = (duration: number | null | undefined, unit: string | null | undefined): number => {
  const n = typeof duration === 'number' && duration > 0 ? duration : 30; // HighLevel's default slot is 30 minutes
  return /^hour/i.test(unit ?? '') ? n * 60 : n;
};

/** First and last millisecond of a calendar day in `zone` (for free-slot windows). */
export const dayBounds = (parts: Pick<LocalParts, 'year' | 'month' | 'day'>, zone: string): { start: DateTime; end: DateTime } => {
  const day = DateTime.fromObject(parts, { zone });
  return { start: day.startOf('day'), end: day.endOf('day') };
};

/** The user's time zone (Zapier account or Zap setting), UTC when missing or unknown. */
export const userZone = (bundle: Bundle): string => {
  const zone = bundle.meta?.timezone;
  return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
};
