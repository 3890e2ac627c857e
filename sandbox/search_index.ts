import type { Contact } from './types';

/**
 * What `POST /contacts/search` (and the deprecated `GET /contacts/`) see: the contacts as they were `lagMs` ago.
 * HighLevel's search is reported to lag writes by an unstated time (docs/highlevel-api.md §11.15, §14.10); the
 * least convenient reading is that a search shows the OLD version of a contact just changed, no trace of a contact
 * just created, and a contact just deleted still. Writes through the API go through `written()`; direct edits of
 * `sandbox.state` (tests, seeding) are visible at once, as soon as no API write of that contact is still pending.
 */
interface Version {
  visibleAt: number;
  /** null: the contact does not exist in this version (not yet created, or deleted). */
  contact: Contact | null;
}

export class SearchIndex {
  private readonly pending = new Map<string, Version[]>();

  constructor(
    private readonly now: () => Date,
    public lagMs: number,
  ) {}

  /** An API write: `before` is the contact as it was (undefined when just created), `after` as it is now (null: deleted). */
  written(id: string, before: Contact | undefined, after: Contact | null): void {
    if (this.lagMs <= 0) return;
    let versions = this.pending.get(id);
    if (!versions) {
      versions = [{ visibleAt: -Infinity, contact: before ? structuredClone(before) : null }];
      this.pending.set(id, versions);
    }
    versions.push({ visibleAt: this.now().getTime() + this.lagMs, contact: after ? structuredClone(after) : null });
  }

  /** Every write so far becomes visible now (what a wait of `lagMs` would do). */
  catchUp(): void {
    this.pending.clear();
  }

  /** The contacts a search sees now, given the live store. */
  view(live: ReadonlyMap<string, Contact>): Contact[] {
    const now = this.now().getTime();
    const out: Contact[] = [];
    for (const [id, versions] of this.pending) {
      const shown = versions.filter((v) => v.visibleAt <= now).length;
      if (shown === versions.length) {
        // Every write is visible: the live contact is what search shows again.
        this.pending.delete(id);
        continue;
      }
      versions.splice(0, shown - 1);
      const latest = versions[0]?.contact;
      if (latest) out.push(latest);
    }
    for (const [id, contact] of live) if (!this.pending.has(id)) out.push(contact);
    return out;
  }
}
