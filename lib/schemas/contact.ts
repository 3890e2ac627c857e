import { z } from 'zod';
import { lenient } from './lenient';

/**
 * The HighLevel contact (REFERENCE.md §7): one schema for every answer that carries a contact (GET, create,
 * update, upsert, search results, which are lighter). Loose: unknown keys pass, so API additions never break a Zap.
 */
export const CustomFieldValue = z.looseObject({ id: z.string(), value: z.unknown().optional() });

export const Contact = z.looseObject({
  id: z.string(),
  locationId: z.string().optional(),
  firstName: lenient(z.string()),
  lastName: lenient(z.string()),
  firstNameLowerCase: lenient(z.string()),
  lastNameLowerCase: lenient(z.string()),
  contactName: lenient(z.string()),
  name: lenient(z.string()),
  email: lenient(z.string()),
  phone: lenient(z.string()),
  companyName: lenient(z.string()),
  address1: lenient(z.string()),
  city: lenient(z.string()),
  state: lenient(z.string()),
  postalCode: lenient(z.string()),
  country: lenient(z.string()),
  website: lenient(z.string()),
  timezone: lenient(z.string()),
  source: lenient(z.string()),
  type: lenient(z.string()),
  assignedTo: lenient(z.string()),
  dnd: lenient(z.boolean()),
  tags: lenient(z.array(z.string())),
  dateOfBirth: lenient(z.string()),
  dateAdded: lenient(z.string()),
  dateUpdated: lenient(z.string()),
  businessId: lenient(z.string()),
  customFields: lenient(z.array(CustomFieldValue)),
});
export type Contact = z.infer<typeof Contact>;

/** What every contact operation returns to Zapier: flat, names split and joined, ISO dates, a link. */
export interface ContactOutput {
  id: string;
  locationId: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  companyName: string;
  address1: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  website: string;
  timezone: string;
  source: string;
  type: string;
  assignedTo: string;
  dnd: boolean;
  tags: string[];
  dateOfBirth: string;
  dateAdded: string;
  dateUpdated: string;
  businessId: string;
  customFields: { id: string; value?: unknown }[];
  url: string;
  [extra: string]: unknown;
}

const titleCase = (text: string) => text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

export const contactUrl = (locationId: string, id: string): string =>
  `https://app.gohighlevel.com/v2/location/${encodeURIComponent(locationId)}/contacts/detail/${encodeURIComponent(id)}`;

/** HighLevel keeps dates as ISO strings in UTC; a few list answers use "YYYY-MM-DD HH:mm:ss" (§1): make those ISO too. */
export const isoDate = (value: string | null | undefined): string => {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return `${value.replace(' ', 'T')}.000Z`;
  return value;
};

export const toContactOutput = (raw: unknown, fallbackLocationId = ''): ContactOutput => {
  const c = Contact.parse(raw);
  // Search results carry only lower-cased names (§6.1): show them capitalised rather than empty.
  const firstName = c.firstName ?? (c.firstNameLowerCase ? titleCase(c.firstNameLowerCase) : '');
  const lastName = c.lastName ?? (c.lastNameLowerCase ? titleCase(c.lastNameLowerCase) : '');
  const locationId = c.locationId ?? fallbackLocationId;
  return {
    ...c,
    id: c.id,
    locationId,
    name: [firstName, lastName].filter(Boolean).join(' ') || c.contactName || c.name || '',
    firstName,
    lastName,
    email: c.email ?? '',
    phone: c.phone ?? '',
    companyName: c.companyName ?? '',
    address1: c.address1 ?? '',
    city: c.city ?? '',
    state: c.state ?? '',
    postalCode: c.postalCode ?? '',
    country: c.country ?? '',
    website: c.website ?? '',
    timezone: c.timezone ?? '',
    source: c.source ?? '',
    type: c.type ?? '',
    assignedTo: c.assignedTo ?? '',
    dnd: c.dnd ?? false,
    tags: c.tags ?? [],
    dateOfBirth: isoDate(c.dateOfBirth),
    dateAdded: isoDate(c.dateAdded),
    dateUpdated: isoDate(c.dateUpdated),
    businessId: c.businessId ?? '',
    customFields: c.customFields ?? [],
    url: locationId ? contactUrl(locationId, c.id) : '',
  };
};

export const contactSample: ContactOutput = {
  id: 'ocQHyuzHvysMo5N5VsXc',
  locationId: 've9EPM428h8vShlRW1KT',
  name: 'Lena Vogt',
  firstName: 'Lena',
  lastName: 'Vogt',
  email: 'lena.vogt@example.com',
  phone: '+4917112345678',
  companyName: 'Vogt Pilates',
  address1: 'Waldweg 1',
  city: 'Köln',
  state: 'NW',
  postalCode: '50667',
  country: 'DE',
  website: 'https://vogt-pilates.example.com',
  timezone: 'Europe/Berlin',
  source: 'TrainerCentral',
  type: 'lead',
  assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  dnd: false,
  tags: ['tc-enrolled:pilates-level-1', 'newsletter'],
  dateOfBirth: '1988-05-12',
  dateAdded: '2026-06-04T09:20:00.000Z',
  dateUpdated: '2026-06-10T14:05:31.512Z',
  businessId: '',
  customFields: [{ id: 'kL9pM2xQ7rT4vW1yZ3aB', value: 'M' }],
  url: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
};

export const contactOutputFields = [
  { key: 'id', label: 'Contact ID' },
  { key: 'name', label: 'Full Name' },
  { key: 'firstName', label: 'First Name' },
  { key: 'lastName', label: 'Last Name' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone (E.164)' },
  { key: 'companyName', label: 'Company Name' },
  { key: 'address1', label: 'Street Address' },
  { key: 'city', label: 'City' },
  { key: 'state', label: 'State' },
  { key: 'postalCode', label: 'Postal Code' },
  { key: 'country', label: 'Country (ISO Code)' },
  { key: 'website', label: 'Website' },
  { key: 'timezone', label: 'Time Zone' },
  { key: 'source', label: 'Source' },
  { key: 'type', label: 'Contact Type' },
  { key: 'assignedTo', label: 'Assigned User ID' },
  { key: 'dnd', label: 'Do Not Disturb', type: 'boolean' as const },
  { key: 'tags[]', label: 'Tags' },
  { key: 'dateOfBirth', label: 'Date of Birth' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' as const },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' as const },
  { key: 'businessId', label: 'Business ID' },
  { key: 'locationId', label: 'Location ID' },
  { key: 'url', label: 'Contact URL' },
];
