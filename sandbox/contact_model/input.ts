import { isRecord, unprocessable } from '../http';
import type { SandboxState } from '../state';
import type { Contact, DndSetting } from '../types';
import { applyCustomFields } from './custom_fields';
import { normalizeDateOfBirth, normalizePhone, normalizeTags } from './normalize';

/** Writing a validated create/update/upsert body onto a contact. `null` or `''` clears a field. */

const STRING_FIELDS = ['address1', 'city', 'state', 'postalCode', 'website', 'timezone', 'source', 'country', 'assignedTo', 'companyName', 'gender'] as const;

export interface ApplyOptions {
  /** Upsert onto an existing contact ignores `gender` (docs/highlevel-api.md §11.5). */
  ignoreGender?: boolean;
  /** Upsert whose email and phone match two different contacts ignores the phone (docs/highlevel-api.md §11.5). */
  ignorePhone?: boolean;
}

function applyStrings(contact: Contact, input: Record<string, unknown>, opts: ApplyOptions, errors: string[]): void {
  for (const key of STRING_FIELDS) {
    if (key === 'gender' && opts.ignoreGender) continue;
    const value = input[key];
    if (value === undefined) continue;
    if (value === null || value === '') delete contact[key];
    else if (typeof value === 'string') contact[key] = value;
  }
  if (typeof input.country === 'string' && input.country !== '' && !/^[A-Z]{2}$/.test(input.country)) {
    errors.push('country must be a valid ISO 3166-1 alpha-2 country code');
  }
}

function applyNames(contact: Contact, input: Record<string, unknown>): void {
  for (const key of ['firstName', 'lastName', 'name'] as const) {
    const value = input[key];
    if (value === null || value === '') delete contact[key];
    else if (typeof value === 'string') contact[key] = value.trim();
  }
}

function applyEmail(contact: Contact, email: unknown): void {
  if (email === null || email === '') {
    delete contact.email;
    delete contact.emailLowerCase;
    delete contact.validEmail;
  } else if (typeof email === 'string') {
    contact.email = email.trim();
    contact.emailLowerCase = contact.email.toLowerCase();
    contact.validEmail = true;
  }
}

function applyPhone(state: SandboxState, contact: Contact, phone: unknown, errors: string[]): void {
  if (phone === null || phone === '') delete contact.phone;
  else if (typeof phone === 'string') {
    const e164 = normalizePhone(state, phone);
    if (!e164) errors.push('phone must be a valid phone number');
    else contact.phone = e164;
  }
}

function applyDnd(contact: Contact, input: Record<string, unknown>): void {
  if (typeof input.dnd === 'boolean') contact.dnd = input.dnd;
  if (isRecord(input.dndSettings)) contact.dndSettings = input.dndSettings as Record<string, DndSetting>;
  if (isRecord(input.inboundDndSettings)) {
    contact.inboundDndSettings = input.inboundDndSettings as Record<string, DndSetting>;
  }
}

function applyDateOfBirth(contact: Contact, raw: unknown, errors: string[]): void {
  if (raw === undefined) return;
  if (raw === null || raw === '') {
    delete contact.dateOfBirth;
    return;
  }
  const dob = normalizeDateOfBirth(raw);
  if (!dob) errors.push('dateOfBirth must be a valid date');
  else contact.dateOfBirth = dob;
}

/** Applies a validated create/update/upsert body to a contact (derived lower-case fields included). */
export function applyContactInput(state: SandboxState, contact: Contact, input: Record<string, unknown>, opts: ApplyOptions = {}): void {
  const errors: string[] = [];
  applyStrings(contact, input, opts, errors);
  applyNames(contact, input);
  applyEmail(contact, input.email);
  if (!opts.ignorePhone) applyPhone(state, contact, input.phone, errors);
  applyDnd(contact, input);
  applyDateOfBirth(contact, input.dateOfBirth, errors);
  if (Array.isArray(input.tags)) {
    // docs/highlevel-api.md §11.6: tags on create/update replace the whole list.
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
