import { DateTime } from 'luxon';

/**
 * Readers for the value forms HighLevel's answers use (docs/highlevel-api.md §1, §14): dates as ISO strings, as
 * "YYYY-MM-DD HH:mm:ss" without a zone, or as epoch milliseconds; custom values under `value` or `fieldValue*`.
 * Pure: an odd value reads as empty, never as an error (answers are read after writes too).
 */

const ZONELESS = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
const EPOCH_MS = /^\d{12,13}$/;
/** Epoch milliseconds of 1973..2286: anything smaller is not a date HighLevel would send. */
const isEpochMs = (n: number) => Number.isInteger(n) && n >= 1e11 && n < 1e13;

/**
 * A date-time as ISO-8601 with its zone, or null when there is none. ISO strings pass unchanged. Epoch milliseconds become UTC ISO. A
 * "YYYY-MM-DD HH:mm:ss" time has no zone: it is read in `zone` when one is given (the location's, for
 * GET /contacts/{id}/appointments, §14.2) and as UTC otherwise (the older list answers of §1).
 */
export const isoDate = (value: unknown, zone?: string): string | null => {
  if (typeof value === 'number') return isEpochMs(value) ? new Date(value).toISOString() : null;
  if (typeof value !== 'string' || !value.trim()) return null;
  if (EPOCH_MS.test(value)) return new Date(Number(value)).toISOString();
  const zoneless = ZONELESS.exec(value);
  if (!zoneless) return value;
  const local = DateTime.fromISO(`${zoneless[1]}T${zoneless[2]}`, { zone: zone ?? 'utc' });
  if (!local.isValid) return value;
  return zone ? (local.toISO({ suppressMilliseconds: true }) ?? value) : `${zoneless[1]}T${zoneless[2]}.000Z`;
};

/** Milliseconds of an output date for sorting; a missing or unreadable date sorts last (-Infinity). */
export const timeOf = (value: string | null | undefined): number => {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
};

/** True for a time HighLevel sent without a zone ("2021-07-16 11:00:00"). */
export const isZoneless = (value: unknown): boolean => typeof value === 'string' && ZONELESS.test(value);

/**
 * A calendar day (date of birth) as YYYY-MM-DD. HighLevel sends it as a plain date, as midnight UTC
 * ("1990-09-25T00:00:00.000Z", webhooks) or as epoch ms (search items, issue #314): the day is the UTC day, which
 * users west of UTC would otherwise see as the day before.
 */
export const plainDate = (value: unknown): string => {
  if (typeof value === 'number' && Number.isFinite(value)) return DateTime.fromMillis(value, { zone: 'utc' }).toISODate() ?? '';
  if (typeof value !== 'string' || !value.trim()) return '';
  const text = value.trim();
  if (/^-?\d{9,13}$/.test(text)) return DateTime.fromMillis(Number(text), { zone: 'utc' }).toISODate() ?? text;
  const iso = DateTime.fromISO(text, { zone: 'utc' });
  return iso.isValid && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
};

export interface CustomValue {
  id: string;
  value?: unknown;
  [extra: string]: unknown;
}

/**
 * Custom values as `{id, value}`, whatever key HighLevel used: `value` (contacts, §14.8), `fieldValue`
 * (opportunities' spec) or a typed `fieldValueString` / `fieldValueNumber` / ... (issue #87). Other keys stay.
 */
export const customValues = (list: unknown): CustomValue[] =>
  (Array.isArray(list) ? list : []).flatMap((item): CustomValue[] => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [];
    const record = item as Record<string, unknown>;
    if (typeof record.id !== 'string') return [];
    if (record.value !== undefined) return [{ ...record, id: record.id }];
    const typedKey = Object.keys(record).find((key) => key === 'fieldValue' || /^fieldValue[A-Z]/.test(key));
    return [typedKey ? { ...record, id: record.id, value: record[typedKey] } : { ...record, id: record.id }];
  });
