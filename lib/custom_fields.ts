import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from './endpoints';
import { ghl, isEmpty, locationIdOf } from './http';
import { InvalidInput, normalizeDate, normalizeEmail, normalizePhone } from './validate';

/**
 * The location's contact custom fields (REFERENCE.md §6.1 "Custom field values on write", §6.6): offered as
 * dynamic input fields typed from their dataType, written as [{id, field_value}] in the shape each type needs,
 * and read back under readable keys beside HighLevel's raw [{id, value}] list.
 */
export const CustomField = zod.looseObject({
  id: zod.string(),
  name: zod.string(),
  fieldKey: zod.string().nullish(),
  dataType: zod.string(),
  placeholder: zod.string().nullish(),
  picklistOptions: zod.array(zod.string()).nullish(),
  model: zod.string().nullish(),
});
export type CustomField = zod.infer<typeof CustomField>;

/** Input keys for custom fields: `cf_<id>`, stable for the location whatever the field is renamed to. */
export const CUSTOM_FIELD_PREFIX = 'cf_';

// One fetch per invocation: the list is kept on the invocation's bundle object.
const perInvocation = new WeakMap<object, Promise<CustomField[]>>();

/** Polls may reuse the list across invocations for a few minutes (z.cache, per connection), so a poll stays one request. */
const SHARED_TTL_SECONDS = 600;
const sharedKey = (locationId: string) => `ghl:contact-custom-fields:${locationId}`;

const fetchContactCustomFields = async (z: ZObject, bundle: Bundle): Promise<CustomField[]> => {
  const data = await ghl(z, bundle, endpoints.customFields, { path: { locationId: locationIdOf(z, bundle) }, query: { model: 'contact' } });
  return zod
    .array(CustomField)
    .parse(data ?? [])
    .filter((field) => !field.model || field.model === 'contact');
};

const readShared = async (z: ZObject, key: string): Promise<CustomField[] | undefined> => {
  try {
    const cached = zod.array(CustomField).safeParse(await z.cache.get(key));
    return cached.success ? cached.data : undefined;
  } catch {
    return undefined; // no cache here (e.g. `zapier-platform invoke`): fetch instead
  }
};

export const loadContactCustomFields = (z: ZObject, bundle: Bundle, options: { shared?: boolean } = {}): Promise<CustomField[]> => {
  let pending = perInvocation.get(bundle);
  if (!pending) {
    const key = sharedKey(locationIdOf(z, bundle));
    pending = (async () => {
      const cached = options.shared ? await readShared(z, key) : undefined;
      if (cached) return cached;
      const fields = await fetchContactCustomFields(z, bundle);
      await z.cache.set(key, fields, SHARED_TTL_SECONDS, ['auth']).catch(() => null);
      return fields;
    })();
    perInvocation.set(bundle, pending);
    // A failed fetch must not be remembered (the next call in the same invocation may retry).
    pending.catch(() => perInvocation.delete(bundle));
  }
  return pending;
};

const LIST_TYPES = new Set(['CHECKBOX', 'MULTIPLE_OPTIONS', 'TEXTBOX_LIST']);
const NUMBER_TYPES = new Set(['NUMERICAL', 'MONETORY']); // sic: HighLevel spells it MONETORY (§11.11)
const CHOICE_TYPES = new Set(['SINGLE_OPTIONS', 'RADIO', 'CHECKBOX', 'MULTIPLE_OPTIONS']);

/** File uploads need a hosted file object HighLevel does not document for the contact API: left out. */
export const isWritable = (field: CustomField): boolean => field.dataType !== 'FILE_UPLOAD';

const EXAMPLES: Record<string, string> = {
  TEXT: 'e.g. `Evening classes`',
  LARGE_TEXT: 'e.g. `Prefers small groups; knee injury in 2024.`',
  NUMERICAL: 'a number, e.g. `12`',
  MONETORY: 'an amount, e.g. `104.00`',
  PHONE: 'a phone number, e.g. `+49 171 1234567`',
  EMAIL: 'an email address, e.g. `lena@example.com`',
  DATE: 'a date, e.g. `2026-06-24` or `06/24/2026`',
  TEXTBOX_LIST: 'one or more text values',
};

export const customFieldInput = (field: CustomField): PlainInputField => {
  const options = field.picklistOptions?.filter(Boolean) ?? [];
  const example = CHOICE_TYPES.has(field.dataType) && options.length ? `one of: ${options.slice(0, 5).map((o) => `\`${o}\``).join(', ')}` : (EXAMPLES[field.dataType] ?? 'text');
  const input: PlainInputField = {
    key: `${CUSTOM_FIELD_PREFIX}${field.id}`,
    label: field.name,
    helpText: `HighLevel custom field${field.fieldKey ? ` \`${field.fieldKey}\`` : ''}: ${example}.${LIST_TYPES.has(field.dataType) ? ' Several values allowed.' : ''} Left empty, the contact's current value is kept.`,
    required: false,
  };
  if (NUMBER_TYPES.has(field.dataType)) input.type = 'number';
  if (field.dataType === 'LARGE_TEXT') input.type = 'text';
  if (LIST_TYPES.has(field.dataType)) input.list = true;
  if (CHOICE_TYPES.has(field.dataType) && options.length) input.choices = options.map((o) => ({ value: o, label: o, sample: o }));
  return input;
};

/** Dynamic input fields for Create, Update and Create or Update Contact. */
export const contactCustomFieldInputs = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> =>
  (await loadContactCustomFields(z, bundle)).filter(isWritable).map(customFieldInput);

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [String(v)])).map((v) => v.trim()).filter(Boolean);

/** One value in the shape its type needs (§6.1): numbers as numbers, lists as string arrays, the rest as strings. */
export const customFieldValue = (field: CustomField, value: unknown): unknown => {
  const label = `Custom field "${field.name}"`;
  const options = field.picklistOptions ?? [];
  const checkOption = (v: string) => {
    if (options.length && !options.includes(v)) {
      const match = options.find((o) => o.toLowerCase() === v.toLowerCase());
      if (match) return match;
      throw new InvalidInput(`${label} does not have the option "${v}": choose one of ${options.map((o) => `"${o}"`).join(', ')}.`);
    }
    return v;
  };
  if (NUMBER_TYPES.has(field.dataType)) {
    const n = typeof value === 'number' ? value : Number(String(value).trim().replace(/,(?=\d{3}\b)/g, ''));
    if (!Number.isFinite(n)) throw new InvalidInput(`${label} must be a number, got "${String(value).slice(0, 30)}".`);
    return n;
  }
  if (field.dataType === 'CHECKBOX' || field.dataType === 'MULTIPLE_OPTIONS') return asList(value).map(checkOption);
  if (field.dataType === 'TEXTBOX_LIST') return asList(value);
  const text = String(Array.isArray(value) ? value.join(', ') : value).trim();
  if (field.dataType === 'SINGLE_OPTIONS' || field.dataType === 'RADIO') return checkOption(text);
  if (field.dataType === 'DATE') return normalizeDate(label, text);
  if (field.dataType === 'PHONE') return normalizePhone(label, text);
  if (field.dataType === 'EMAIL') return normalizeEmail(label, text);
  return text;
};

/** The customFields body for the custom fields the user filled in, and only those (so others stay untouched). */
export const customFieldsBody = (fields: CustomField[], inputData: Record<string, unknown>): { id: string; field_value: unknown }[] => {
  const byKey = new Map(fields.map((f) => [`${CUSTOM_FIELD_PREFIX}${f.id}`, f]));
  const body: { id: string; field_value: unknown }[] = [];
  for (const [key, value] of Object.entries(inputData)) {
    const field = byKey.get(key);
    if (!field || !isWritable(field) || isEmpty(value)) continue;
    body.push({ id: field.id, field_value: customFieldValue(field, value) });
  }
  return body;
};

/** True when the user filled in any custom field: only then is the field list fetched. */
export const hasCustomFieldInput = (inputData: Record<string, unknown>): boolean =>
  Object.entries(inputData).some(([key, value]) => key.startsWith(CUSTOM_FIELD_PREFIX) && !isEmpty(value));

/** "contact.t_shirt_size" → "t_shirt_size"; a field without a key falls back to its name in snake case. */
export const readableKey = (field: CustomField): string =>
  (field.fieldKey?.replace(/^contact\./, '') || field.name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '') || field.id;

/** Custom values under readable keys: { t_shirt_size: 'M' }, for mapping "T-shirt Size" in the Zap editor. */
export const readableCustomValues = (fields: CustomField[], values: { id: string; value?: unknown }[]): Record<string, unknown> => {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const out: Record<string, unknown> = {};
  for (const { id, value } of values) {
    const field = byId.get(id);
    if (field) out[readableKey(field)] = value;
  }
  return out;
};

/** Output fields naming each custom value with the field's own name (dynamic outputFields). */
export const contactCustomOutputFields = async (z: ZObject, bundle: Bundle) =>
  (await loadContactCustomFields(z, bundle)).map((field) => ({ key: `custom__${readableKey(field)}`, label: field.name }));

interface WithCustomValues {
  customFields: { id: string; value?: unknown }[];
  custom?: Record<string, unknown>;
}

/**
 * Adds `custom: { <readable key>: value }` to contacts that carry custom values. The field list is fetched only
 * when some contact has values, once per invocation. The records were already read or written: a failure here
 * (e.g. a connection made before the custom-fields scope existed) leaves the readable keys out instead of failing
 * a step whose write already happened (Zapier would retry it and write twice).
 */
export const withCustomValues = async <T extends WithCustomValues>(
  z: ZObject,
  bundle: Bundle,
  contacts: T[],
  options: { shared?: boolean } = {},
): Promise<T[]> => {
  if (!contacts.some((c) => c.customFields.length)) return contacts;
  let fields: CustomField[];
  try {
    fields = await loadContactCustomFields(z, bundle, options);
  } catch (error) {
    z.console.log(`Custom field names could not be loaded; values stay under customFields only: ${error instanceof Error ? error.name : 'error'}`);
    return contacts;
  }
  return contacts.map((c) => ({ ...c, custom: readableCustomValues(fields, c.customFields) }));
};
