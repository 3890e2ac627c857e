import type { SandboxState } from '../state';
import type { Contact, CustomFieldValue, DndSetting } from '../types';

/** Contact renderings: the full contact, the create answer, the lighter search item. */

function withoutUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function copyCustomFields(values: readonly CustomFieldValue[]): CustomFieldValue[] {
  return values.map((cf) => ({ id: cf.id, value: Array.isArray(cf.value) ? [...(cf.value as unknown[])] : cf.value }));
}

/** Every DND channel of contacts.json `DndSettingsSchema`, for the `extra` reading (sandbox/variety.ts). */
const DND_CHANNELS = ['Call', 'Email', 'SMS', 'WhatsApp', 'GMB', 'FB'] as const;

function fullDndSettings(contact: Contact): Record<string, DndSetting> {
  const out: Record<string, DndSetting> = {};
  for (const channel of DND_CHANNELS) out[channel] = contact.dndSettings?.[channel] ?? { status: 'inactive', message: '', code: '' };
  return out;
}

/** Additional phones as E.164 strings or as `{phone, phoneLabel}` objects, by the sandbox's variety. */
function renderPhones(state: SandboxState, phones: readonly string[]): unknown[] {
  return state.variety.additionalPhones === 'objects' ? phones.map((phone) => ({ phone, phoneLabel: 'Home' })) : [...phones];
}

/** The `raw` names reading: the real case under `*Raw`, lower-cased copies under `firstName` / `lastName`. */
function rawNames(contact: Contact): Record<string, unknown> {
  return withoutUndefined({
    firstName: contact.firstName?.toLowerCase(),
    lastName: contact.lastName?.toLowerCase(),
    firstNameRaw: contact.firstName,
    lastNameRaw: contact.lastName,
  });
}

/** The full contact (GET /contacts/:id, update, upsert; docs/highlevel-api.md §7), in this sandbox's variety. */
export function renderContact(state: SandboxState, contact: Contact): Record<string, unknown> {
  const v = state.variety;
  const out = withoutUndefined({
    ...contact,
    tags: [...contact.tags],
    customFields: copyCustomFields(contact.customFields),
    additionalEmails: [...contact.additionalEmails],
    additionalPhones: renderPhones(state, contact.additionalPhones),
    followers: [...contact.followers],
  });
  if (v.names === 'raw') Object.assign(out, rawNames(contact));
  if (v.contactExtras === 'extra') {
    // contacts.json GetContectByIdSchema: attributionSource / lastAttributionSource (AttributionSource requires url).
    const attribution = { url: 'public api', medium: 'api', mediumId: null };
    out.dndSettings = fullDndSettings(contact);
    out.attributionSource = attribution;
    out.lastAttributionSource = { ...attribution };
    out.createdBy = { source: 'INTEGRATION', sourceId: contact.locationId };
  }
  return out;
}

/**
 * Create response (contacts.json `CreateContactSchema`, docs/highlevel-api.md §7) adds a few flags to the full contact.
 */
export function renderCreatedContact(state: SandboxState, contact: Contact): Record<string, unknown> {
  return { ...renderContact(state, contact), deleted: false };
}

/**
 * A contact search item (docs/highlevel-api.md §6.1, §14.1), thin or full by the sandbox's variety: thin items have
 * no firstName/lastName (only the lower-case copies) and no DND settings; full items add the names, `contactName`,
 * the DND settings and `dateOfBirth` as epoch ms (issue #314). Both add `businessName` and the `searchAfter` cursor;
 * the street is under `address` or `address1`.
 */
export function renderSearchContact(state: SandboxState, contact: Contact, searchAfter?: (string | number | boolean | null)[]): Record<string, unknown> {
  const v = state.variety;
  const business = contact.businessId ? state.businesses.get(contact.businessId) : undefined;
  const full = v.searchItems === 'full';
  const names = !full ? {} : v.names === 'raw' ? rawNames(contact) : { firstName: contact.firstName, lastName: contact.lastName };
  return withoutUndefined({
    id: contact.id,
    locationId: contact.locationId,
    ...names,
    contactName: full ? (v.contactNameCase === 'lower' ? contact.name?.toLowerCase() : contact.name) : undefined,
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
    dndSettings: full ? fullDndSettings(contact) : undefined,
    inboundDndSettings: full ? contact.inboundDndSettings : undefined,
    assignedTo: contact.assignedTo,
    [v.searchStreetKey]: contact.address1,
    city: contact.city,
    state: contact.state,
    country: contact.country,
    postalCode: contact.postalCode,
    website: full ? contact.website : undefined,
    timezone: contact.timezone,
    dateOfBirth: full && contact.dateOfBirth ? Date.parse(contact.dateOfBirth) : contact.dateOfBirth,
    tags: [...contact.tags],
    customFields: copyCustomFields(contact.customFields),
    additionalEmails: [...contact.additionalEmails],
    additionalPhones: renderPhones(state, contact.additionalPhones),
    followers: [...contact.followers],
    validEmail: contact.validEmail,
    dateAdded: contact.dateAdded,
    dateUpdated: contact.dateUpdated,
    searchAfter,
  });
}
