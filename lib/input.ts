import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import type { ZObject } from 'zapier-platform-core';
import { z } from 'zod';

/**
 * The one gate for what a user maps into a field: every reader and check, and the one way to reject input. Each
 * reader returns the value HighLevel wants, or throws InvalidInput with a sentence naming the field and what is
 * wrong; `validated()` turns that into the Zapier error the user sees, before any request is sent.
 */
export class InvalidInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInput';
  }
}

/** Thrown for bad input before any request is sent. */
export const inputError = (zObject: ZObject, message: string): Error => new zObject.errors.Error(message, 'invalid_input', 400);

/** Runs a validation and turns InvalidInput into the Zapier error a user sees. */
export const validated = <T>(zObject: ZObject, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidInput) throw inputError(zObject, error.message);
    throw error;
  }
};

/** True for values Zapier hands over for a field the user left empty. */
export const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** HighLevel ids: 20-char opaque ids, 24-hex Mongo ids, recurring instances `<id>_<epochMs>_<n>`. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export const checkId = (zObject: ZObject, label: string, value: unknown): string => {
  const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!id) throw inputError(zObject, `${label} is required.`);
  if (!ID_PATTERN.test(id)) {
    throw inputError(
      zObject,
      `${label} "${id.slice(0, 60)}" is not a valid HighLevel ID: IDs contain only letters, digits, "_" and "-" (for example ve9EPM428h8vShlRW1KT).`,
    );
  }
  return id;
};

/** An optional id field: undefined when left empty, else checked. */
export const optionalId = (zObject: ZObject, label: string, value: unknown): string | undefined =>
  isEmpty(value) ? undefined : checkId(zObject, label, value);

const EmailSchema = z.email();

/** A mapped value as trimmed text; undefined for what Zapier hands over for an empty field. */
export const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const out = typeof value === 'string' ? value.trim() : Array.isArray(value) && value.length === 0 ? '' : String(value);
  return out === '' ? undefined : out;
};

/** Yes/no from a checkbox or mapped text ("yes", "true", "1"); undefined when left empty. */
export const yesNo = (label: string, value: unknown): boolean | undefined => {
  if (text(value) === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  const t = String(value).trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(t)) return true;
  if (['false', 'no', '0', 'n'].includes(t)) return false;
  throw new InvalidInput(`${label} must be yes or no (true/false), got "${String(value).slice(0, 20)}".`);
};

export const normalizeEmail = (label: string, value: string): string => {
  const email = value.trim();
  if (!EmailSchema.safeParse(email).success) {
    throw new InvalidInput(`${label} "${email.slice(0, 80)}" is not a valid email address (expected something like name@example.com).`);
  }
  return email.toLowerCase();
};

const COUNTRIES = new Set<string>(getCountries());

export const isCountryCode = (value: string): value is CountryCode => COUNTRIES.has(value);

/** Phone to E.164 (docs/highlevel-api.md §11.7). Numbers without a "+" are read in the default country. */
/**
 * What every phone number must look like whatever its country: 5 to 17 digits (E.164 allows 15, plus a national
 * trunk prefix), only digits, spaces and + ( ) - . / separators. Checked before a country is looked up.
 */
export const checkPhoneShape = (label: string, value: string): void => {
  const text = value.trim();
  const digits = text.replace(/\D/g, '').length;
  if (!/^\+?[\d\s()./-]+$/.test(text) || digits < 5 || digits > 17) {
    throw new InvalidInput(`${label} "${text.slice(0, 40)}" is not a valid phone number.`);
  }
};

export const normalizePhone = (label: string, value: string, defaultCountry?: string): string => {
  const text = value.trim();
  const country = defaultCountry?.trim().toUpperCase();
  if (country && !isCountryCode(country)) {
    throw new InvalidInput(`Default Phone Country "${defaultCountry}" is not a two-letter country code such as US, GB or DE.`);
  }
  const phone = parsePhoneNumberFromString(text, country as CountryCode | undefined);
  if (!phone || !phone.isValid()) {
    const hint = text.startsWith('+') || country ? '' : ' Add the country code (e.g. +1 555 123 4567) or set Default Phone Country.';
    throw new InvalidInput(`${label} "${text.slice(0, 40)}" is not a valid phone number.${hint}`);
  }
  return phone.number;
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const COUNTRY_BY_NAME = new Map<string, string>();
for (const code of COUNTRIES) {
  const name = regionNames.of(code);
  if (name) COUNTRY_BY_NAME.set(name.toLowerCase(), code);
}
// Common names that differ from the English display names.
for (const [name, code] of Object.entries({
  usa: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  deutschland: 'DE',
  russia: 'RU',
  'south korea': 'KR',
})) {
  COUNTRY_BY_NAME.set(name, code);
}

/** Country as ISO 3166 alpha-2 (docs/highlevel-api.md §6.1): accepts a code ("de") or an English name ("Germany", "GERMANY"). */
export const normalizeCountry = (label: string, value: string): string => {
  const text = value.trim();
  const upper = text.toUpperCase();
  if (upper.length === 2 && isCountryCode(upper)) return upper;
  const byName = COUNTRY_BY_NAME.get(text.toLowerCase());
  if (byName) return byName;
  throw new InvalidInput(
    `${label} "${text.slice(0, 60)}" is not a country HighLevel knows: use a two-letter ISO code such as US, GB or DE, or the country's English name.`,
  );
};

const DATE_FORMATS = [
  'yyyy-MM-dd',
  'M/d/yyyy',
  'MM/dd/yyyy',
  'd.M.yyyy',
  'dd.MM.yyyy',
  'yyyy/MM/dd',
  'MMMM d, yyyy',
  'MMM d, yyyy',
  'd MMMM yyyy',
  'd MMM yyyy',
];

/** A calendar date (date of birth) as YYYY-MM-DD, from the forms people and apps use. Epoch ms is accepted too. */
export const normalizeDate = (label: string, value: string): string => {
  const text = value.trim();
  let date: DateTime | undefined;
  // Epoch seconds have 9-10 digits (1973-2286), milliseconds 11-13: a birthday before 2001 in ms has only 12.
  // Eight digits stay a basic ISO date (19880512).
  if (/^\d{9,13}$/.test(text)) {
    date = DateTime.fromMillis(text.length >= 11 ? Number(text) : Number(text) * 1000, { zone: 'utc' });
  } else {
    const iso = DateTime.fromISO(text, { setZone: true });
    if (iso.isValid) date = iso;
    for (const format of DATE_FORMATS) {
      if (date) break;
      const parsed = DateTime.fromFormat(text, format, { locale: 'en-US' });
      if (parsed.isValid) date = parsed;
    }
  }
  if (!date || !date.isValid) {
    throw new InvalidInput(`${label} "${text.slice(0, 40)}" is not a date: use YYYY-MM-DD (e.g. 1988-05-12) or MM/DD/YYYY.`);
  }
  return date.toFormat('yyyy-MM-dd');
};

export const normalizeUrl = (label: string, value: string): string => {
  const text = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidInput(`${label} "${text.slice(0, 80)}" is not a web address (expected something like https://example.com).`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
    throw new InvalidInput(`${label} "${text.slice(0, 80)}" is not a web address (expected something like https://example.com).`);
  }
  return withScheme;
};

/** A value from a fixed set of choices (the keys of `choices`), compared in lower case; undefined when left empty. */
export const choice = (label: string, value: unknown, choices: Record<string, string>): string | undefined => {
  const t = text(value)?.toLowerCase();
  if (t === undefined) return undefined;
  if (!(t in choices)) throw new InvalidInput(`${label} "${t.slice(0, 30)}" is not one of: ${Object.keys(choices).join(', ')}.`);
  return t;
};
