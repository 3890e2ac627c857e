import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { InvalidInput, isEmpty, normalizeDate, normalizeEmail, normalizePhone, readNumber, text } from '../input';
import { loadContactCustomFields, loadCustomFields } from './api';
import { CUSTOM_FIELD_PREFIX, isWritable, type CustomField, type CustomFieldModel } from './schema';

/**
 * Custom fields as Zapier inputs: dynamic input fields typed from their dataType, and values written as
 * [{id, field_value}] in the shape each type needs (docs/highlevel-api.md §6.1, §6.6).
 */
const LIST_TYPES = new Set(['CHECKBOX', 'MULTIPLE_OPTIONS', 'TEXTBOX_LIST']);
const NUMBER_TYPES = new Set(['NUMERICAL', 'MONETORY']); // sic: HighLevel spells it MONETORY (§11.11)
const CHOICE_TYPES = new Set(['SINGLE_OPTIONS', 'RADIO', 'CHECKBOX', 'MULTIPLE_OPTIONS']);

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

export const customFieldInput = (field: CustomField, model: CustomFieldModel = 'contact'): PlainInputField => {
  const options = field.picklistOptions?.filter(Boolean) ?? [];
  const example =
    CHOICE_TYPES.has(field.dataType) && options.length
      ? `one of: ${options
          .slice(0, 5)
          .map((o) => `\`${o}\``)
          .join(', ')}`
      : (EXAMPLES[field.dataType] ?? 'text');
  const input: PlainInputField = {
    key: `${CUSTOM_FIELD_PREFIX}${field.id}`,
    label: field.name,
    helpText: `HighLevel custom field${field.fieldKey ? ` \`${field.fieldKey}\`` : ''}: ${example}.${LIST_TYPES.has(field.dataType) ? ' Several values allowed.' : ''} Left empty, the ${model}'s current value is kept.`,
    required: false,
  };
  if (NUMBER_TYPES.has(field.dataType)) input.type = 'number';
  if (field.dataType === 'LARGE_TEXT') input.type = 'text';
  if (field.dataType === 'DATE') input.type = 'datetime';
  if (LIST_TYPES.has(field.dataType)) input.list = true;
  if (CHOICE_TYPES.has(field.dataType) && options.length) input.choices = options.map((o) => ({ value: o, label: o, sample: o }));
  return input;
};

/** Dynamic input fields for Create, Update and Create or Update Contact. */
export const contactCustomFieldInputs = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> =>
  (await loadContactCustomFields(z, bundle)).filter(isWritable).map((field) => customFieldInput(field));

/** Dynamic input fields for Create, Update and Create or Update Opportunity (the location's opportunity fields). */
export const opportunityCustomFieldInputs = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> =>
  (await loadCustomFields(z, bundle, 'opportunity')).filter(isWritable).map((field) => customFieldInput(field, 'opportunity'));

/** Each item as checked text (objects refused, issue 11); a text item with commas is several values. */
const asList = (label: string, value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v: unknown) => (text(v, label) ?? '').split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** One value in the shape its type needs (§6.1): numbers as numbers, lists as string arrays, the rest as strings. */
export const customFieldValue = (field: CustomField, value: unknown, phoneCountry?: string, label = `Custom field "${field.name}"`): unknown => {
  const options = field.picklistOptions ?? [];
  const checkOption = (v: string) => {
    if (options.length && !options.includes(v)) {
      const match = options.find((o) => o.toLowerCase() === v.toLowerCase());
      if (match) return match;
      throw new InvalidInput(`${label} does not have the option "${v}": choose one of ${options.map((o) => `"${o}"`).join(', ')}.`);
    }
    return v;
  };
  if (NUMBER_TYPES.has(field.dataType)) return readNumber(label, value);
  if (field.dataType === 'CHECKBOX' || field.dataType === 'MULTIPLE_OPTIONS') return asList(label, value).map(checkOption);
  if (field.dataType === 'TEXTBOX_LIST') return asList(label, value);
  // A list mapped into a one-value field is joined, as before; its items are still checked one by one.
  const joined = Array.isArray(value) ? asList(label, value).join(', ') : text(value, label);
  if (joined === undefined) return undefined;
  if (field.dataType === 'SINGLE_OPTIONS' || field.dataType === 'RADIO') return checkOption(joined);
  if (field.dataType === 'DATE') return normalizeDate(label, joined);
  if (field.dataType === 'PHONE') return normalizePhone(label, joined, phoneCountry);
  if (field.dataType === 'EMAIL') return normalizeEmail(label, joined);
  return joined;
};

/**
 * The customFields body for the custom fields the user filled in, and only those (so others stay untouched).
 * Opportunity custom values have a string, a string-array and an object variant only (opportunities.json
 * `customFieldsInputStringSchema` and siblings, no number): numbers are sent as text there (docs/highlevel-api.md §14.13).
 * `phoneCountry` reads national numbers in phone fields (the location's country, lib/contact/fields.ts).
 */
export const customFieldsBody = (
  fields: CustomField[],
  inputData: Record<string, unknown>,
  { model = 'contact', phoneCountry }: { model?: CustomFieldModel; phoneCountry?: string } = {},
): { id: string; field_value: unknown }[] => {
  const byKey = new Map(fields.map((f) => [`${CUSTOM_FIELD_PREFIX}${f.id}`, f]));
  const body: { id: string; field_value: unknown }[] = [];
  for (const [key, value] of Object.entries(inputData)) {
    const field = byKey.get(key);
    if (!field || !isWritable(field) || isEmpty(value)) continue;
    const written = customFieldValue(field, value, phoneCountry);
    if (written === undefined) continue;
    body.push({ id: field.id, field_value: model === 'opportunity' && typeof written === 'number' ? String(written) : written });
  }
  return body;
};

/** True when the user filled in any custom field: only then is the field list fetched. */
export const hasCustomFieldInput = (inputData: Record<string, unknown>): boolean =>
  Object.entries(inputData).some(([key, value]) => key.startsWith(CUSTOM_FIELD_PREFIX) && !isEmpty(value));
