import type * as PhoneLib from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isRouteWord } from './http/route_words';
import { lazy, zod } from './schema/zod';

/**
 * The one gate for what a user maps into a field: every reader and check, and the one way to reject input. Each
 * reader returns the value HighLevel wants, or throws InvalidInput with a sentence naming the field (readers take its
 * label) and what is wrong; `validated()` turns that into the Zapier error the user sees, before any request is sent.
 * Every function of every operation runs behind `gated()` (index.ts: throughInputGate), which does the same for a
 * refusal no validated() caught, so InvalidInput never reaches Zapier as an unknown error class (issue 21).
 */
export class InvalidInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInput';
  }
}

/** Thrown for bad input before any request is sent. */
export const inputError = (zObject: ZObject, message: string): Error => new zObject.errors.Error(message, 'invalid_input', 400);

const asZapierError = (zObject: ZObject, error: unknown): unknown => (error instanceof InvalidInput ? inputError(zObject, error.message) : error);

/** Runs a validation and turns InvalidInput into the Zapier error a user sees. */
export const validated = <T>(zObject: ZObject, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    throw asZapierError(zObject, error);
  }
};

type AppFunction = (zObject: ZObject, bundle: Bundle) => unknown;
const GATED = new WeakMap<AppFunction, AppFunction>();
const GATE = Symbol('input gate');

/**
 * `fn` behind the gate: an InvalidInput it throws or rejects with becomes the Zapier error naming the field, as in
 * validated(). The same function always gets the same wrapper, and a gated function is returned as it is.
 */
export const gated = <F extends AppFunction>(fn: F): F => {
  if ((fn as unknown as Record<symbol, unknown>)[GATE]) return fn;
  const known = GATED.get(fn);
  if (known) return known as F;
  const wrapper = function (this: unknown, zObject: ZObject, bundle: Bundle) {
    let result: unknown;
    try {
      result = fn.call(this, zObject, bundle);
    } catch (error) {
      throw asZapierError(zObject, error);
    }
    const thenable = typeof (result as PromiseLike<unknown> | undefined)?.then === 'function';
    return thenable ? Promise.resolve(result).catch((error: unknown) => Promise.reject(asZapierError(zObject, error))) : result;
  };
  Object.defineProperty(wrapper, GATE, { value: true });
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  GATED.set(fn, wrapper);
  return wrapper as F;
};

/** True when `fn` is behind the gate (test/lib/hostile_input.test.ts holds every function of every operation to it). */
export const isGated = (fn: unknown): boolean => typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[GATE] === true;

/** The functions of an operation that read a bundle: its performs and its dynamic input and output fields. */
const FUNCTION_KEYS = ['perform', 'performList', 'performSubscribe', 'performUnsubscribe', 'performResume', 'performBuffer', 'performGet'];

/**
 * A group of operation definitions (the triggers, creates or searches barrel) with every function of every
 * operation behind the gate, so no reader can let InvalidInput escape as an unknown error class, whichever function
 * reads it and whether or not it calls validated() (issue 21). index.ts passes every group through this.
 */
export const throughInputGate = <G extends Record<string, { operation: object }>>(group: G): G =>
  Object.fromEntries(
    Object.entries(group).map(([key, definition]) => {
      const operation = { ...(definition.operation as Record<string, unknown>) };
      for (const name of FUNCTION_KEYS) if (typeof operation[name] === 'function') operation[name] = gated(operation[name] as AppFunction);
      for (const name of ['inputFields', 'outputFields']) {
        const fields = operation[name];
        if (Array.isArray(fields)) operation[name] = fields.map((f: unknown) => (typeof f === 'function' ? gated(f as AppFunction) : f));
      }
      return [key, { ...definition, operation }];
    }),
  ) as G;

/** True for values Zapier hands over for a field the user left empty. */
export const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** HighLevel ids: 20-char opaque ids, 24-hex Mongo ids, UUIDs, recurring instances `<id>_<epochMs>_<n>`. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
/** Words a mapped yes/no or empty value turns into: never an id, although they pass the character check. */
const NOT_IDS = new Set(['true', 'false', 'null', 'undefined', 'nan', 'none', 'nil', 'object']);

const notAnId = (zObject: ZObject, label: string, id: string, why: string): Error =>
  inputError(zObject, `${label} "${id.slice(0, 60)}" is not a valid HighLevel ID: ${why} (for example ve9EPM428h8vShlRW1KT).`);

/**
 * True for a value that can be a HighLevel id (the checks of checkId, without a message): for ids that come from
 * HighLevel or the relay rather than from a user, such as a webhook's record id, before it goes into a link or a path.
 */
export const isId = (value: unknown): value is string =>
  typeof value === 'string' &&
  ID_PATTERN.test(value) &&
  !NOT_IDS.has(value.toLowerCase()) &&
  /^[A-Za-z0-9]/.test(value) &&
  /[A-Za-z]/.test(value) &&
  !isRouteWord(value);

export const checkId = (zObject: ZObject, label: string, value: unknown): string => {
  // A broken character or a typed {{field reference}}: say that, not only "not a valid ID".
  const problem = typeof value === 'string' ? textProblem(value) : undefined;
  if (problem) throw inputError(zObject, `${label} ${problem}.`);
  if (typeof value === 'boolean') throw notAnId(zObject, label, String(value), "a yes/no value was mapped here; map the record's ID");
  if (Array.isArray(value) && value.length > 0) throw inputError(zObject, `${label} got a list of ${value.length} values: map a single ID.`);
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    throw inputError(zObject, `${label} got an object: map the record's ID, not the whole record.`);
  const id = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  if (!id) throw inputError(zObject, `${label} is required.`);
  if (!ID_PATTERN.test(id)) {
    throw inputError(
      zObject,
      `${label} "${id.slice(0, 60)}" is not a valid HighLevel ID: IDs contain only letters, digits, "_" and "-" (for example ve9EPM428h8vShlRW1KT).`,
    );
  }
  // HighLevel ids always carry letters and start with a letter or digit (docs/highlevel-api.md §1): "-1", "12345" and
  // "true" pass the character check above but are what an empty or yes/no mapping becomes, never a record.
  if (NOT_IDS.has(id.toLowerCase())) throw notAnId(zObject, label, id, `"${id}" is a word, not an ID; map the record's ID`);
  if (!/^[A-Za-z0-9]/.test(id)) throw notAnId(zObject, label, id, 'IDs start with a letter or digit');
  if (!/[A-Za-z]/.test(id)) throw notAnId(zObject, label, id, 'IDs contain letters, this is a number');
  // An id goes into paths (lib/http/client.ts buildPath): a route word there would call another route (issue 21).
  if (isRouteWord(id)) {
    throw inputError(
      zObject,
      `${label} "${id}" is a word of HighLevel's routes, not an ID: sent as one it would call another route (for example "removeAll" removes a contact from every campaign). Map the record's ID (for example ve9EPM428h8vShlRW1KT).`,
    );
  }
  return id;
};

/** An optional id field: undefined when left empty, else checked. */
export const optionalId = (zObject: ZObject, label: string, value: unknown): string | undefined =>
  isEmpty(value) ? undefined : checkId(zObject, label, value);

const EmailSchema = lazy(() => zod.email());

/** A lone half of a UTF-16 surrogate pair: not a character, stored by HighLevel as garbage (or a crash on encoding). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What JavaScript writes for an object turned into text: an earlier step mapped a whole record, not one of its fields. */
const OBJECT_TEXT = /\[object (Object|Array)\]/;
/**
 * A Zapier field reference typed by hand (`{{bundle.inputData.email}}`, `{{process.env.X}}`): zapier-platform-core
 * refuses any request holding one ("z.request() no longer supports {{bundle.*}}", src/http-middlewares/before/
 * prepare-request.js `throwForCurlies`, same pattern). HighLevel's own merge fields (`{{contact.first_name}}`) pass.
 */
const FIELD_REFERENCE = /\{\{\s*(bundle|process)\.[^}]*\}\}/;

/** The reason a text cannot be sent as it is, or undefined when it can (shared with the last check in ghl()). */
export const textProblem = (value: string): string | undefined => {
  if (UNPAIRED_SURROGATE.test(value)) return 'contains a broken character (half of a UTF-16 surrogate pair) that HighLevel would store as garbage';
  if (OBJECT_TEXT.test(value)) return 'contains "[object Object]": an earlier step turned a whole record into text; map one of its fields instead';
  const reference = FIELD_REFERENCE.exec(value)?.[0];
  if (reference) {
    return (
      `holds "${reference.slice(0, 60)}", a Zapier field reference typed by hand: Zapier fills in only the fields picked from an earlier step. ` +
      'Remove the curly braces and insert the value from the list of earlier steps (click the field, then pick it), or type the value itself'
    );
  }
  return undefined;
};

/** Checks text that is about to be sent; throws InvalidInput naming the field. */
export const checkText = (label: string, value: string): string => {
  const problem = textProblem(value);
  if (problem) throw new InvalidInput(`${label} ${problem}.`);
  return value;
};

/**
 * The first string inside a request body or query that cannot be sent (see textProblem), with where it sits
 * (`firstName`, `customFields.0.field_value`). The last check before anything leaves: a reader that forgot a check
 * still cannot corrupt a record, and an unpaired surrogate never reaches the URL encoder (issue 11: a raw
 * `URIError: URI malformed`).
 */
export const findTextProblem = (value: unknown, path = ''): { path: string; problem: string } | undefined => {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path: path || 'the request', problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findTextProblem(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findTextProblem(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
};

/**
 * A mapped value as trimmed text; undefined for what Zapier hands over for an empty field. Objects and lists are
 * refused, never turned into "[object Object]" or "a,b" behind the user's back (issue 11); numbers and yes/no become
 * their text. `label` names the field in the message: required, so that no refusal says "a mapped field" (issue 21).
 */
export const text = (value: unknown, label: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    throw new InvalidInput(`${label} got a list of ${value.length} value${value.length > 1 ? 's' : ''} where one text is expected: map a single value.`);
  }
  if (typeof value === 'object')
    throw new InvalidInput(`${label} got an object where text is expected: map one of its fields (for example its name), not the whole record.`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInput(`${label} got ${String(value)}, which is not a number HighLevel can store.`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new InvalidInput(`${label} got a ${typeof value} where text is expected.`);
  const out = value.trim();
  return out === '' ? undefined : checkText(label, out);
};

/** Yes/no from a checkbox or mapped text ("yes", "true", "1"); undefined when left empty. */
export const yesNo = (label: string, value: unknown): boolean | undefined => {
  if (text(value, label) === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  const t = String(value).trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(t)) return true;
  if (['false', 'no', '0', 'n'].includes(t)) return false;
  throw new InvalidInput(`${label} must be yes or no (true/false), got "${String(value).slice(0, 20)}".`);
};

/** RFC 5321 §4.5.3.1: at most 64 characters before the @, 254 in all; domain labels at most 63. */
const EMAIL_LIMITS = { local: 64, total: 254, label: 63 };

export const normalizeEmail = (label: string, value: string): string => {
  const email = checkText(label, value.trim());
  if (!EmailSchema.safeParse(email).success) {
    throw new InvalidInput(`${label} "${email.slice(0, 80)}" is not a valid email address (expected something like name@example.com).`);
  }
  // The length is said without echoing the address (it is contact data, and may be hundreds of characters).
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > EMAIL_LIMITS.local) {
    throw new InvalidInput(
      `${label} has ${local.length} characters before the @; email addresses allow at most ${EMAIL_LIMITS.local} there, so HighLevel could never deliver to it.`,
    );
  }
  if (email.length > EMAIL_LIMITS.total || domain.split('.').some((part) => part.length > EMAIL_LIMITS.label)) {
    throw new InvalidInput(
      `${label} is ${email.length} characters long or has a domain part over ${EMAIL_LIMITS.label}; that is not a deliverable email address.`,
    );
  }
  return email.toLowerCase();
};

/**
 * libphonenumber-js is loaded on first use, not when the app loads: most runs read no phone number, and Zapier loads
 * the app for every run (its cold-load time is measured by `npm run bench:load`).
 */
let phoneLib: typeof PhoneLib | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose (see above)
const phones = (): typeof PhoneLib => (phoneLib ??= require('libphonenumber-js') as typeof PhoneLib);

let countries: Set<string> | undefined;
const COUNTRIES = (): Set<string> => (countries ??= new Set<string>(phones().getCountries()));

export const isCountryCode = (value: string): value is CountryCode => COUNTRIES().has(value);

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

/** Phone to E.164 (docs/highlevel-api.md §11.7). Numbers without a "+" are read in the default country. */
export const normalizePhone = (label: string, value: string, defaultCountry?: string): string => {
  const text = value.trim();
  const country = defaultCountry?.trim().toUpperCase();
  if (country && !isCountryCode(country)) {
    throw new InvalidInput(`Default Phone Country "${defaultCountry}" is not a two-letter country code such as US, GB or DE.`);
  }
  const phone = phones().parsePhoneNumberFromString(text, country as CountryCode | undefined);
  if (!phone || !phone.isValid()) {
    const hint = text.startsWith('+') || country ? '' : ' Add the country code (e.g. +1 555 123 4567) or set Default Phone Country.';
    throw new InvalidInput(`${label} "${text.slice(0, 40)}" is not a valid phone number.${hint}`);
  }
  return phone.number;
};

let countryByName: Map<string, string> | undefined;
/** English country names → ISO codes, built on first use. */
const COUNTRY_BY_NAME = (): Map<string, string> => {
  if (countryByName) return countryByName;
  const byName = new Map<string, string>();
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of COUNTRIES()) {
    const name = regionNames.of(code);
    if (name) byName.set(name.toLowerCase(), code);
  }
  for (const [name, code] of Object.entries(OTHER_NAMES)) byName.set(name, code);
  return (countryByName = byName);
};

/** Common names that differ from the English display names. */
const OTHER_NAMES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  deutschland: 'DE',
  russia: 'RU',
  'south korea': 'KR',
};

/** Country as ISO 3166 alpha-2 (docs/highlevel-api.md §6.1): accepts a code ("de") or an English name ("Germany", "GERMANY"). */
export const normalizeCountry = (label: string, value: string): string => {
  const text = value.trim();
  const upper = text.toUpperCase();
  if (upper.length === 2 && isCountryCode(upper)) return upper;
  const byName = COUNTRY_BY_NAME().get(text.toLowerCase());
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

/** UTC offsets in use run from -12:00 to +14:00 (Line Islands); luxon accepts +25:00 and reads +05:99 as +06:39. */
export const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * An ISO-8601 offset (`Z`, `+02:00`, `-0530`, `+02`) in minutes, or undefined when it is not one a clock can show:
 * minutes 60 or more, or beyond ±14:00. Such an offset is a typo that would silently move the time by hours.
 */
export const offsetMinutes = (offset: string): number | undefined => {
  if (/^z$/i.test(offset)) return 0;
  const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(offset);
  if (!match) return undefined;
  const [, sign, hours, minutes = '00'] = match;
  if (Number(minutes) >= 60) return undefined;
  const total = Number(hours) * 60 + Number(minutes);
  return total > MAX_OFFSET_MINUTES ? undefined : sign === '-' ? -total : total;
};

/** The offset at the end of an ISO date-time text, if it has one. */
const trailingOffset = (text: string): string | undefined => /T[\d:.,]+\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(text)?.[1];

/** A calendar date (date of birth) as YYYY-MM-DD, from the forms people and apps use. Epoch ms is accepted too. */
export const normalizeDate = (label: string, value: string): string => {
  const text = checkText(label, value.trim());
  let date: DateTime | undefined;
  // Epoch seconds have 9-10 digits (1973-2286), milliseconds 11-13: a birthday before 2001 in ms has only 12.
  // Eight digits stay a basic ISO date (19880512).
  if (/^\d{9,13}$/.test(text)) {
    date = DateTime.fromMillis(text.length >= 11 ? Number(text) : Number(text) * 1000, { zone: 'utc' });
  } else {
    const offset = trailingOffset(text);
    if (offset !== undefined && offsetMinutes(offset) === undefined) {
      throw new InvalidInput(`${label} "${text.slice(0, 40)}" has the UTC offset ${offset}, which no clock uses (offsets run from -12:00 to +14:00).`);
    }
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

/** A host name with a top-level domain (`example.com`, `xn--mller-kva.de`): what the URL parser leaves of the host. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * A website with a real host. The URL parser reads `123` as the address 0.0.0.123 and `intranet` as a host, so the
 * host must be a domain with a top-level domain, or an IPv4 address written out in full (issue 11: `123` was sent as
 * https://123).
 */
export const normalizeUrl = (label: string, value: string): string => {
  const text = checkText(label, value.trim());
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  const refuse = () => new InvalidInput(`${label} "${text.slice(0, 80)}" is not a web address (expected something like https://example.com).`);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw refuse();
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw refuse();
  const ipv4 = IPV4.exec(url.hostname);
  const writtenOut = ipv4 !== null && withScheme.includes(url.hostname) && ipv4.slice(1).every((octet) => Number(octet) <= 255);
  if (!DOMAIN.test(url.hostname) && !writtenOut) throw refuse();
  return withScheme;
};

/**
 * A number as a user or an app writes it: `12`, `-3.5`, `1,104.50`, `2e3`. Refused: hex (`0x1A`), `Infinity`, text
 * with digits in it (`12abc`), several dots; `Number()` reads some of those as numbers, others as 0.
 */
const DECIMAL = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d{1,3})?$/i;

export const readNumber = (label: string, value: unknown): number | undefined => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInput(`${label} must be a number, got ${String(value)}.`);
    return value;
  }
  const raw = text(value, label);
  if (raw === undefined) return undefined;
  if (typeof value === 'boolean' || !DECIMAL.test(raw) || !/\d/.test(raw)) throw new InvalidInput(`${label} must be a number, got "${raw.slice(0, 30)}".`);
  const n = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new InvalidInput(`${label} must be a number, got "${raw.slice(0, 30)}".`);
  return n;
};

/** A whole number within [min, max]; undefined when left empty. */
export const readInteger = (
  label: string,
  value: unknown,
  { min, max, example, unit }: { min: number; max: number; example: string; unit?: string },
): number | undefined => {
  const what = unit ? `a whole number of ${unit}` : 'a whole number';
  let n: number | undefined;
  try {
    n = readNumber(label, value);
  } catch (error) {
    // "got a list / an object", a broken character or a typed {{reference}} says more than the value's text would.
    if (typeof value === 'object' || (typeof value === 'string' && textProblem(value.trim()))) throw error;
    throw new InvalidInput(`${label} "${String(value).slice(0, 20)}" must be ${what} from ${min} to ${max}, e.g. ${example}.`);
  }
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidInput(`${label} "${String(value).slice(0, 20)}" must be ${what} from ${min} to ${max}, e.g. ${example}.`);
  return n;
};

/**
 * A value from a fixed set of choices (the keys of `choices`), compared in lower case; undefined when left empty.
 * Own keys only: `constructor` or `__proto__` are properties of every object, never choices (issue 11).
 */
export const choice = (label: string, value: unknown, choices: Record<string, string>): string | undefined => {
  const t = text(value, label)?.toLowerCase();
  if (t === undefined) return undefined;
  if (!Object.hasOwn(choices, t)) throw new InvalidInput(`${label} "${t.slice(0, 30)}" is not one of: ${Object.keys(choices).join(', ')}.`);
  return t;
};
