import { Prng } from './prng';
import { SearchIndex } from './search_index';
import { AutomationStore, SalesStore, uuidFrom } from './sales_model/store';
import type { Variety } from './variety';
import { varietyFor } from './variety';
import type { Appointment, Business, Calendar, Contact, CustomField, Location, LocationTag, Note, Task, User } from './types';

/**
 * The sandbox's in-memory store. Tests may read and write these maps directly; routes look everything up on each
 * request (no secondary indexes), so direct edits are always seen.
 */
export class SandboxState {
  location!: Location;
  readonly users = new Map<string, User>();
  readonly calendars = new Map<string, Calendar>();
  readonly tags = new Map<string, LocationTag>();
  readonly customFields = new Map<string, CustomField>();
  readonly businesses = new Map<string, Business>();
  readonly contacts = new Map<string, Contact>();
  readonly tasks = new Map<string, Task>();
  readonly notes = new Map<string, Note>();
  readonly appointments = new Map<string, Appointment>();
  /** Pipelines, opportunities, lost reasons; workflows, campaigns, forms (sandbox/sales_model/). */
  readonly sales = new SalesStore();
  readonly automation = new AutomationStore();

  /** Ids for objects created through the API; a separate stream so API traffic never shifts the seed data. */
  private readonly idStream = new Prng(0x5eed_1d5);
  /** Running number used to keep seeded emails and phones unique across `seedContacts` calls. */
  seedSequence = 0;
  /** What contact search sees (it lags API writes; `startSandbox` sets the lag). */
  readonly searchIndex: SearchIndex;
  /**
   * The order of the location task search, which HighLevel does not document (docs/highlevel-api.md §14.4): oldest
   * first, or a fixed shuffle (by a hash of the task id and `taskOrderSalt`). Never newest first.
   */
  taskOrder: 'oldest-first' | 'shuffled' = 'oldest-first';
  taskOrderSalt = 0;
  /** The answer shapes of this sandbox where HighLevel's vary (sandbox/variety.ts); `startSandbox` sets them by seed. */
  variety: Variety = varietyFor(0);

  constructor(readonly now: () => Date) {
    this.searchIndex = new SearchIndex(now, 0);
  }

  get locationId(): string {
    return this.location.id;
  }

  newId(): string {
    return this.idStream.id();
  }

  /** A UUID-shaped id for objects HighLevel gives UUIDs (form submissions, workflow enrolments). */
  newUuid(): string {
    return uuidFrom(`${this.idStream.hexId()}${this.idStream.hexId()}`);
  }

  /** ISO-8601 UTC with milliseconds, the contact/note/task timestamp format (docs/highlevel-api.md §1 Timestamps). */
  isoNow(): string {
    return this.now().toISOString();
  }

  contactsOfLocation(): Contact[] {
    const out: Contact[] = [];
    for (const c of this.contacts.values()) if (c.locationId === this.location.id) out.push(c);
    return out;
  }

  findContactByEmail(email: string): Contact | undefined {
    const needle = email.trim().toLowerCase();
    for (const c of this.contacts.values()) {
      if (c.emailLowerCase === needle) return c;
    }
    return undefined;
  }

  findContactByPhone(e164: string): Contact | undefined {
    for (const c of this.contacts.values()) {
      if (c.phone === e164) return c;
    }
    return undefined;
  }

  findTagByName(name: string): LocationTag | undefined {
    const needle = name.trim().toLowerCase();
    for (const t of this.tags.values()) if (t.name.toLowerCase() === needle) return t;
    return undefined;
  }

  /**
   * docs/highlevel-api.md §6.4: tag names used on a contact that are not location tags yet get created in the location
   * list.
   */
  ensureLocationTags(names: readonly string[]): void {
    for (const name of names) {
      if (!this.findTagByName(name)) {
        const id = this.newId();
        this.tags.set(id, { id, name, locationId: this.location.id });
      }
    }
  }

  /**
   * Marks a contact changed through the API: bumps `dateUpdated` (never backwards; also when nothing else changed,
   * the least convenient reading for a poller) and queues the new version for search. `before` is a copy taken
   * before the write.
   */
  touchContact(contact: Contact, before?: Contact): void {
    const now = this.isoNow();
    contact.dateUpdated = now > contact.dateUpdated ? now : new Date(Date.parse(contact.dateUpdated) + 1).toISOString();
    this.searchIndex.written(contact.id, before, contact);
  }

  /** A contact created through the API: search shows it only after the lag. */
  contactCreated(contact: Contact): void {
    this.contacts.set(contact.id, contact);
    this.searchIndex.written(contact.id, undefined, contact);
  }

  /** A contact deleted through the API: search still shows it until the lag has passed. */
  contactDeleted(contact: Contact): void {
    this.contacts.delete(contact.id);
    this.searchIndex.written(contact.id, contact, null);
  }

  /** The contacts as contact search sees them now (docs/highlevel-api.md §14.10). */
  searchableContacts(): Contact[] {
    return this.searchIndex.view(this.contacts);
  }
}
