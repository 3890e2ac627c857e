import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import type { SandboxState } from '../state';

/** HighLevel stores tags lower-cased and trimmed (observed behaviour; docs/highlevel-api.md is silent). */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase();
    if (tag !== '' && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** docs/highlevel-api.md §11.7: responses use E.164. National numbers are read in the location's country. */
export function normalizePhone(state: SandboxState, raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, state.location.country as CountryCode);
  return parsed?.number;
}

/** Epoch ms, the common date formats, or ISO; stored as ISO UTC midnight. */
export function normalizeDateOfBirth(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return new Date(raw).toISOString();
  if (typeof raw !== 'string') return undefined;
  const formats = ['yyyy-MM-dd', 'MM/dd/yyyy', 'M/d/yyyy', 'yyyy/MM/dd', 'MM-dd-yyyy', 'dd.MM.yyyy'];
  for (const format of formats) {
    const dt = DateTime.fromFormat(raw.trim(), format, { zone: 'utc' });
    if (dt.isValid) return dt.toISO() ?? undefined;
  }
  const iso = DateTime.fromISO(raw.trim(), { zone: 'utc' });
  return iso.isValid ? (iso.toUTC().toISO() ?? undefined) : undefined;
}
