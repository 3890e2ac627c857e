import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { cachedList, refreshList, type CachedList } from '../http/cache';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { CustomField, readableCustomValues, readableKey } from './schema';

/**
 * The location's contact custom fields: one list per connection for every action, search and trigger (lib/http/
 * cache.ts: once per invocation, shared for 10 minutes). A step that finds the shared copy stale reads it again:
 * a write whose input names a field the copy lacks or that the copy refuses (a new option), an output with a value
 * of a field the copy lacks. The Custom Field dropdown reads it fresh (it is what a user looks at after adding a
 * field) and so refreshes the copy for the steps that follow.
 */
const fetchContactCustomFields = async (z: ZObject, bundle: Bundle): Promise<CustomField[]> => {
  const fields = await ghl(z, bundle, endpoints.customFields, {
    path: { locationId: locationIdOf(z, bundle) },
    query: { model: 'contact' },
    answer: zod.array(CustomField).nullish(),
    unreadable: 'with a custom-field list the app cannot read',
  });
  return (fields ?? []).filter((field) => !field.model || field.model === 'contact');
};

const contactList = (z: ZObject, bundle: Bundle): CachedList<CustomField[]> => ({
  key: `ghl:contact-custom-fields:${locationIdOf(z, bundle)}`,
  schema: zod.array(CustomField),
  shared: true,
  fetch: () => fetchContactCustomFields(z, bundle),
});

/** The list, from the connection's shared copy when there is one; `fresh`: as HighLevel has it now (or at most `maxAgeMs` old). */
export const loadContactCustomFields = (z: ZObject, bundle: Bundle, options: { fresh?: boolean; maxAgeMs?: number } = {}): Promise<CustomField[]> =>
  options.fresh ? refreshList(z, bundle, contactList(z, bundle), options.maxAgeMs) : cachedList(z, bundle, contactList(z, bundle));

/** A value of a field the shared copy lacks reads the list again, unless the copy is this recent (a deleted field's value stays). */
const UNKNOWN_VALUE_MAX_AGE_MS = 60_000;

/** What a started list read gives: the list, or the error it failed with (after its retry). Never rejects. */
export type PendingCustomFields = Promise<{ fields: CustomField[] } | { error: unknown }>;

/**
 * Starts reading the list now, beside a request whose answer will need it (a search, an update), so the step takes
 * one round trip instead of two; with a shared copy it costs no request at all.
 */
export const startContactCustomFields = (z: ZObject, bundle: Bundle): PendingCustomFields =>
  loadContactCustomFields(z, bundle).then(
    (fields) => ({ fields }),
    (error: unknown) => ({ error }),
  );

/** The note an output carries when its custom values could not be named (issue 11: never dropped silently). */
export const CUSTOM_FIELDS_UNREADABLE_KEY = 'customFieldsUnreadable';

/** Output fields naming each custom value with the field's own name (dynamic outputFields). */
export const contactCustomOutputFields = async (z: ZObject, bundle: Bundle) => [
  ...(await loadContactCustomFields(z, bundle)).map((field) => ({ key: `custom__${readableKey(field)}`, label: field.name })),
  { key: CUSTOM_FIELDS_UNREADABLE_KEY, label: 'Custom Field Names Missing' },
];

const UNREADABLE_NOTE =
  "HighLevel's list of custom fields could not be read (tried twice), so this output has no readable custom__ values; the values are still under Custom Field Values, by field ID.";

interface WithCustomValues {
  customFields: { id: string; value?: unknown }[];
  custom?: Record<string, unknown>;
}

/**
 * Adds `custom: { <readable key>: value }` to contacts that carry custom values. The field list is read only when
 * some contact has values (or was started beside the request, `pending`), once per invocation, and again when a value
 * belongs to a field the shared copy lacks. The records were already read or written: when the list cannot be read
 * (after one retry), each contact with values says so in `customFieldsUnreadable` instead of failing a step whose
 * write already happened (Zapier would retry it and write twice).
 */
export const withCustomValues = async <T extends WithCustomValues>(z: ZObject, bundle: Bundle, contacts: T[], pending?: PendingCustomFields): Promise<T[]> => {
  if (!contacts.some((c) => c.customFields.length)) return contacts;
  const got = await (pending ?? startContactCustomFields(z, bundle));
  let fields: CustomField[];
  if ('fields' in got) {
    fields = got.fields;
    const known = new Set(fields.map((f) => f.id));
    if (contacts.some((c) => c.customFields.some((v) => !known.has(v.id)))) {
      fields = await loadContactCustomFields(z, bundle, { fresh: true, maxAgeMs: UNKNOWN_VALUE_MAX_AGE_MS }).catch(() => fields);
    }
  } else {
    z.console.log(`Custom field names could not be loaded; values stay under customFields only: ${got.error instanceof Error ? got.error.name : 'error'}`);
    return contacts.map((c) => (c.customFields.length ? { ...c, [CUSTOM_FIELDS_UNREADABLE_KEY]: UNREADABLE_NOTE } : c));
  }
  return contacts.map((c) => ({ ...c, custom: readableCustomValues(fields, c.customFields) }));
};

/**
 * A request whose contacts get their readable values, with the list read started beside it (one round trip instead
 * of two; none more when the connection's shared copy is there). The list read is awaited whatever happens, so no
 * request outlives the step.
 */
export const readWithCustomValues = async <T extends WithCustomValues>(z: ZObject, bundle: Bundle, read: () => Promise<T[]>): Promise<T[]> => {
  const pending = startContactCustomFields(z, bundle);
  let contacts: T[];
  try {
    contacts = await read();
  } catch (error) {
    await pending;
    throw error;
  }
  const out = await withCustomValues(z, bundle, contacts, pending);
  await pending;
  return out;
};
