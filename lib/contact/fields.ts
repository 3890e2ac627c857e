import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { loadContactCustomFields } from '../custom_field/api';
import { customFieldsBody, hasCustomFieldInput } from '../custom_field/fields';
import { CUSTOM_FIELD_PREFIX, type CustomField } from '../custom_field/schema';
import { CONTACT_DROPDOWN, TAG_DROPDOWN, USER_DROPDOWN } from '../dropdowns';
import {
  InvalidInput,
  checkId,
  checkPhoneShape,
  choice,
  isEmpty,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizePhone,
  normalizeUrl,
  text,
  validated,
  yesNo,
} from '../input';
import { CONTACT_FIND_KEY } from '../keys';
import { locationCountry } from '../location/api';
import { tagList } from '../tag/fields';
import { checkTimeZone } from '../time';

/**
 * Contact input fields, shared by Create, Update and Create or Update Contact. One definition; `contactFields()`
 * picks the variant, and `contactBody()` turns what the user mapped into a validated HighLevel body.
 */
export type ContactVariant = 'create' | 'update' | 'upsert';

interface ContactField extends PlainInputField {
  /** Variants that offer the field (HighLevel's update DTO lacks gender, companyName and tags, docs/highlevel-api.md §6.1, §11.6). */
  only?: ContactVariant[];
  /** Help text of the field in one variant, where it behaves differently there. */
  helpIn?: Partial<Record<ContactVariant, string>>;
}

/** Create or Update Contact: add the given tags to the matched contact's tags (the default), or replace them all. */
export const REPLACE_TAGS_KEY = 'replaceTags';

/** The options the Gender dropdown offers; HighLevel's DTO types it as a plain string with the example "male" (§6.1). */
const GENDER_CHOICES = { male: 'Male', female: 'Female' };

const FIELDS: ContactField[] = [
  { key: 'firstName', label: 'First Name', helpText: 'Given name, e.g. `Lena`.' },
  { key: 'lastName', label: 'Last Name', helpText: 'Family name, e.g. `Vogt`.' },
  { key: 'email', label: 'Email', helpText: 'Primary email address, e.g. `lena.vogt@example.com`. Checked before sending.' },
  {
    key: 'phone',
    label: 'Phone',
    helpText:
      'Phone number in any common format, e.g. `+49 171 1234567`. It is sent in international (E.164) form; numbers without a country code use **Default Phone Country**.',
  },
  {
    key: 'phoneCountry',
    label: 'Default Phone Country',
    helpText:
      "Two-letter country code for phone numbers written without a `+` country code, e.g. `DE` for `0171 2345678`. Leave empty to use the HighLevel location's country.",
  },
  { key: 'companyName', label: 'Company Name', helpText: 'Business the contact works for, e.g. `Vogt Pilates`.', only: ['create', 'upsert'] },
  { key: 'address1', label: 'Street Address', helpText: 'Street and number, e.g. `Waldweg 1`.' },
  { key: 'city', label: 'City', helpText: 'City, e.g. `Köln`.' },
  { key: 'state', label: 'State / Region', helpText: 'State, province or region, e.g. `CA` or `NW`.' },
  { key: 'postalCode', label: 'Postal Code', helpText: 'ZIP or postal code, e.g. `50667`.' },
  { key: 'country', label: 'Country', helpText: 'Two-letter ISO code (`US`, `DE`) or English country name (`Germany`); sent as the ISO code.' },
  { key: 'website', label: 'Website', helpText: 'Web address, e.g. `https://vogt-pilates.example.com`.' },
  { key: 'timezone', label: 'Time Zone', helpText: 'IANA time zone of the contact, e.g. `Europe/Berlin` or `America/New_York`.' },
  { key: 'dateOfBirth', label: 'Date of Birth', type: 'datetime', helpText: 'Birthday as `YYYY-MM-DD` (e.g. `1988-05-12`), `MM/DD/YYYY` or `12 May 1988`.' },
  {
    key: 'gender',
    label: 'Gender',
    helpText: 'Gender as HighLevel stores it. Only set when the contact is created: HighLevel ignores it on existing contacts.',
    choices: GENDER_CHOICES,
    only: ['create', 'upsert'],
  },
  { key: 'source', label: 'Source', helpText: 'Where the contact came from, e.g. `TrainerCentral` or `CentralStationCRM`.' },
  { ...USER_DROPDOWN, key: 'assignedTo', label: 'Assigned User', helpText: 'HighLevel user who owns the contact. Choose one, or map a user ID.' },
  {
    ...TAG_DROPDOWN,
    key: 'tags',
    label: 'Tags',
    list: true,
    helpText: 'Tags to put on the contact, e.g. `tc-enrolled`. New tag names are created in the location.',
    helpIn: {
      upsert:
        'Tags to add to the contact, e.g. `tc-enrolled`. A contact that already exists keeps its other tags (unless **Replace All Tags** is Yes). New tag names are created in the location.',
    },
    only: ['create', 'upsert'],
  },
  {
    key: REPLACE_TAGS_KEY,
    label: 'Replace All Tags',
    type: 'boolean',
    helpText:
      "No (the default): the tags above are added and a matched contact's other tags are kept. Yes: the contact's tags become exactly the tags above, and every other tag is removed. With no tags above, the contact's tags are left as they are either way.",
    only: ['upsert'],
  },
  {
    key: 'dnd',
    label: 'Do Not Disturb',
    type: 'boolean',
    helpText: 'Yes stops all calls, texts and emails to the contact from HighLevel.',
  },
];

export const contactFields = (variant: ContactVariant): PlainInputField[] =>
  FIELDS.filter((field) => !field.only || field.only.includes(variant)).map(({ only: _only, helpIn, ...field }) => ({
    ...field,
    ...(helpIn?.[variant] ? { helpText: helpIn[variant] } : {}),
  }));

const labelOf = (key: string) => FIELDS.find((f) => f.key === key)?.label ?? key;

/** The HighLevel body for the variant, from the fields the user filled in (empty fields are left out). */
export const contactBody = (z: ZObject, input: Record<string, unknown>, variant: ContactVariant, phoneCountry?: string): Record<string, unknown> =>
  validated(z, () => {
    const body: Record<string, unknown> = {};
    const offered = new Set(contactFields(variant).map((f) => f.key));
    for (const key of ['firstName', 'lastName', 'companyName', 'address1', 'city', 'state', 'postalCode', 'source']) {
      const value = text(input[key], labelOf(key));
      if (value !== undefined && offered.has(key)) body[key] = value;
    }
    // Gender is a dropdown: only its own options are sent (issue 11: it was sent as typed).
    const gender = offered.has('gender') ? choice(labelOf('gender'), input.gender, GENDER_CHOICES) : undefined;
    if (gender) body.gender = gender;
    const timezone = text(input.timezone, labelOf('timezone'));
    if (timezone) body.timezone = checkTimeZone(labelOf('timezone'), timezone);
    const assignedTo = text(input.assignedTo, labelOf('assignedTo'));
    if (assignedTo) body.assignedTo = checkId(z, labelOf('assignedTo'), assignedTo);
    const email = text(input.email, labelOf('email'));
    if (email) body.email = normalizeEmail(labelOf('email'), email);
    const phone = text(input.phone, labelOf('phone'));
    if (phone) body.phone = normalizePhone(labelOf('phone'), phone, text(input.phoneCountry, labelOf('phoneCountry')) ?? phoneCountry);
    const country = text(input.country, labelOf('country'));
    if (country) body.country = normalizeCountry(labelOf('country'), country);
    const website = text(input.website, labelOf('website'));
    if (website) body.website = normalizeUrl(labelOf('website'), website);
    const dob = text(input.dateOfBirth, labelOf('dateOfBirth'));
    if (dob) body.dateOfBirth = normalizeDate(labelOf('dateOfBirth'), dob);
    const dnd = yesNo(labelOf('dnd'), input.dnd);
    if (dnd !== undefined) body.dnd = dnd;
    if (offered.has('tags')) {
      const tags = tagList(input.tags, labelOf('tags'));
      if (tags.length) body.tags = tags;
    }
    return body;
  });

/** A phone number written without a country code ("0171 2345678"): it needs a country to be read. */
export const isNationalPhone = (value: unknown): boolean => {
  // A predicate, never a refusal: a list or an object is refused by the field's own reader, naming the field.
  const phone = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return phone !== '' && !/^\s*(\+|00)/.test(phone);
};

/**
 * The country for national phone numbers: Default Phone Country when filled in, else the location's own country
 * (read once, shared per connection), fetched only when some phone needs it.
 */
export const phoneCountryFor = async (z: ZObject, bundle: Bundle, phones: unknown[]): Promise<string | undefined> => {
  const given = validated(z, () => text(bundle.inputData.phoneCountry, labelOf('phoneCountry')));
  if (given || !phones.some(isNationalPhone)) return given;
  return locationCountry(z, bundle);
};

/**
 * The validated contact body. Every other field is checked first (a mistake there is reported with no request
 * sent); only then, and only for a national phone number, is the location's country read.
 */
export const readContactBody = async (z: ZObject, bundle: Bundle, variant: ContactVariant): Promise<Record<string, unknown>> => {
  const input = bundle.inputData as Record<string, unknown>;
  if (!isNationalPhone(input.phone) || text(input.phoneCountry, labelOf('phoneCountry'))) return contactBody(z, input, variant);
  contactBody(z, { ...input, phone: undefined }, variant);
  validated(z, () => checkPhoneShape(labelOf('phone'), String(text(input.phone, labelOf('phone')))));
  return contactBody(z, input, variant, await phoneCountryFor(z, bundle, [input.phone]));
};

/**
 * The customFields part of a contact body: only the custom fields the user filled in; the list is read only then.
 * The connection's shared list is checked first; when it lacks a field the input names, or refuses a value (an option
 * added in the last minutes), the list is read again before anything is refused.
 */
export const contactCustomFieldsBody = async (z: ZObject, bundle: Bundle): Promise<{ id: string; field_value: unknown }[]> => {
  if (!hasCustomFieldInput(bundle.inputData)) return [];
  const build = async (fields: CustomField[]) => {
    const phones = fields.filter((f) => f.dataType === 'PHONE').map((f) => bundle.inputData[`${CUSTOM_FIELD_PREFIX}${f.id}`]);
    const country = await phoneCountryFor(z, bundle, phones);
    return () => customFieldsBody(fields, bundle.inputData, { phoneCountry: country });
  };
  const shared = await loadContactCustomFields(z, bundle);
  const known = new Set(shared.map((f) => `${CUSTOM_FIELD_PREFIX}${f.id}`));
  const named = Object.keys(bundle.inputData).filter((key) => key.startsWith(CUSTOM_FIELD_PREFIX) && !isEmpty(bundle.inputData[key]));
  if (named.every((key) => known.has(key))) {
    const fromShared = await build(shared);
    try {
      return fromShared();
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
    }
  }
  const fresh = await build(await loadContactCustomFields(z, bundle, { fresh: true }));
  return validated(z, fresh);
};

/** The Default Phone Country field, shared by Find Contact so numbers typed without "+" are read the same way. */
export const phoneCountryField = (): PlainInputField => {
  const found = FIELDS.find((f) => f.key === 'phoneCountry');
  if (!found) throw new Error('phoneCountry is missing from the contact fields.');
  const { only: _only, helpIn: _helpIn, ...field } = found;
  return field;
};

const CONTACT_HELP = 'Contact to work on. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.';

/**
 * The "which contact" field: a dropdown of contacts. Actions that work on an existing contact also get the Find
 * Contact search connector (`connector`), so a Zap can look the contact up in an earlier step (Zapier asks for both,
 * D004/D014); triggers and searches take the dropdown alone.
 */
export const contactIdField = (
  helpText = CONTACT_HELP,
  { required = true, connector = true }: { required?: boolean; connector?: boolean } = {},
): PlainInputField =>
  connector
    ? { key: 'contactId', label: 'Contact', required, ...CONTACT_DROPDOWN, search: `${CONTACT_FIND_KEY}.id`, helpText }
    : { ...CONTACT_DROPDOWN, key: 'contactId', label: 'Contact', required, helpText };
