import type { Bundle, ZObject } from 'zapier-platform-core';
import { zod } from '../schema/zod';
import { cachedList, refreshList, type CachedList } from '../http/cache';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { CustomField, readableCustomValues, readableKey, type CustomFieldModel } from './schema';

/**
 * The location's custom fields of one model (contact or opportunity): one list per connection and model for every
 * action, search and trigger (lib/http/cache.ts: once per invocation, shared for 10 minutes). A step that finds the
 * shared copy stale reads it again: a write whose input names a field the copy lacks or that the copy refuses (a new
 * option), an output with a value of a field the copy lacks. The Custom Field dropdown reads it fresh (it is what a
 * user looks at after adding a field) and so refreshes the copy for the steps that follow.
 */
const fetchCustomFields = async (z: ZObject, bundle: Bundle, model: CustomFieldModel): Promise<CustomField[]> => {
  const fields = await ghl(z, bundle, endpoints.customFields, {
    path: { locationId: locationIdOf(z, bundle) },
    query: { model },
    answer: zod.array(CustomField).nullish(),
    unreadable: 'with a custom-field list the app cannot read',
  });
  return (fields ?? []).filter((field) => !field.model || field.model === model);
};

const fieldList = (z: ZObject, bundle: Bundle, model: CustomFieldModel): CachedList<CustomField[]> => ({
  key: `ghl:${model}-custom-fields:${locationIdOf(z, bundle)}`,
  schema: zod.array(CustomField),
  shared: true,
  fetch: () => fetchCustomFields(z, bundle, model),
});

export interface LoadOptions {
  /** As HighLevel has it now (or at most `maxAgeMs` old) instead of the connection's shared copy. */
  fresh?: boolean;
  maxAgeMs?: number;
}

/** The list, from the connection's shared copy when there is one. */
export const loadCustomFields = (z: ZObject, bundle: Bundle, model: CustomFieldModel, options: LoadOptions = {}): Promise<CustomField[]> =>
  options.fresh ? refreshList(z, bundle, fieldList(z, bundle, model), options.maxAgeMs) : cachedList(z, bundle, fieldList(z, bundle, model));

export const loadContactCustomFields = (z: ZObject, bundle: Bundle, options: LoadOptions = {}): Promise<CustomField[]> =>
  loadCustomFields(z, bundle, 'contact', options);

/** A value of a field the shared copy lacks reads the list again, unless the copy is this recent (a deleted field's value stays). */
const UNKNOWN_VALUE_MAX_AGE_MS = 60_000;

/** What a started list read gives: the list, or the error it failed with (after its retry). Never rejects. */
export type PendingCustomFields = Promise<{ fields: CustomField[] } | { error: unknown }>;

/**
 * Starts reading the list now, beside a request whose answer will need it (a search, an update), so the step takes
 * one round trip instead of two; with a shared copy it costs no request at all.
 */
export const startCustomFields = (z: ZObject, bundle: Bundle, model: CustomFieldModel = 'contact'): PendingCustomFields =>
  loadCustomFields(z, bundle, model).then(
    (fields) => ({ fields }),
    (error: unknown) => ({ error }),
  );

export const startContactCustomFields = (z: ZObject, bundle: Bundle): PendingCustomFields => startCustomFields(z, bundle, 'contact');

/** The note an output carries when its custom values could not be named (issue 11: never dropped silently). */
export const CUSTOM_FIELDS_UNREADABLE_KEY = 'customFieldsUnreadable';

/** Output fields naming each custom value with the field's own name (dynamic outputFields). */
export const customOutputFields = (model: CustomFieldModel) => async (z: ZObject, bundle: Bundle) => [
  ...(await loadCustomFields(z, bundle, model)).map((field) => ({ key: `custom__${readableKey(field)}`, label: field.name })),
  { key: CUSTOM_FIELDS_UNREADABLE_KEY, label: 'Custom Field Names Missing' },
];

export const contactCustomOutputFields = customOutputFields('contact');

const UNREADABLE_NOTE =
  "HighLevel's list of custom fields could not be read (tried twice), so this output has no readable custom__ values; the values are still under Custom Field Values, by field ID.";

interface WithCustomValues {
  customFields: ({ id: string } & Record<string, unknown>)[];
  custom?: Record<string, unknown>;
}

/**
 * Adds `custom: { <readable key>: value }` to each record (contacts, or opportunities with `model`) that carries custom
 * values; a record without values gets no `custom`, whatever the others carry. The field list is read only when some record has values (or was started beside the request, `pending`),
 * once per invocation, and again when a value belongs to a field the shared copy lacks. The records were already read
 * or written: when the list cannot be read (after one retry), each record with values says so in
 * `customFieldsUnreadable` instead of failing a step whose write already happened (Zapier would retry it and write
 * twice).
 */
export const withCustomValues = async <T extends WithCustomValues>(
  z: ZObject,
  bundle: Bundle,
  records: T[],
  { pending, model = 'contact' }: { pending?: PendingCustomFields; model?: CustomFieldModel } = {},
): Promise<T[]> => {
  if (!records.some((c) => c.customFields.length)) return records;
  const got = await (pending ?? startCustomFields(z, bundle, model));
  let fields: CustomField[];
  if ('fields' in got) {
    fields = got.fields;
    const known = new Set(fields.map((f) => f.id));
    if (records.some((c) => c.customFields.some((v) => !known.has(v.id)))) {
      fields = await loadCustomFields(z, bundle, model, { fresh: true, maxAgeMs: UNKNOWN_VALUE_MAX_AGE_MS }).catch(() => fields);
    }
  } else {
    z.console.log(`Custom field names could not be loaded; values stay under customFields only: ${got.error instanceof Error ? got.error.name : 'error'}`);
    return records.map((c) => (c.customFields.length ? { ...c, [CUSTOM_FIELDS_UNREADABLE_KEY]: UNREADABLE_NOTE } : c));
  }
  // Only records with values get `custom`: a record reads the same alone (an instant trigger's one contact) as in a
  // batch where others have values (its polling twin's page).
  return records.map((c) => (c.customFields.length ? { ...c, custom: readableCustomValues(fields, c.customFields) } : c));
};

/**
 * A request whose records get their readable values, with the list read started beside it (one round trip instead
 * of two; none more when the connection's shared copy is there). The list read is awaited whatever happens, so no
 * request outlives the step.
 */
export const readWithCustomValues = async <T extends WithCustomValues>(
  z: ZObject,
  bundle: Bundle,
  read: () => Promise<T[]>,
  model: CustomFieldModel = 'contact',
): Promise<T[]> => {
  const pending = startCustomFields(z, bundle, model);
  let records: T[];
  try {
    records = await read();
  } catch (error) {
    await pending;
    throw error;
  }
  const out = await withCustomValues(z, bundle, records, { pending, model });
  await pending;
  return out;
};
