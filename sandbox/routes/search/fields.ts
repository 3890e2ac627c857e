import type { SandboxState } from '../../state';
import type { Contact } from '../../types';

/** The contact fields search can filter and sort on, read the way the comparison wants them (lower case, ms). */

export type Getter = (c: Contact, s: SandboxState) => unknown;

export const DATE_FIELDS = new Set(['dateAdded', 'dateUpdated', 'dateOfBirth', 'lastActivity']);

export const SORT_FIELDS = new Set([
  'dateAdded',
  'dateUpdated',
  'firstNameLowerCase',
  'lastNameLowerCase',
  'fullNameLowerCase',
  'email',
  'companyName',
  'businessName',
  'phone',
  'dateOfBirth',
]);

const FIELD_GETTERS: Record<string, Getter> = {
  id: (c) => c.id,
  firstName: (c) => c.firstNameLowerCase,
  lastName: (c) => c.lastNameLowerCase,
  firstNameLowerCase: (c) => c.firstNameLowerCase,
  lastNameLowerCase: (c) => c.lastNameLowerCase,
  fullNameLowerCase: (c) => c.fullNameLowerCase,
  name: (c) => c.fullNameLowerCase,
  email: (c) => c.emailLowerCase,
  phone: (c) => c.phone,
  companyName: (c) => c.companyName?.toLowerCase(),
  businessName: (c, s) => (c.businessId ? s.businesses.get(c.businessId)?.name.toLowerCase() : undefined),
  businessId: (c) => c.businessId,
  assignedTo: (c) => c.assignedTo,
  dnd: (c) => c.dnd,
  type: (c) => c.type,
  source: (c) => c.source?.toLowerCase(),
  tags: (c) => c.tags,
  dateAdded: (c) => Date.parse(c.dateAdded),
  dateUpdated: (c) => Date.parse(c.dateUpdated),
  dateOfBirth: (c) => (c.dateOfBirth ? Date.parse(c.dateOfBirth) : undefined),
  address: (c) => c.address1?.toLowerCase(),
  address1: (c) => c.address1?.toLowerCase(),
  city: (c) => c.city?.toLowerCase(),
  state: (c) => c.state?.toLowerCase(),
  country: (c) => c.country?.toLowerCase(),
  postalCode: (c) => c.postalCode,
  timezone: (c) => c.timezone?.toLowerCase(),
  website: (c) => c.website?.toLowerCase(),
  validEmail: (c) => c.validEmail,
};

/** The default order's key (docs/highlevel-api.md is silent on the default; newest first is our choice). */
export const DATE_ADDED: Getter = (c) => Date.parse(c.dateAdded);

export function getterFor(field: string): Getter | undefined {
  const direct = FIELD_GETTERS[field];
  if (direct) return direct;
  // Custom-field filter syntax is undocumented (docs/highlevel-api.md §6.1, issue #42); we accept
  // `customFields.<fieldId>`.
  const cf = /^customFields?\.(.+)$/.exec(field);
  if (cf) {
    const id = cf[1];
    return (c) => {
      const value = c.customFields.find((v) => v.id === id)?.value;
      return typeof value === 'string' ? value.toLowerCase() : value;
    };
  }
  return undefined;
}
