import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { CustomField, readableCustomValues, readableKey } from './schema';

/**
 * Reading the location's contact custom fields: at most once per invocation, and shared across polls of a
 * connection for a few minutes (z.cache), so a poll stays one request.
 */

// One fetch per invocation: the list is kept on the invocation's bundle object.
const perInvocation = new WeakMap<object, Promise<CustomField[]>>();

/** Polls may reuse the list across invocations for a few minutes (z.cache, per connection), so a poll stays one request. */
const SHARED_TTL_SECONDS = 600;
const sharedKey = (locationId: string) => `ghl:contact-custom-fields:${locationId}`;

const fetchContactCustomFields = async (z: ZObject, bundle: Bundle): Promise<CustomField[]> => {
  const fields = await ghl(z, bundle, endpoints.customFields, {
    path: { locationId: locationIdOf(z, bundle) },
    query: { model: 'contact' },
    answer: zod.array(CustomField).nullish(),
    unreadable: 'with a custom-field list the app cannot read',
  });
  return (fields ?? []).filter((field) => !field.model || field.model === 'contact');
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
