import type { Shape } from '../validate';

/**
 * Body allow-lists (docs/highlevel-api.md §6.1; contacts.json `CreateContactDto` / `UpdateContactDto` /
 * `UpsertContactDto`).
 */
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

/**
 * docs/highlevel-api.md §6.1 / §11.2: update has no locationId, gender or companyName (each answers 422 "should not
 * exist").
 */
export const UPDATE_CONTACT_SHAPE: Shape = { ...COMMON_FIELDS };

export const UPSERT_CONTACT_SHAPE: Shape = {
  ...CREATE_CONTACT_SHAPE,
  createNewIfDuplicateAllowed: { type: 'boolean' },
};
