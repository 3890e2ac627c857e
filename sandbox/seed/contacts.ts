import type { Prng } from '../prng';
import type { SandboxState } from '../state';
import type { Business, Contact, CustomField, CustomFieldValue } from '../types';
import { ascii, isoFromMs } from './text';

const FIRST_NAMES = [
  'Anna',
  'Lena',
  'Marie',
  'Sophie',
  'Laura',
  'Julia',
  'Hannah',
  'Lea',
  'Emma',
  'Mia',
  'Clara',
  'Paula',
  'Charlotte',
  'Greta',
  'Jana',
  'Katrin',
  'Sabine',
  'Petra',
  'Jörg',
  'Lukas',
  'Jonas',
  'Felix',
  'Max',
  'Paul',
  'Leon',
  'Tobias',
  'Sebastian',
  'Moritz',
  'Niklas',
  'David',
  'Olivia',
  'Chloé',
  'Sofia',
  'Amelia',
  'Isabella',
  'Noah',
  'Liam',
  'Mateo',
  'Yusuf',
  'Aylin',
  'Elif',
  'Zeynep',
  'Mei',
  'Priya',
  'Aisha',
  'Kenji',
  'Björn',
  'Søren',
  'Maja',
  'Ines',
];

const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Krause',
  'Meier',
  'Lehmann',
  'Smith',
  'Johnson',
  'Garcia',
  'Rossi',
  'Dubois',
  'Yılmaz',
  'Kaya',
  'Nowak',
  'Kowalski',
  'Tanaka',
];

const EMAIL_DOMAINS = ['gmail.com', 'web.de', 'gmx.de', 'outlook.com', 'posteo.de', 'icloud.com', 't-online.de'];
const SOURCES = ['website', 'instagram', 'referral', 'walk-in', 'facebook ads', 'google', 'classpass'];
const YEAR_MS = 365 * 24 * 3600 * 1000;

const STREETS = ['Torstraße', 'Kastanienallee', 'Oranienstraße', 'Bergmannstraße', 'Schönhauser Allee', 'Karl-Marx-Allee', 'Sonnenallee'];

/**
 * Street, a second phone and a date of birth for some contacts, from the sequence number alone (not the PRNG, so the
 * rest of the seed data stays as it was): what the search-item and additional-phone variety (sandbox/variety.ts)
 * shows on. Two in three have a street, one in five a landline besides, one in four a birthday.
 */
function seedDetails(contact: Contact, seq: number): void {
  if (seq % 3 !== 0) contact.address1 = `${STREETS[seq % STREETS.length] as string} ${(seq % 97) + 1}`;
  if (seq % 5 === 0) contact.additionalPhones = [`+4930${String((seq * 7919) % 100_000_000).padStart(8, '0')}`];
  if (seq % 4 === 0)
    contact.dateOfBirth = `${1960 + (seq % 45)}-${String((seq % 12) + 1).padStart(2, '0')}-${String((seq % 28) + 1).padStart(2, '0')}T00:00:00.000Z`;
}

/** What every contact of one `seedContacts` call draws from (looked up once, not per contact). */
interface Pools {
  nowMs: number;
  tagNames: string[];
  userIds: string[];
  businesses: Business[];
  sizeField?: CustomField;
  countField?: CustomField;
}

function pools(state: SandboxState): Pools {
  const fields = [...state.customFields.values()];
  return {
    nowMs: state.now().getTime(),
    tagNames: [...state.tags.values()].map((t) => t.name),
    userIds: [...state.users.keys()],
    businesses: [...state.businesses.values()],
    sizeField: fields.find((f) => f.fieldKey === 'contact.t_shirt_size'),
    countField: fields.find((f) => f.fieldKey === 'contact.classes_attended'),
  };
}

/** Mostly German mobiles, some US numbers; 15 % have none. Unique through the running sequence number. */
function seedPhone(prng: Prng, seq: number): string | undefined {
  // 48271 is coprime with 10^8, so this walks every 8-digit number once before repeating.
  const local = String((seq * 48271) % 100_000_000).padStart(8, '0');
  if (!prng.chance(0.85)) return undefined;
  return prng.chance(0.8) ? `+49${prng.pick(['151', '160', '170', '176'])}${local}` : `+1${prng.pick(['212', '347', '646', '718'])}${local.slice(1)}`;
}

function seedCustomValues(prng: Prng, p: Pools): CustomFieldValue[] {
  const out: CustomFieldValue[] = [];
  if (p.sizeField && prng.chance(0.3)) out.push({ id: p.sizeField.id, value: prng.pick(p.sizeField.picklistOptions) });
  if (p.countField && prng.chance(0.3)) out.push({ id: p.countField.id, value: prng.int(1, 120) });
  return out;
}

/** One contact. Plain assignments rather than conditional spreads: this must stay fast for tens of thousands. */
function seedContact(state: SandboxState, prng: Prng, p: Pools, seq: number): Contact {
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const added = p.nowMs - Math.floor(prng.next() * YEAR_MS);
  const updated = prng.chance(0.3) ? added : added + Math.floor(prng.next() * (p.nowMs - added));
  const phone = seedPhone(prng, seq);
  const email = prng.chance(0.95) ? `${ascii(firstName)}.${ascii(lastName)}${seq}@${prng.pick(EMAIL_DOMAINS)}` : undefined;
  const business = prng.chance(0.15) ? prng.pick(p.businesses) : undefined;
  const customFields = seedCustomValues(prng, p);
  const fullName = `${firstName} ${lastName}`;
  const contact: Contact = {
    id: prng.id(),
    locationId: state.location.id,
    name: fullName,
    firstName,
    lastName,
    firstNameLowerCase: firstName.toLowerCase(),
    lastNameLowerCase: lastName.toLowerCase(),
    fullNameLowerCase: fullName.toLowerCase(),
    timezone: 'Europe/Berlin',
    dnd: prng.chance(0.03),
    type: prng.chance(0.4) ? 'customer' : 'lead',
    source: prng.pick(SOURCES),
    city: 'Berlin',
    country: 'DE',
    postalCode: String(prng.int(10115, 14199)),
    tags: prng.sample(p.tagNames, prng.int(0, 3)),
    dateAdded: isoFromMs(added),
    dateUpdated: isoFromMs(updated),
    customFields,
    additionalEmails: [],
    additionalPhones: [],
    followers: [],
  };
  if (email) {
    contact.email = email;
    contact.emailLowerCase = email.toLowerCase();
    contact.validEmail = true;
  }
  if (phone) contact.phone = phone;
  if (business) {
    contact.businessId = business.id;
    contact.companyName = business.name;
  }
  if (prng.chance(0.4)) contact.assignedTo = prng.pick(p.userIds);
  seedDetails(contact, seq);
  return contact;
}

/** Adds `n` contacts quickly (no per-contact validation; emails and phones unique via a running sequence). */
export function seedContacts(state: SandboxState, prng: Prng, n: number): Contact[] {
  const p = pools(state);
  const created: Contact[] = [];
  for (let i = 0; i < n; i++) {
    const contact = seedContact(state, prng, p, ++state.seedSequence);
    state.contacts.set(contact.id, contact);
    created.push(contact);
  }
  return created;
}
