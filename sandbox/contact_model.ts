import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import type { Shape } from './http';
import { isRecord, unprocessable } from './http';
import type { SandboxState } from './state';
import type { Contact, CustomField, CustomFieldValue, DndSetting } from './types';

/** Body allow-lists (§6.1, spec CreateContactDto / UpdateContactDto / UpsertContactDto). */
const COMMON_FIELDS: Shape = {
  firstName: { type: 'string', nullable: true },
  lastName: { type: 'string', nullable: true },
  name: { type: 'string', nullable: true },
  email: { type: 'email', nullable: true },
  phone: { type: 'string', nullable: true },
  address1: { type: 'string', nullable: true },
  city: { type: 'string', nullable: true },
  state: { type: 'string', nullable: true },
  postalCode: { type: 'string' },
  website: { type: 'string', nullable: true },
  timezone: { type: 'string', nullable: true },
  dnd: { type: 'boolean' },
  dndSettings: { type: 'object' },
  inboundDndSettings: { type: 'object' },
  tags: { type: 'stringArray' },
  customFields: { type: 'array' },
  source: { type: 'string', nullable: true },
  dateOfBirth: { type: 'any', nullable: true },
  country: { type: 'string' },
  assignedTo: { type: 'string', nullable: true },
};

export const CREATE_CONTACT_SHAPE: Shape = {
  ...COMMON_FIELDS,
  locationId: { type: 'string', required: true },
  gender: { type: 'string' },
  companyName: { type: 'string', nullable: true },
};

/** §6.1 / §11.2: update has no locationId, gender or companyName (each answers 422 "should not exist"). */
export const UPDATE_CONTACT_SHAPE: Shape = { ...COMMON_FIELDS };

export const UPSERT_CONTACT_SHAPE: Shape = {
  ...CREATE_CONTACT_SHAPE,
  createNewIfDuplicateAllowed: { type: 'boolean' },
};

const STRING_FIELDS = [
  'address1',
  'city',
  'state',
  'postalCode',
  'website',
  'timezone',
  'source',
  'country',
  'assignedTo',
  'companyName',
  'gender',
] as const;

/** HighLevel stores tags lower-cased and trimmed (observed behaviour; REFERENCE is silent). */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase();
    if (tag !== '' && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** §11.7: responses use E.164. National numbers are read in the location's country. */
export function normalizePhone(state: SandboxState, raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, state.location.country as CountryCode);
  return parsed?.number;
}

function normalizeDateOfBirth(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return new Date(raw).toISOString();
  if (typeof raw !== 'string') return undefined;
  const formats = ['yyyy-MM-dd', 'MM/dd/yyyy', 'M/d/yyyy', 'yyyy/MM/dd', 'MM-dd-yyyy', 'dd.MM.yyyy'];
  for (const format of formats) {
    const dt = DateTime.fromFormat(raw.trim(), format, { zone: 'utc' });
    if (dt.isValid) return dt.toISO() ?? undefined;
  }
  const iso = DateTime.fromISO(raw.trim(), { zone: 'utc' });
  return iso.isValid ? iso.toUTC().toISO() ?? undefined : undefined;
}

function findCustomField(state: SandboxState, ref: { id?: unknown; key?: unknown }): CustomField | undefined {
  if (typeof ref.id === 'string') {
    const byId = state.customFields.get(ref.id);
    if (byId) return byId;
  }
  if (typeof ref.key === 'string') {
    // §6.1: the spec's key example has no "contact." prefix while the list reports one; accept both.
    const key = ref.key.startsWith('contact.') ? ref.key : `contact.${ref.key}`;
    for (const field of state.customFields.values()) if (field.fieldKey === key) return field;
  }
  return undefined;
}

function coerceFieldValue(field: CustomField, value: unknown): unknown {
  switch (field.dataType) {
    case 'NUMERICAL':
    case 'MONETORY':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'CHECKBOX':
    case 'MULTIPLE_OPTIONS':
    case 'TEXTBOX_LIST':
      return typeof value === 'string' ? [value] : value;
    default:
      return value;
  }
}

/**
 * §6.1 custom fields: written as `[{id | key, field_value}]`, stored and read back as `[{id, value}]`.
 * Fields not listed keep their value; an empty value clears the field; unknown ids are ignored silently.
 */
function applyCustomFields(state: SandboxState, contact: Contact, items: unknown[]): void {
  const errors: string[] = [];
  items.forEach((item, i) => {
    if (!isRecord(item)) {
      errors.push(`customFields.${i} must be an object`);
      return;
    }
    for (const key of Object.keys(item)) {
      if (!['id', 'key', 'field_value'].includes(key)) errors.push(`customFields.${i}.property ${key} should not exist`);
    }
    if (item.id === undefined && item.key === undefined) errors.push(`customFields.${i}.id should not be empty`);
  });
  if (errors.length > 0) throw unprocessable(errors);
  for (const item of items) {
    if (!isRecord(item)) continue;
    const field = findCustomField(state, item);
    if (!field) continue;
    const value = item.field_value;
    const rest = contact.customFields.filter((cf) => cf.id !== field.id);
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    contact.customFields = empty ? rest : [...rest, { id: field.id, value: coerceFieldValue(field, value) }];
  }
}

function setOptionalString(contact: Contact, key: (typeof STRING_FIELDS)[number], value: unknown): void {
  if (value === undefined) return;
  if (value === null || value === '') delete contact[key];
  else if (typeof value === 'string') contact[key] = value;
}

/** Applies a validated create/update/upsert body to a contact (derived lower-case fields included). */
export function applyContactInput(
  state: SandboxState,
  contact: Contact,
  input: Record<string, unknown>,
  opts: { ignoreGender?: boolean; ignorePhone?: boolean } = {},
): void {
  const errors: string[] = [];
  for (const key of STRING_FIELDS) {
    if (key === 'gender' && opts.ignoreGender) continue;
    setOptionalString(contact, key, input[key]);
  }
  if (typeof input.country === 'string' && input.country !== '' && !/^[A-Z]{2}$/.test(input.country)) {
    errors.push('country must be a valid ISO 3166-1 alpha-2 country code');
  }
  for (const key of ['firstName', 'lastName', 'name'] as const) {
    const value = input[key];
    if (value === null || value === '') delete contact[key];
    else if (typeof value === 'string') contact[key] = value.trim();
  }
  if (input.email !== undefined) {
    if (input.email === null || input.email === '') {
      delete contact.email;
      delete contact.emailLowerCase;
      delete contact.validEmail;
    } else if (typeof input.email === 'string') {
      contact.email = input.email.trim();
      contact.emailLowerCase = contact.email.toLowerCase();
      contact.validEmail = true;
    }
  }
  if (input.phone !== undefined && !opts.ignorePhone) {
    if (input.phone === null || input.phone === '') delete contact.phone;
    else if (typeof input.phone === 'string') {
      const e164 = normalizePhone(state, input.phone);
      if (!e164) errors.push('phone must be a valid phone number');
      else contact.phone = e164;
    }
  }
  if (typeof input.dnd === 'boolean') contact.dnd = input.dnd;
  if (isRecord(input.dndSettings)) contact.dndSettings = input.dndSettings as Record<string, DndSetting>;
  if (isRecord(input.inboundDndSettings)) {
    contact.inboundDndSettings = input.inboundDndSettings as Record<string, DndSetting>;
  }
  if (input.dateOfBirth !== undefined) {
    if (input.dateOfBirth === null || input.dateOfBirth === '') delete contact.dateOfBirth;
    else {
      const dob = normalizeDateOfBirth(input.dateOfBirth);
      if (!dob) errors.push('dateOfBirth must be a valid date');
      else contact.dateOfBirth = dob;
    }
  }
  if (Array.isArray(input.tags)) {
    // §11.6: tags on create/update replace the whole list.
    contact.tags = normalizeTags(input.tags.filter((t): t is string => typeof t === 'string'));
    state.ensureLocationTags(contact.tags);
  }
  if (errors.length > 0) throw unprocessable(errors);
  if (Array.isArray(input.customFields)) applyCustomFields(state, contact, input.customFields);
  deriveNames(contact);
}

export function deriveNames(contact: Contact): void {
  if (contact.firstName) contact.firstNameLowerCase = contact.firstName.toLowerCase();
  else delete contact.firstNameLowerCase;
  if (contact.lastName) contact.lastNameLowerCase = contact.lastName.toLowerCase();
  else delete contact.lastNameLowerCase;
  const full = [contact.firstName, contact.lastName].filter((s) => s).join(' ');
  if (full) {
    contact.fullNameLowerCase = full.toLowerCase();
    contact.name = full;
  } else if (contact.name) {
    contact.fullNameLowerCase = contact.name.toLowerCase();
  } else {
    delete contact.fullNameLowerCase;
  }
}

export function newContact(state: SandboxState): Contact {
  const now = state.isoNow();
  return {
    id: state.newId(),
    locationId: state.location.id,
    dnd: false,
    type: 'lead',
    tags: [],
    dateAdded: now,
    dateUpdated: now,
    customFields: [],
    additionalEmails: [],
    additionalPhones: [],
    followers: [],
  };
}

function withoutUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function copyCustomFields(values: readonly CustomFieldValue[]): CustomFieldValue[] {
  return values.map((cf) => ({ id: cf.id, value: Array.isArray(cf.value) ? [...(cf.value as unknown[])] : cf.value }));
}

/** The full contact (GET /contacts/:id, update, upsert; §7). */
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

/** Create response (`CreateContactSchema`, §7) adds a few flags to the full contact. */
export function renderCreatedContact(contact: Contact): Record<string, unknown> {
  return { ...renderContact(contact), deleted: false };
}

/**
 * §6.1: search results are lighter than GET contact: no firstName/lastName (only the lower-case variants), no
 * dndSettings; adds `businessName` and the `searchAfter` cursor.
 */
export function renderSearchContact(
  state: SandboxState,
  contact: Contact,
  searchAfter?: (string | number | boolean | null)[],
): Record<string, unknown> {
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
