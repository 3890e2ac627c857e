/**
 * The shapes HighLevel is known to answer in where its answers differ from one report to the next
 * (docs/highlevel-api.md §14). Each is one reading per sandbox, chosen by the seed (deterministic, independent of the
 * seed data's PRNG stream, so the seed data stays the same), so some seeds give one reading and some the other; an app
 * that is right under every reading passes under every seed. `SandboxOptions.variety` pins any of them.
 */
export interface Variety {
  /**
   * Contact search items (and the other contact lists: by business, the deprecated `GET /contacts/`).
   * `thin`: the fields of the spec's nearest schema and §6.1: no `firstName`/`lastName` (only the lower-cased copies),
   * no `contactName`, no DND settings, `dateOfBirth` as stored [contacts.json `search-contacts-advanced`,
   * `ContactsSearchSchema`]. `full`: the ~35 fields of the live check in issue #314 (§14.1): names, `contactName`,
   * `dndSettings`, `inboundDndSettings`, `dateOfBirth` as epoch ms.
   */
  searchItems: 'thin' | 'full';
  /** The street in search items: `address` (issue #314, §14.1) or `address1` (the key of every other answer). */
  searchStreetKey: 'address' | 'address1';
  /**
   * Names in full contacts (`get-contact`, create, update, upsert) and full search items. `plain`: `firstName` /
   * `lastName` as written [contacts.json `GetContectByIdSchema`]. `raw`: `firstNameRaw` / `lastNameRaw` as written,
   * `firstName` / `lastName` lower-cased beside them (§14.1: public clients read `firstNameRaw || firstName`; the shape
   * of test/fixtures/contact_search_raw_names.json).
   */
  names: 'plain' | 'raw';
  /**
   * Times of `GET /contacts/{id}/appointments`. `offset`: ISO with the location's offset, like the calendar routes
   * [calendars.json `CalendarEventDTO`]. `zoneless`: `"2021-07-16 11:00:00"`, the location's wall-clock time with no
   * zone, for `startTime`, `endTime`, `dateAdded` and `dateUpdated` [contacts.json `get-appointments-for-contact`,
   * `GetEventSchema` examples; §14.2].
   */
  contactAppointmentTimes: 'offset' | 'zoneless';
  /**
   * `additionalPhones` of a contact: `strings` (E.164 strings) or `objects` (`{phone, phoneLabel}`, the form issue 15
   * of this project reports from HighLevel; no spec declares the key, so its shape is unsourced upstream).
   */
  additionalPhones: 'strings' | 'objects';
  /**
   * Fields the full contact may carry beyond what was written. `bare`: only what the contact has. `extra`:
   * `attributionSource` and `lastAttributionSource` [contacts.json `GetContectByIdSchema`, `AttributionSource`],
   * `dndSettings` with every channel even when none was set [same schema, `DndSettingsSchema`], and `createdBy`
   * (issue 15; the contact shape is undocumented, so it borrows `{source, sourceId}` from businesses.json
   * `BusinessDto`).
   */
  contactExtras: 'bare' | 'extra';
  /**
   * The TaskCreate webhook body. `documented`: `contactId` and `body` as TaskCreate.md lists them. `thin`: without
   * both, as real TaskCreate events arrive [issue #332; docs/highlevel-api.md §9.2], so a receiver must read the task
   * to have them.
   */
  taskCreateEvent: 'documented' | 'thin';
  /**
   * HighLevel's whole name beside the parts. `kept`: `contactName` of full search items in the case written, contact
   * webhook bodies with `name` [ContactCreate.md]. `lower`: `contactName` lower-cased beside real-case parts in full
   * search items, and contact webhook bodies with that lower-cased `contactName` in place of `name`, as recorded
   * search answers and webhook test events carry it (`"contactName": "john doe"` beside `"firstName": "John"`: issue 21
   * of this project; docs/highlevel-api.md §14.1).
   */
  contactNameCase: 'kept' | 'lower';
}

export type VarietyKey = keyof Variety;

/** Every reading of every variety, first the one closest to the specs. */
export const VARIETY_READINGS: { readonly [K in VarietyKey]: readonly [Variety[K], Variety[K]] } = {
  searchItems: ['thin', 'full'],
  searchStreetKey: ['address1', 'address'],
  names: ['plain', 'raw'],
  contactAppointmentTimes: ['offset', 'zoneless'],
  additionalPhones: ['strings', 'objects'],
  contactExtras: ['bare', 'extra'],
  taskCreateEvent: ['documented', 'thin'],
  contactNameCase: ['kept', 'lower'],
};

/** One well-mixed bit per (seed, key): a 32-bit integer hash (murmur3's finaliser) of the seed and the key's index. */
function bit(seed: number, index: number): 0 | 1 {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h & 1) as 0 | 1;
}

/** The readings a seed gives, with any pinned ones. */
export function varietyFor(seed: number, pinned: Partial<Variety> = {}): Variety {
  const pick = <K extends VarietyKey>(key: K, index: number): Variety[K] => pinned[key] ?? VARIETY_READINGS[key][bit(seed, index)];
  return {
    searchItems: pick('searchItems', 0),
    searchStreetKey: pick('searchStreetKey', 1),
    names: pick('names', 2),
    contactAppointmentTimes: pick('contactAppointmentTimes', 3),
    additionalPhones: pick('additionalPhones', 4),
    contactExtras: pick('contactExtras', 5),
    taskCreateEvent: pick('taskCreateEvent', 6),
    // Index 10, not 7: indexes 7 to 9 give one reading under both VARIETY_SEEDS (sandbox/index.ts).
    contactNameCase: pick('contactNameCase', 10),
  };
}
