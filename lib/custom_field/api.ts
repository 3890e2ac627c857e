import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { cachedList } from '../http/cache';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { CustomField, readableCustomValues, readableKey, type CustomFieldModel } from './schema';

/**
 * Reading the location's custom fields of one model (contact or opportunity): at most once per invocation, and shared
 * across polls of a connection for a few minutes (lib/http/cache.ts), so a poll stays one request.
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

export const loadCustomFields = (z: ZObject, bundle: Bundle, model: CustomFieldModel, options: { shared?: boolean } = {}): Promise<CustomField[]> =>
  cachedList(z, bundle, {
    key: `ghl:${model}-custom-fields:${locationIdOf(z, bundle)}`,
    schema: zod.array(CustomField),
    shared: options.shared,
    fetch: () => fetchCustomFields(z, bundle, model),
  });

export const loadContactCustomFields = (z: ZObject, bundle: Bundle, options: { shared?: boolean } = {}): Promise<CustomField[]> =>
  loadCustomFields(z, bundle, 'contact', options);

/** Output fields naming each custom value with the field's own name (dynamic outputFields). */
export const customOutputFields = (model: CustomFieldModel) => async (z: ZObject, bundle: Bundle) =>
  (await loadCustomFields(z, bundle, model)).map((field) => ({ key: `custom__${readableKey(field)}`, label: field.name }));

export const contactCustomOutputFields = customOutputFields('contact');

interface WithCustomValues {
  customFields: ({ id: string } & Record<string, unknown>)[];
  custom?: Record<string, unknown>;
}

/**
 * Adds `custom: { <readable key>: value }` to records (contacts, or opportunities with `model`) that carry custom values. The field list is fetched only
 * when some contact has values, once per invocation. The records were already read or written: a failure here
 * (e.g. a connection made before the custom-fields scope existed) leaves the readable keys out instead of failing
 * a step whose write already happened (Zapier would retry it and write twice).
 */
export const withCustomValues = async <T extends WithCustomValues>(
  z: ZObject,
  bundle: Bundle,
  contacts: T[],
  options: { shared?: boolean; model?: CustomFieldModel } = {},
): Promise<T[]> => {
  if (!contacts.some((c) => c.customFields.length)) return contacts;
  let fields: CustomField[];
  try {
    fields = await loadCustomFields(z, bundle, options.model ?? 'contact', options);
  } catch (error) {
    z.console.log(`Custom field names could not be loaded; values stay under customFields only: ${error instanceof Error ? error.name : 'error'}`);
    return contacts;
  }
  return contacts.map((c) => ({ ...c, custom: readableCustomValues(fields, c.customFields) }));
};
