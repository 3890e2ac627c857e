import { fingerprint } from '../schema/fingerprint';
import type { ContactOutput } from './schema';

/** Keys a person sees on a contact: a write that leaves all of them as they were is not a change. */
const VISIBLE_KEYS = [
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'companyName',
  'address1',
  'city',
  'state',
  'postalCode',
  'country',
  'website',
  'timezone',
  'source',
  'type',
  'assignedTo',
  'dnd',
  'dateOfBirth',
  'businessId',
] as const;

/**
 * A short fingerprint of what a person sees on a contact: its fields, its tags (as a set, lower-cased: HighLevel may
 * store another case than was sent, docs/highlevel-api.md §14.7) and its custom values (by field id). Dates HighLevel
 * stamps itself (dateAdded, dateUpdated, lastActivity) are left out, so a write that changes nothing keeps the
 * fingerprint and a change back to an earlier value gets the earlier fingerprint again. Shared by the contact
 * triggers, polling and instant, so both apply one rule.
 */
export const contactFingerprint = (c: ContactOutput): string =>
  fingerprint([
    VISIBLE_KEYS.map((key) => c[key]),
    [...new Set(c.tags.map((t) => t.trim().toLowerCase()))].sort(),
    [...c.customFields].sort((a, b) => a.id.localeCompare(b.id)).map((v) => [v.id, v.value ?? null]),
  ]);
