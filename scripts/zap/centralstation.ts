import type { ZapierRuntime } from './runtime';

/**
 * A CentralStationCRM account in memory, the other side of the two-way zaps (../shared/partner-apps.md §2): people
 * in the REST shape (`first_name`, `name` = surname, `emails`, `tels`, `addrs`, `historic_events`, `custom_fields`),
 * and its "Updated Person" polling trigger (`order=update-desc`, deduped on `<id>:<updated_at>`). We have no account,
 * so where its behaviour is not documented this takes the reading that makes a sync loop most likely: every write
 * bumps `updated_at`, also one that changes nothing, so its trigger fires for every write the other zap makes.
 */
export interface Person {
  id: number;
  first_name: string;
  name: string;
  emails: { name: string; primary: boolean }[];
  tels: { name: string; atype: string }[];
  addrs: { street: string; zip: string; city: string; country_code: string; primary: boolean }[];
  historic_events: { atype: 'birthday'; name: string }[];
  custom_fields: { custom_fields_type_name: string; name: string }[];
  tags: { name: string }[];
  updated_at: string;
}

type Rec = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

export class CentralStation {
  readonly people = new Map<number, Person>();
  private readonly seen = new Set<string>();
  private nextId = 30016185;
  private tick = 0;
  writes = 0;

  /** updated_at: strictly later on every write. */
  private stamp(): string {
    this.tick += 1;
    return new Date(Date.now() + this.tick).toISOString();
  }

  create(person: Omit<Person, 'id' | 'updated_at'>): Person {
    const stored = { ...structuredClone(person), id: this.nextId++, updated_at: this.stamp() };
    this.people.set(stored.id, stored);
    this.writes += 1;
    return stored;
  }

  update(id: number, patch: Partial<Omit<Person, 'id' | 'updated_at'>>): Person {
    const person = this.people.get(id);
    if (!person) throw new Error(`CentralStationCRM has no person ${id}`);
    Object.assign(person, structuredClone(patch), { updated_at: this.stamp() });
    this.writes += 1;
    return person;
  }

  /** `GET /people/search?email=`: the person with this e-mail address. */
  findByEmail(email: string): Person | undefined {
    return [...this.people.values()].find((p) => p.emails.some((e) => e.name.toLowerCase() === email.toLowerCase()));
  }

  /** One poll of "Updated Person": people changed since the ids Zapier has seen; the first poll only seeds. */
  pollUpdated(first = false): Person[] {
    const all = [...this.people.values()].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    const fresh = all.filter((p) => !this.seen.has(`${p.id}:${p.updated_at}`));
    for (const p of all) this.seen.add(`${p.id}:${p.updated_at}`);
    return first ? [] : fresh.map((p) => structuredClone(p));
  }
}

/** Zap A's mapping, CentralStationCRM person → HighLevel "Create or Update Contact" (docs/partner-zaps.md). */
export const personToContact = (p: Person): Rec => {
  const tel = p.tels.find((t) => t.atype === 'mobile') ?? p.tels[0];
  const addr = p.addrs.find((a) => a.primary) ?? p.addrs[0];
  return {
    email: p.emails.find((e) => e.primary)?.name ?? p.emails[0]?.name,
    firstName: p.first_name,
    lastName: p.name,
    phone: tel?.name,
    // The country of the address, not person.country_code (the person's language).
    phoneCountry: addr?.country_code,
    address1: addr?.street,
    postalCode: addr?.zip,
    city: addr?.city,
    country: addr?.country_code,
    dateOfBirth: p.historic_events.find((e) => e.atype === 'birthday')?.name,
    source: 'CentralStationCRM',
  };
};

/**
 * A person flattened the way a zap maps it (one e-mail, one mobile number, one address, the birthday): what the
 * scripted steps write. Zap A's mapping for it is `personToContact`'s, through the REST shape.
 */
export interface FlatPerson {
  first_name: string;
  name: string;
  email: string;
  tel: string;
  country_code: string;
  street: string;
  zip: string;
  city: string;
  birthday: string;
}

/** The REST shape of a flat person (no id, no update time: CentralStationCRM assigns them). */
export const restPerson = (p: FlatPerson): Omit<Person, 'id' | 'updated_at'> => ({
  first_name: p.first_name,
  name: p.name,
  emails: [{ name: p.email, primary: true }],
  tels: [{ name: p.tel, atype: 'mobile' }],
  addrs: [{ street: p.street, zip: p.zip, city: p.city, country_code: p.country_code, primary: true }],
  historic_events: [{ atype: 'birthday', name: p.birthday }],
  custom_fields: [],
  tags: [],
});

/** Zap A's "Create or Update Contact" input for a flat person. */
export const flatPersonToContact = (p: FlatPerson): Rec => personToContact({ ...restPerson(p), id: 0, updated_at: '' });

/**
 * Zap B's mapping, HighLevel "New or Updated Contact" → CentralStationCRM "Update Person": the same fields back, in
 * the form HighLevel returns them (phone in E.164, country as ISO code, birthday as YYYY-MM-DD), and the HighLevel
 * Contact ID into the custom field `ghl_contact_id`. Tags are not mapped back (HighLevel lower-cases them).
 */
export const contactToPerson = (c: Rec): Partial<Person> => ({
  first_name: str(c.firstName),
  name: str(c.lastName),
  tels: c.phone ? [{ name: str(c.phone), atype: 'mobile' }] : [],
  addrs: [{ street: str(c.address1), zip: str(c.postalCode), city: str(c.city), country_code: str(c.country), primary: true }],
  historic_events: c.dateOfBirth ? [{ atype: 'birthday', name: str(c.dateOfBirth).slice(0, 10) }] : [],
  custom_fields: [{ custom_fields_type_name: 'ghl_contact_id', name: str(c.contactId) }],
});

export interface RoundTrip {
  /** Per round: [CentralStationCRM → HighLevel runs, HighLevel → CentralStationCRM runs]. */
  rounds: [number, number][];
  settled: boolean;
}

/**
 * Runs both zaps, poll after poll, until neither fires (or `maxRounds`): zap A upserts each updated person into
 * HighLevel; zap B finds the person by e-mail and writes the contact back (a contact with no person stops at the
 * find step, as a Zap's "Find Person" step without a result does). `settle` waits for HighLevel's search to show
 * the writes before zap B polls.
 */
export const runTwoWay = async (
  runtime: ZapierRuntime,
  crm: CentralStation,
  { zap, settle, maxRounds = 5 }: { zap: string; settle: () => Promise<void>; maxRounds?: number },
): Promise<RoundTrip> => {
  const rounds: [number, number][] = [];
  for (let round = 0; round < maxRounds; round++) {
    const updated = crm.pollUpdated();
    for (const person of updated) await runtime.create('contact_upsert', personToContact(person));
    await settle();
    const changes = await runtime.poll<Rec>('contact_updated', {}, { zap });
    let written = 0;
    for (const change of changes) {
      const person = crm.findByEmail(str(change.email));
      if (!person) continue;
      crm.update(person.id, contactToPerson(change));
      written += 1;
    }
    rounds.push([updated.length, written]);
    if (updated.length === 0 && written === 0) return { rounds, settled: true };
  }
  return { rounds, settled: false };
};
