import type { SandboxState } from '../state';
import type { Contact, CustomFieldValue } from '../types';

/** Contact renderings: the full contact, the create answer, the lighter search item. */

function withoutUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function copyCustomFields(values: readonly CustomFieldValue[]): CustomFieldValue[] {
  return values.map((cf) => ({ id: cf.id, value: Array.isArray(cf.value) ? [...(cf.value as unknown[])] : cf.value }));
}

/** The full contact (GET /contacts/:id, update, upsert; docs/highlevel-api.md §7). */
export function renderContact(contact: Contact): Record<string, unknown> {
  return withoutUndefined({
    ...contact,
    tags: [...contact.tags],
    customFields: copyCustomFields(contact.customFields),
    additionalEmails: [...contact.additionalEmails],
    additionalPhones: [...contact.additionalPhones],
    followers: [...contact.followers],
  });
}

/**
 * Create response (contacts.json `CreateContactSchema`, docs/highlevel-api.md §7) adds a few flags to the full contact.
 */
export function renderCreatedContact(contact: Contact): Record<string, unknown> {
  return { ...renderContact(contact), deleted: false };
}

/**
 * docs/highlevel-api.md §6.1: search results are lighter than GET contact: no firstName/lastName (only the
 * lower-case variants), no dndSettings; adds `businessName` and the `searchAfter` cursor.
 */
export function renderSearchContact(state: SandboxState, contact: Contact, searchAfter?: (string | number | boolean | null)[]): Record<string, unknown> {
  const business = contact.businessId ? state.businesses.get(contact.businessId) : undefined;
  return withoutUndefined({
    id: contact.id,
    locationId: contact.locationId,
    firstNameLowerCase: contact.firstNameLowerCase,
    lastNameLowerCase: contact.lastNameLowerCase,
    email: contact.email,
    phone: contact.phone,
    companyName: contact.companyName,
    businessName: business?.name,
    businessId: contact.businessId,
    type: contact.type,
    source: contact.source,
    dnd: contact.dnd,
    assignedTo: contact.assignedTo,
    address: contact.address1,
    city: contact.city,
    state: contact.state,
    country: contact.country,
    postalCode: contact.postalCode,
    timezone: contact.timezone,
    dateOfBirth: contact.dateOfBirth,
    tags: [...contact.tags],
    customFields: copyCustomFields(contact.customFields),
    additionalEmails: [...contact.additionalEmails],
    additionalPhones: [...contact.additionalPhones],
    followers: [...contact.followers],
    validEmail: contact.validEmail,
    dateAdded: contact.dateAdded,
    dateUpdated: contact.dateUpdated,
    searchAfter,
  });
}
