import { DateTime } from 'luxon';
import type { Prng } from './prng';
import type { SandboxState } from './state';
import type { Calendar, Contact, CustomField, CustomFieldDataType, User } from './types';

/** Deterministic seed data for one realistic sub-account (a Pilates studio in Berlin). */

const FIRST_NAMES = [
  'Anna', 'Lena', 'Marie', 'Sophie', 'Laura', 'Julia', 'Hannah', 'Lea', 'Emma', 'Mia', 'Clara', 'Paula', 'Charlotte',
  'Greta', 'Jana', 'Katrin', 'Sabine', 'Petra', 'Jörg', 'Lukas', 'Jonas', 'Felix', 'Max', 'Paul', 'Leon', 'Tobias',
  'Sebastian', 'Moritz', 'Niklas', 'David', 'Olivia', 'Chloé', 'Sofia', 'Amelia', 'Isabella', 'Noah', 'Liam',
  'Mateo', 'Yusuf', 'Aylin', 'Elif', 'Zeynep', 'Mei', 'Priya', 'Aisha', 'Kenji', 'Björn', 'Søren', 'Maja', 'Ines',
];

const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann',
  'Smith', 'Johnson', 'Garcia', 'Rossi', 'Dubois', 'Yılmaz', 'Kaya', 'Nowak', 'Kowalski', 'Tanaka',
];

const EMAIL_DOMAINS = ['gmail.com', 'web.de', 'gmx.de', 'outlook.com', 'posteo.de', 'icloud.com', 't-online.de'];
const SOURCES = ['website', 'instagram', 'referral', 'walk-in', 'facebook ads', 'google', 'classpass'];

const TAG_NAMES = [
  'new lead', 'vip', 'reformer', 'mat class', 'intro offer', 'newsletter', 'member', 'trial', 'prenatal',
  'private session', 'corporate', 'lapsed', 'referral', '10-class pass', 'instagram',
];

const BUSINESS_NAMES = [
  'Spree Physio GmbH', 'Kiezcafé Mitte', 'Zalando SE', 'Berliner Rücken Zentrum', 'Studio Nordlicht Design',
  'Prenzlauer Berg Hebammen', 'Tempelhof Tech UG', 'Charité Sportmedizin', 'Kreuzberg Coworking', 'Friedrichshain Films',
];

const USER_SEED: readonly [string, string, string][] = [
  ['Katharina', 'Vogel', 'owner'],
  ['Jonas', 'Brandt', 'admin'],
  ['Miriam', 'Okafor', 'user'],
  ['Tim', 'Lorenz', 'user'],
  ['Elena', 'Rossi', 'user'],
];

interface FieldSeed {
  name: string;
  key: string;
  dataType: CustomFieldDataType;
  options?: string[];
  model?: 'contact' | 'opportunity';
}

/** One field of every dataType in §6.6 (plus one opportunity field so `model` filtering matters). */
const CUSTOM_FIELD_SEED: readonly FieldSeed[] = [
  { name: 'Emergency Contact', key: 'emergency_contact', dataType: 'TEXT' },
  { name: 'Health Notes', key: 'health_notes', dataType: 'LARGE_TEXT' },
  { name: 'Classes Attended', key: 'classes_attended', dataType: 'NUMERICAL' },
  { name: 'Emergency Phone', key: 'emergency_phone', dataType: 'PHONE' },
  { name: 'Lifetime Value', key: 'lifetime_value', dataType: 'MONETORY' },
  { name: 'Interests', key: 'interests', dataType: 'CHECKBOX', options: ['Mat', 'Reformer', 'Barre', 'Yoga'] },
  { name: 'T-Shirt Size', key: 't_shirt_size', dataType: 'SINGLE_OPTIONS', options: ['XS', 'S', 'M', 'L', 'XL'] },
  {
    name: 'Preferred Days',
    key: 'preferred_days',
    dataType: 'MULTIPLE_OPTIONS',
    options: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
  { name: 'Membership Start', key: 'membership_start', dataType: 'DATE' },
  { name: 'Goals', key: 'goals', dataType: 'TEXTBOX_LIST', options: ['Goal 1', 'Goal 2', 'Goal 3'] },
  { name: 'Signed Waiver', key: 'signed_waiver', dataType: 'FILE_UPLOAD' },
  { name: 'Experience Level', key: 'experience_level', dataType: 'RADIO', options: ['Beginner', 'Intermediate', 'Advanced'] },
  { name: 'Work Email', key: 'work_email', dataType: 'EMAIL' },
  { name: 'Deal Source', key: 'deal_source', dataType: 'TEXT', model: 'opportunity' },
];

function ascii(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

function userPermissions(admin: boolean): Record<string, boolean> {
  const keys = [
    'campaignsEnabled', 'contactsEnabled', 'workflowsEnabled', 'triggersEnabled', 'funnelsEnabled',
    'opportunitiesEnabled', 'dashboardStatsEnabled', 'appointmentsEnabled', 'conversationsEnabled',
    'settingsEnabled', 'tagsEnabled', 'marketingEnabled',
  ];
  const out: Record<string, boolean> = {};
  for (const key of keys) out[key] = admin || !['settingsEnabled', 'workflowsEnabled'].includes(key);
  out.assignedDataOnly = !admin;
  return out;
}

export function seedBase(state: SandboxState, prng: Prng, allowDuplicateContact: boolean): void {
  const companyId = prng.id();
  const locationId = prng.id();
  state.location = {
    id: locationId,
    companyId,
    name: 'Pilates Studio Berlin',
    domain: 'pilatesstudio-berlin.example',
    address: 'Torstraße 101',
    city: 'Berlin',
    state: 'Berlin',
    country: 'DE',
    postalCode: '10119',
    website: 'https://pilatesstudio-berlin.example',
    timezone: 'Europe/Berlin',
    firstName: 'Katharina',
    lastName: 'Vogel',
    email: 'hallo@pilatesstudio-berlin.example',
    phone: '+493012345678',
    logoUrl: 'https://pilatesstudio-berlin.example/logo.png',
    business: {
      name: 'Pilates Studio Berlin',
      address: 'Torstraße 101',
      city: 'Berlin',
      state: 'Berlin',
      country: 'DE',
      postalCode: '10119',
      website: 'https://pilatesstudio-berlin.example',
      timezone: 'Europe/Berlin',
      logoUrl: 'https://pilatesstudio-berlin.example/logo.png',
    },
    social: { instagram: 'https://instagram.com/pilatesstudio.berlin', facebookUrl: '' },
    settings: {
      allowDuplicateContact,
      allowDuplicateOpportunity: false,
      allowFacebookNameMerge: false,
      disableContactTimezone: false,
    },
  };

  USER_SEED.forEach(([firstName, lastName, role], i) => {
    const user: User = {
      id: prng.id(),
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}@pilatesstudio-berlin.example`,
      phone: `+49151${String(20000000 + i * 1111111)}`,
      extension: '',
      permissions: userPermissions(role !== 'user'),
      roles: { type: 'account', role: role === 'owner' ? 'admin' : role, locationIds: [locationId], restrictSubAccount: false },
      deleted: false,
      platformLanguage: i === 4 ? 'en_US' : 'de',
    };
    state.users.set(user.id, user);
  });

  for (const name of TAG_NAMES) {
    const id = prng.id();
    state.tags.set(id, { id, name, locationId });
  }

  CUSTOM_FIELD_SEED.forEach((seed, position) => {
    const model = seed.model ?? 'contact';
    const field: CustomField = {
      id: prng.id(),
      name: seed.name,
      fieldKey: `${model}.${seed.key}`,
      placeholder: seed.dataType === 'EMAIL' ? 'name@example.com' : '',
      dataType: seed.dataType,
      position: position * 50,
      picklistOptions: seed.options ?? [],
      picklistImageOptions: [],
      isAllowedCustomOption: false,
      isMultiFileAllowed: false,
      maxFileLimit: seed.dataType === 'FILE_UPLOAD' ? 1 : 0,
      locationId,
      model,
    };
    state.customFields.set(field.id, field);
  });

  const users = [...state.users.values()];
  const groupId = prng.id();
  const weekdays9to5 = [
    { daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] },
  ];
  const calendarSeed: [string, Calendar['calendarType'], number, User[]][] = [
    ['Intro Session', 'event', 30, users.slice(0, 1)],
    ['Private Reformer Session', 'round_robin', 60, users.slice(1, 4)],
    ['Mat Group Class', 'class_booking', 45, users.slice(2, 3)],
  ];
  for (const [name, calendarType, minutes, members] of calendarSeed) {
    const slug = name.toLowerCase().replace(/\s+/g, '-');
    const calendar: Calendar = {
      id: prng.id(),
      locationId,
      groupId,
      name,
      description: `${name} at Pilates Studio Berlin`,
      slug,
      widgetSlug: slug,
      calendarType,
      ...(calendarType === 'round_robin' ? { eventType: 'RoundRobin_OptimizeForAvailability' as const } : {}),
      eventTitle: `${name} with {{contact.name}}`,
      eventColor: '#039be5',
      isActive: true,
      teamMembers: members.map((u, i) => ({ userId: u.id, priority: 0.5, isPrimary: i === 0, meetingLocationType: 'address' })),
      slotDuration: minutes,
      slotDurationUnit: 'mins',
      slotInterval: 30,
      slotIntervalUnit: 'mins',
      slotBuffer: 0,
      slotBufferUnit: 'mins',
      appoinmentPerSlot: calendarType === 'class_booking' ? 8 : 1,
      appoinmentPerDay: 0,
      allowBookingAfter: 0,
      allowBookingAfterUnit: 'hours',
      allowBookingFor: 90,
      allowBookingForUnit: 'days',
      openHours: weekdays9to5,
      autoConfirm: true,
      allowReschedule: true,
      allowCancellation: true,
    };
    state.calendars.set(calendar.id, calendar);
  }

  BUSINESS_NAMES.forEach((name, i) => {
    const created = DateTime.fromJSDate(state.now()).minus({ days: 30 + i * 20 });
    const id = prng.hexId();
    state.businesses.set(id, {
      id,
      name,
      phone: `+4930${prng.digits(8)}`,
      email: `info@${ascii(name)}.example`,
      website: `https://${ascii(name)}.example`,
      address: `${prng.pick(['Torstraße', 'Kastanienallee', 'Oranienstraße', 'Karl-Marx-Allee'])} ${prng.int(1, 180)}`,
      city: 'Berlin',
      state: 'Berlin',
      postalCode: String(prng.int(10115, 14199)),
      country: 'DE',
      description: `${name}, Berlin`,
      locationId,
      createdBy: { source: 'WEB_USER', sourceId: users[0]?.id ?? '' },
      updatedBy: { source: 'WEB_USER', sourceId: users[0]?.id ?? '' },
      createdAt: created.toUTC().toISO() ?? '',
      updatedAt: created.plus({ days: i }).toUTC().toISO() ?? '',
    });
  });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `new Date(ms).toISOString()` without the Date object: the seeding hot spot for tens of thousands of contacts.
 * Civil-from-days after H. Hinnant's public-domain algorithm.
 */
export function isoFromMs(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const msOfDay = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(msOfDay / 3_600_000);
  const m = Math.floor((msOfDay % 3_600_000) / 60_000);
  const sec = Math.floor((msOfDay % 60_000) / 1000);
  const milli = msOfDay % 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}.${pad(milli, 3)}Z`;
}

/** Adds `n` contacts quickly (no per-contact validation; emails and phones unique via a running sequence). */
export function seedContacts(state: SandboxState, prng: Prng, n: number): Contact[] {
  const nowMs = state.now().getTime();
  const yearMs = 365 * 24 * 3600 * 1000;
  const tagNames = [...state.tags.values()].map((t) => t.name);
  const userIds = [...state.users.keys()];
  const businesses = [...state.businesses.values()];
  const sizeField = [...state.customFields.values()].find((f) => f.fieldKey === 'contact.t_shirt_size');
  const countField = [...state.customFields.values()].find((f) => f.fieldKey === 'contact.classes_attended');
  const created: Contact[] = [];
  for (let i = 0; i < n; i++) {
    const seq = ++state.seedSequence;
    const firstName = prng.pick(FIRST_NAMES);
    const lastName = prng.pick(LAST_NAMES);
    const added = nowMs - Math.floor(prng.next() * yearMs);
    const updated = prng.chance(0.3) ? added : added + Math.floor(prng.next() * (nowMs - added));
    // 48271 is coprime with 10^8, so this walks every 8-digit number once before repeating.
    const local = String((seq * 48271) % 100_000_000).padStart(8, '0');
    const phone = prng.chance(0.85)
      ? prng.chance(0.8)
        ? `+49${prng.pick(['151', '160', '170', '176'])}${local}`
        : `+1${prng.pick(['212', '347', '646', '718'])}${local.slice(1)}`
      : undefined;
    const email = prng.chance(0.95)
      ? `${ascii(firstName)}.${ascii(lastName)}${seq}@${prng.pick(EMAIL_DOMAINS)}`
      : undefined;
    const business = prng.chance(0.15) ? prng.pick(businesses) : undefined;
    const customFields = [];
    if (sizeField && prng.chance(0.3)) customFields.push({ id: sizeField.id, value: prng.pick(sizeField.picklistOptions) });
    if (countField && prng.chance(0.3)) customFields.push({ id: countField.id, value: prng.int(1, 120) });
    // Plain assignments rather than conditional spreads: this loop must stay fast for tens of thousands.
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
      tags: prng.sample(tagNames, prng.int(0, 3)),
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
    if (prng.chance(0.4)) contact.assignedTo = prng.pick(userIds);
    state.contacts.set(contact.id, contact);
    created.push(contact);
  }
  return created;
}

/** A few tasks, notes and appointments on the first seeded contacts. */
export function seedActivity(state: SandboxState, prng: Prng, contacts: readonly Contact[]): void {
  const userIds = [...state.users.keys()];
  const now = DateTime.fromJSDate(state.now()).setZone(state.location.timezone);
  const targets = contacts.slice(0, 8);
  targets.forEach((contact, i) => {
    for (let t = 0; t < 2; t++) {
      const id = prng.id();
      const added = DateTime.fromISO(contact.dateAdded).plus({ hours: 1 + t });
      state.tasks.set(id, {
        id,
        contactId: contact.id,
        title: t === 0 ? 'Call about intro offer' : 'Send class schedule',
        body: t === 0 ? `Follow up with ${contact.firstName ?? 'the client'} about the intro offer.` : 'Email the new timetable.',
        assignedTo: prng.pick(userIds),
        dueDate: now.plus({ days: i - 2 + t * 3 }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO() ?? '',
        completed: (i + t) % 3 === 0,
        dateAdded: added.toUTC().toISO() ?? '',
        dateUpdated: added.toUTC().toISO() ?? '',
      });
    }
    const noteId = prng.id();
    state.notes.set(noteId, {
      id: noteId,
      contactId: contact.id,
      body: prng.pick(['Prefers evening classes.', 'Mild lower back pain; avoid deep flexion.', 'Asked about prenatal classes.']),
      userId: prng.pick(userIds),
      dateAdded: DateTime.fromISO(contact.dateAdded).plus({ minutes: 30 }).toUTC().toISO() ?? '',
    });
  });

  const calendar = [...state.calendars.values()][0];
  if (!calendar) return;
  // Weekday 10:00 slots in the location timezone, some past, some upcoming.
  targets.slice(0, 5).forEach((contact, i) => {
    let day = now.plus({ days: i * 3 - 4 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    while (day.weekday > 5) day = day.plus({ days: 1 });
    const start = day;
    const end = start.plus({ minutes: calendar.slotDuration });
    const id = prng.id();
    const added = start.minus({ days: 5 }).toUTC().toISO() ?? '';
    const assignedUserId = calendar.teamMembers[0]?.userId ?? '';
    state.appointments.set(id, {
      id,
      calendarId: calendar.id,
      locationId: state.location.id,
      contactId: contact.id,
      groupId: calendar.groupId,
      title: `Intro Session with ${contact.name ?? 'client'}`,
      appointmentStatus: i === 0 ? 'showed' : 'confirmed',
      assignedUserId,
      users: [assignedUserId],
      address: state.location.address,
      meetingLocationType: 'address',
      startTime: start.toISO({ suppressMilliseconds: true }) ?? '',
      endTime: end.toISO({ suppressMilliseconds: true }) ?? '',
      dateAdded: added,
      dateUpdated: added,
      isRecurring: false,
      assignedResources: [],
      createdBy: { userId: assignedUserId, source: 'booking_widget' },
    });
  });
}
