import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { appBaseUrl } from '../http/config';
import { isId } from '../input';
import { asRecord, changeVariant, defineObject, field, type OutputField, type OutputOf } from '../schema/define';
import { fingerprint } from '../schema/fingerprint';
import { customValues, plainDate, isoDate } from '../schema/values';

/**
 * The HighLevel contact (docs/highlevel-api.md §7): one definition for every shape a contact arrives in — the REST
 * answer (GET, create, update, upsert), the search item (lighter, §6.1) and the webhook payload (§9.2) — and one
 * output. Unknown keys pass through, so API additions never break a Zap.
 */
export const CustomFieldValue = lazy(() => zod.looseObject({ id: zod.string(), value: zod.unknown().optional() }));
export type CustomFieldValue = z.infer<typeof CustomFieldValue>;

export const contactDef = defineObject({
  id: field.id('Contact ID'),
  name: field.text('Full Name'),
  firstName: field.text('First Name'),
  lastName: field.text('Last Name'),
  email: field.text('Email'),
  phone: field.text('Phone (E.164)'),
  companyName: field.text('Company Name'),
  address1: field.text('Street Address'),
  city: field.text('City'),
  state: field.text('State'),
  postalCode: field.text('Postal Code'),
  country: field.text('Country (ISO Code)'),
  website: field.text('Website'),
  timezone: field.text('Time Zone'),
  source: field.text('Source'),
  type: field.text('Contact Type'),
  assignedTo: field.text('Assigned User ID'),
  assignedToName: field.lookedUp('Assigned User Name'),
  assignedToEmail: field.lookedUp('Assigned User Email'),
  dnd: field.flag('Do Not Disturb'),
  tags: field.list('Tags'),
  dateOfBirth: field.date('Date of Birth'),
  dateAdded: field.datetime('Date Added'),
  dateUpdated: field.datetime('Date Updated'),
  businessId: field.text('Business ID'),
  customFields: field.hidden(() => zod.array(CustomFieldValue), [], 'Custom Field Values'),
  locationId: field.id('Location ID'),
  url: field.text('Contact URL'),
});

/** What every contact operation returns to Zapier: flat, names split and joined, ISO dates, a link. */
export type ContactOutput = OutputOf<typeof contactDef.fields>;

/** What an answer must carry to be read as a contact: its id. Everything else is read leniently. */
export const ContactAnswer = lazy(() => zod.looseObject({ id: zod.string() }));
export type ContactAnswer = z.infer<typeof ContactAnswer>;

/**
 * The contact's page in HighLevel; '' unless both are ids (an answer or a webhook is read leniently, and a broken
 * character would make encodeURIComponent throw a raw URIError after the step's request succeeded, issue 21).
 */
export const contactUrl = (locationId: string, id: string): string =>
  isId(locationId) && isId(id) ? `${appBaseUrl()}/v2/location/${encodeURIComponent(locationId)}/contacts/detail/${encodeURIComponent(id)}` : '';

/**
 * Keys of HighLevel's answers that are no use in a Zap: the search cursor and the lower-cased and raw copies of the
 * names (the real-case name is in firstName / lastName / name; `contactName` is HighLevel's whole name, often
 * lower-cased, §14.1, and is read into `name`).
 */
const NOISE = ['searchAfter', 'firstNameLowerCase', 'lastNameLowerCase', 'fullNameLowerCase', 'emailLowerCase', 'firstNameRaw', 'lastNameRaw', 'contactName'];
const withoutNoise = (raw: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(raw).filter(([key]) => !NOISE.includes(key)));

/** The first of these keys that holds a non-empty text. */
const firstText = (raw: Record<string, unknown>, ...keys: string[]): string => {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return '';
};

/** Upper-case letters in a text (a letter whose lower case differs). */
const capitals = (text: string): number => [...text].filter((ch) => ch !== ch.toLowerCase()).length;

/**
 * A person's names as HighLevel sends them on a contact, a task's `contactDetails` or an opportunity's `contact`
 * summary (docs/highlevel-api.md §14.1). Each part keeps its real case: the `*Raw` copy first (some answers
 * lower-case `firstName` beside it), then `firstName`, then the lower-cased copy as it is, never re-cased by guess
 * ("McDonald", "van der Berg"). The whole name is HighLevel's own `name`, else `contactName`, else the parts joined;
 * it is never lower than its parts: search items and webhook events carry `contactName` lower-cased beside real-case
 * parts (`"john doe"` beside `"John"`, issue 21), so each word of the whole that is one of the parts' words, in
 * another case, takes the part's case when that has more capitals ("john doe jr" with John / Doe → "John Doe jr").
 */
export const personNames = (raw: Record<string, unknown>): { name: string; firstName: string; lastName: string } => {
  const firstName = firstText(raw, 'firstNameRaw', 'firstName', 'firstNameLowerCase');
  const lastName = firstText(raw, 'lastNameRaw', 'lastName', 'lastNameLowerCase');
  const parts = [firstName, lastName].filter(Boolean).join(' ');
  const whole = firstText(raw, 'name', 'contactName');
  return { name: whole ? notLowerThan(whole, parts) : parts, firstName, lastName };
};

/** `whole` with each of its words that is a word of `sources` in another case taken in the case with more capitals. */
export const notLowerThan = (whole: string, ...sources: string[]): string => {
  const cased = new Map<string, string>();
  for (const word of sources.join(' ').split(/\s+/).filter(Boolean)) {
    const known = cased.get(word.toLowerCase());
    if (!known || capitals(word) > capitals(known)) cased.set(word.toLowerCase(), word);
  }
  return whole
    .split(/(\s+)/)
    .map((word) => {
      const part = cased.get(word.toLowerCase());
      return part && capitals(part) > capitals(word) ? part : word;
    })
    .join('');
};

/**
 * A search item in the thin shape (docs/highlevel-api.md §14.1): its names only in the lower-cased copies, no
 * `firstName`/`lastName` (nor `*Raw`). Such an item also lacks what the nearest spec schema leaves out (website, DND
 * settings), so the triggers read it in full (GET /contacts/{id}) before passing it on. An item with no names at
 * all is taken as it is: nothing in it says it is thin.
 */
export const isThinItem = (raw: unknown): boolean => {
  const item = asRecord(raw);
  const real = ['firstName', 'firstNameRaw', 'lastName', 'lastNameRaw'].some((key) => firstText(item, key));
  return !real && ['firstNameLowerCase', 'lastNameLowerCase'].some((key) => firstText(item, key));
};

/** Names as personNames reads them; the street may come as `address`. */
const fromRecord = (raw: Record<string, unknown>, fallbackLocationId: string): ContactOutput => {
  const c = contactDef.read(raw);
  const { name, firstName, lastName } = personNames(raw);
  const locationId = c.locationId || fallbackLocationId;
  return {
    ...withoutNoise(raw),
    ...c,
    name,
    firstName,
    lastName,
    address1: firstText(raw, 'address1', 'address'),
    locationId,
    dateOfBirth: plainDate(raw.dateOfBirth),
    dateAdded: isoDate(raw.dateAdded),
    dateUpdated: isoDate(raw.dateUpdated),
    customFields: customValues(raw.customFields),
    url: locationId ? contactUrl(locationId, c.id) : '',
  };
};

/** GET /contacts/{id}, create, update and upsert answers (the `contact` of their envelope). */
export const contactFromRest = (raw: unknown, fallbackLocationId = ''): ContactOutput => fromRecord(asRecord(raw), fallbackLocationId);

/** An item of POST /contacts/search: lighter than the REST answer, and its names and street may sit elsewhere (§6.1, §14.1). */
export const contactFromSearch = (raw: unknown, fallbackLocationId = ''): ContactOutput => fromRecord(asRecord(raw), fallbackLocationId);

/** Keys HighLevel adds to a webhook body that are not the contact's (the event's `type` is not the contact type). */
const EVENT_KEYS = ['type', 'webhookId', 'timestamp', 'appId', 'versionId'];

/** A ContactCreate / ContactUpdate / ContactDelete / ContactTagUpdate / ContactDndUpdate body: the contact, flat (§9.2). */
export const contactFromWebhook = (payload: unknown): ContactOutput => {
  const raw = asRecord(payload);
  const contact = Object.fromEntries(Object.entries(raw).filter(([key]) => !EVENT_KEYS.includes(key)));
  return fromRecord({ ...contact, id: typeof raw.id === 'string' ? raw.id : '' }, '');
};

export const contactSample = {
  id: 'ocQHyuzHvysMo5N5VsXc',
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
  assignedToName: 'Anna Schmidt',
  assignedToEmail: 'anna@pilates-berlin.example.com',
  dnd: false,
  tags: ['tc-enrolled:pilates-level-1', 'newsletter'],
  dateOfBirth: '1988-05-12',
  dateAdded: '2026-06-04T09:20:00.000Z',
  dateUpdated: '2026-06-10T14:05:31.512Z',
  businessId: '',
  customFields: [{ id: 'kL9pM2xQ7rT4vW1yZ3aB', value: 'M' }],
  locationId: 've9EPM428h8vShlRW1KT',
  url: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies ContactOutput;

export const contactOutputFields = contactDef.outputFields;

/** "New or Updated Contact" items: the id is the change's, `<contact id>:<dateUpdated>`; the contact's id is in contactId. */
export const contactChangeDef = changeVariant(contactDef, { idLabel: 'Change ID', realIdKey: 'contactId', realIdLabel: 'Contact ID' });
export type ContactChangeOutput = OutputOf<typeof contactChangeDef.fields>;

export const toContactChange = (contact: ContactOutput): ContactChangeOutput => ({
  ...contact,
  id: `${contact.id}:${contact.dateUpdated ?? contact.dateAdded ?? ''}`,
  contactId: contact.id,
});

export const contactChangeSample = toContactChange(contactSample) satisfies ContactChangeOutput;

export const contactChangeOutputFields = contactChangeDef.outputFields;

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
 * A short fingerprint of what a person sees on a contact: its fields, its tags (as a set: HighLevel may store
 * another case than was sent, docs/highlevel-api.md §14.7) and its custom values (by field id). Dates HighLevel
 * stamps itself (dateAdded, dateUpdated, lastActivity) and the search cursor are left out, so a write that changes
 * nothing keeps the fingerprint, and a change back to an earlier value gets the earlier fingerprint again.
 */
export const contactFingerprint = (c: ContactOutput): string =>
  fingerprint([
    VISIBLE_KEYS.map((key) => c[key]),
    [...new Set(c.tags.map((t) => t.trim().toLowerCase()))].sort(),
    [...c.customFields].sort((a, b) => a.id.localeCompare(b.id)).map((v) => [v.id, v.value ?? null]),
  ]);

/**
 * "Tag Added to Contact" items: the contact, plus `tagAddedId`, new for each time the tag is added (Zapier dedupes
 * on it, so `id` keeps the contact's id for mapping).
 */
export const tagAddedDef = defineObject({ ...contactDef.fields, tagAddedId: field.text('Tag Addition ID (Contact ID and When It Was Seen)') });
export type TagAddedOutput = OutputOf<typeof tagAddedDef.fields>;
export const tagAddedSample = { ...contactSample, tagAddedId: `${contactSample.id}:2026-06-10T14:06:00.000Z` } satisfies TagAddedOutput;
/** Zapier's dedupe key for these items is `tagAddedId` (marked primary), not `id`. */
export const tagAddedOutputFields: OutputField[] = tagAddedDef.outputFields.map((f) => (f.key === 'tagAddedId' ? { ...f, primary: true } : f));

/** Create or Update Contact: the contact, and whether HighLevel created it (`new` in the upsert answer). */
export const upsertDef = defineObject({ ...contactDef.fields, isNew: field.flag('Was Created (Not Updated)') });
export type UpsertOutput = OutputOf<typeof upsertDef.fields>;
export const upsertSample = { ...contactSample, isNew: false } satisfies UpsertOutput;
export const upsertOutputFields = upsertDef.outputFields;
