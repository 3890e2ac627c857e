import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';

/**
 * The location's custom fields (docs/highlevel-api.md §6.1 "Custom field values on write", §6.6):
 * GET /locations/{id}/customFields?model=contact|opportunity answers {customFields: [...]}. Only what the app reads is
 * typed; the rest passes. Contacts and opportunities each have their own fields (`model`).
 */
export type CustomFieldModel = 'contact' | 'opportunity';

export const CustomField = lazy(() =>
  zod.looseObject({
    id: zod.string(),
    name: zod.string(),
    fieldKey: zod.string().nullish(),
    dataType: zod.string(),
    placeholder: zod.string().nullish(),
    picklistOptions: zod.array(zod.string()).nullish(),
    model: zod.string().nullish(),
  }),
);
export type CustomField = z.infer<typeof CustomField>;

/** Input keys for custom fields: `cf_<id>`, stable for the location whatever the field is renamed to. */
export const CUSTOM_FIELD_PREFIX = 'cf_';

/** File uploads need a hosted file object HighLevel does not document for the contact API: left out. */
export const isWritable = (field: CustomField): boolean => field.dataType !== 'FILE_UPLOAD';

/** "contact.t_shirt_size" → "t_shirt_size" ("opportunity.deal_source" → "deal_source"); without a key, the name in snake case. */
export const readableKey = (field: CustomField): string =>
  (field.fieldKey?.replace(/^(contact|opportunity)\./, '') || field.name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '') || field.id;

/**
 * The value of one custom value as HighLevel sends it (docs/highlevel-api.md §14.8): `value` on contacts, `fieldValue`
 * on opportunities per the spec, and `fieldValueString` (issue #87) or, presumably, another `fieldValue<Type>` key in
 * real opportunity answers. Read in that order; the first key present wins, whatever its type.
 */
export const customValueOf = (item: Record<string, unknown>): unknown => {
  if ('value' in item) return item.value;
  if ('fieldValue' in item) return item.fieldValue;
  const typed = Object.keys(item).find((key) => /^fieldValue[A-Z]\w*$/.test(key));
  return typed === undefined ? undefined : item[typed];
};

/** Custom values under readable keys: { t_shirt_size: 'M' }, for mapping "T-shirt Size" in the Zap editor. */
export const readableCustomValues = (fields: CustomField[], values: ({ id: string } & Record<string, unknown>)[]): Record<string, unknown> => {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const out: Record<string, unknown> = {};
  for (const item of values) {
    const field = byId.get(item.id);
    if (field) out[readableKey(field)] = customValueOf(item);
  }
  return out;
};

const TYPE_NAMES: Record<string, string> = {
  TEXT: 'text',
  LARGE_TEXT: 'large text',
  NUMERICAL: 'number',
  MONETORY: 'amount',
  PHONE: 'phone',
  EMAIL: 'email',
  DATE: 'date',
  CHECKBOX: 'checkboxes',
  MULTIPLE_OPTIONS: 'multiple options',
  SINGLE_OPTIONS: 'single option',
  RADIO: 'radio',
  TEXTBOX_LIST: 'text list',
};

/** "T-Shirt Size (single option)": the name and the kind of value, as the custom-field dropdown shows it. */
export const customFieldLabel = (f: CustomField): string => `${f.name} (${TYPE_NAMES[f.dataType] ?? f.dataType.toLowerCase()})`;
