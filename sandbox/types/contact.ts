/**
 * Contacts and what hangs off them. Field names follow docs/highlevel-api.md §7 (and the official OpenAPI schemas);
 * optional fields are omitted from responses when unset (never sent as null).
 */

export interface CustomFieldValue {
  id: string;
  value: unknown;
}

export interface DndSetting {
  status: 'active' | 'inactive' | 'permanent';
  message?: string;
  code?: string;
}

export interface Contact {
  id: string;
  locationId: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  firstNameLowerCase?: string;
  lastNameLowerCase?: string;
  fullNameLowerCase?: string;
  email?: string;
  emailLowerCase?: string;
  phone?: string;
  companyName?: string;
  gender?: string;
  timezone?: string;
  dnd: boolean;
  dndSettings?: Record<string, DndSetting>;
  inboundDndSettings?: Record<string, DndSetting>;
  type: string;
  source?: string;
  assignedTo?: string;
  address1?: string;
  city?: string;
  state?: string;
  country?: string;
  postalCode?: string;
  website?: string;
  tags: string[];
  dateOfBirth?: string;
  dateAdded: string;
  dateUpdated: string;
  customFields: CustomFieldValue[];
  businessId?: string;
  additionalEmails: string[];
  additionalPhones: string[];
  followers: string[];
  validEmail?: boolean;
}

export interface Task {
  id: string;
  contactId: string;
  title: string;
  body?: string;
  assignedTo?: string;
  dueDate: string;
  completed: boolean;
  /**
   * Not part of the REST task schema (docs/highlevel-api.md §7); kept for ordering and returned by the location task
   * search only.
   */
  dateAdded: string;
  dateUpdated: string;
}

export interface Note {
  id: string;
  contactId: string;
  body: string;
  userId?: string;
  title?: string;
  color?: string;
  pinned?: boolean;
  dateAdded: string;
}
