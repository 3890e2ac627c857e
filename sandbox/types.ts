/**
 * Shapes of the objects the sandbox stores and serves. Field names follow REFERENCE.md §7 (and the official
 * OpenAPI schemas); optional fields are omitted from responses when unset (never sent as null).
 */

export const VERSION_2021_07_28 = '2021-07-28';
export const VERSION_2021_04_15 = '2021-04-15';
export type ApiVersion = typeof VERSION_2021_07_28 | typeof VERSION_2021_04_15;

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
  /** Not part of the REST task schema (§7); kept for ordering and returned by the location task search only. */
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

export interface Appointment {
  id: string;
  calendarId: string;
  locationId: string;
  contactId: string;
  groupId: string;
  title: string;
  appointmentStatus: string;
  assignedUserId: string;
  users: string[];
  notes?: string;
  description?: string;
  address?: string;
  meetingLocationType?: string;
  /** ISO-8601 with the location's offset, no milliseconds (§1 Timestamps). */
  startTime: string;
  endTime: string;
  dateAdded: string;
  dateUpdated: string;
  isRecurring: boolean;
  rrule?: string;
  assignedResources: string[];
  createdBy: { userId?: string; source: string };
}

export interface OpenHour {
  daysOfTheWeek: number[];
  hours: { openHour: number; openMinute: number; closeHour: number; closeMinute: number }[];
}

export interface TeamMember {
  userId: string;
  priority: number;
  isPrimary: boolean;
  meetingLocationType?: string;
}

export interface Calendar {
  id: string;
  locationId: string;
  groupId: string;
  name: string;
  description: string;
  slug: string;
  widgetSlug: string;
  calendarType: 'round_robin' | 'event' | 'class_booking' | 'collective' | 'service_booking' | 'personal';
  eventType?: 'RoundRobin_OptimizeForAvailability' | 'RoundRobin_OptimizeForEqualDistribution';
  eventTitle: string;
  eventColor: string;
  isActive: boolean;
  teamMembers: TeamMember[];
  slotDuration: number;
  slotDurationUnit: 'mins' | 'hours';
  slotInterval: number;
  slotIntervalUnit: 'mins' | 'hours';
  slotBuffer: number;
  slotBufferUnit: 'mins' | 'hours';
  appoinmentPerSlot: number;
  appoinmentPerDay: number;
  allowBookingAfter: number;
  allowBookingAfterUnit: 'hours' | 'days' | 'weeks' | 'months';
  allowBookingFor: number;
  allowBookingForUnit: 'days' | 'weeks' | 'months';
  openHours: OpenHour[];
  autoConfirm: boolean;
  allowReschedule: boolean;
  allowCancellation: boolean;
}

export interface LocationTag {
  id: string;
  name: string;
  locationId: string;
}

export type CustomFieldDataType =
  | 'TEXT'
  | 'LARGE_TEXT'
  | 'NUMERICAL'
  | 'PHONE'
  | 'MONETORY'
  | 'CHECKBOX'
  | 'SINGLE_OPTIONS'
  | 'MULTIPLE_OPTIONS'
  | 'DATE'
  | 'TEXTBOX_LIST'
  | 'FILE_UPLOAD'
  | 'RADIO'
  | 'EMAIL';

export interface CustomField {
  id: string;
  name: string;
  fieldKey: string;
  placeholder: string;
  dataType: CustomFieldDataType;
  position: number;
  picklistOptions: string[];
  picklistImageOptions: string[];
  isAllowedCustomOption: boolean;
  isMultiFileAllowed: boolean;
  maxFileLimit: number;
  locationId: string;
  model: 'contact' | 'opportunity';
}

export interface User {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  extension: string;
  permissions: Record<string, boolean>;
  roles: { type: string; role: string; locationIds: string[]; restrictSubAccount: boolean };
  deleted: boolean;
  platformLanguage: string;
}

export interface Business {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  description?: string;
  locationId: string;
  createdBy: Record<string, string>;
  updatedBy: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface Location {
  id: string;
  companyId: string;
  name: string;
  domain: string;
  address: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  website: string;
  timezone: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  logoUrl: string;
  business: Record<string, string>;
  social: Record<string, string>;
  settings: {
    allowDuplicateContact: boolean;
    allowDuplicateOpportunity: boolean;
    allowFacebookNameMerge: boolean;
    disableContactTimezone: boolean;
  };
}

/** Body of a successful `POST /oauth/token` (§5.3). `issueToken()` returns the same shape. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  userType: 'Location';
  locationId: string;
  companyId: string;
  userId: string;
}

export interface RequestLogEntry {
  /** Milliseconds since the epoch (wall clock) when the request arrived. */
  at: number;
  method: string;
  /** Path without the query string, e.g. `/contacts/abc`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased request headers; `authorization` is redacted to `Bearer [redacted]`. */
  headers: Record<string, string>;
  /** The `Version` header, if sent. */
  version?: string;
  /** Parsed JSON or form body (object), the raw text when it did not parse, undefined when empty. */
  body: unknown;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  durationMs: number;
  /** Parsed JSON answer (or the raw text when a malformed-JSON fault corrupted it). */
  responseBody: unknown;
  /** Names of the faults that affected this request. */
  faults: string[];
}
