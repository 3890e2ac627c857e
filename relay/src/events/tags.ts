import { normalizeTag } from './kinds';

/**
 * ContactTagUpdate carries the contact's whole tag list, not what changed. The relay keeps the last list it saw per
 * contact (relay_tag_snapshots) and diffs against it.
 *
 * - ContactCreate: a new contact had no tags before, so every tag it carries is "added" (diffed against an empty
 *   list, or the snapshot if one exists, e.g. when HighLevel sends the create after an update).
 * - ContactUpdate and ContactTagUpdate: diffed against the snapshot. HighLevel's docs do not say whether a tag change
 *   sends both an update and a tag update, or in which order; diffing both makes the first one to arrive announce the
 *   change and the second find nothing new, so a change is announced once whichever comes first.
 * - No snapshot yet (the relay first hears of an existing contact): the list becomes the baseline and nothing is
 *   announced, because what changed cannot be known. The next change is announced.
 * - A body older than the snapshot (HighLevel's `timestamp`; a late retry): neither diffed nor stored, so an old list
 *   cannot undo a newer one; its changes were already announced by the newer body.
 */
export interface TagDiff {
  added: string[];
  removed: string[];
}

export interface SnapshotState {
  tags: string[];
  eventTime: Date;
}

export interface TagStep {
  diff: TagDiff | undefined;
  /** The snapshot to store, or undefined to leave it as it is. */
  store: SnapshotState | undefined;
}

/** The body's tag list, or undefined when it carries none (then the snapshot is left alone). */
export function bodyTags(body: Record<string, unknown>): string[] | undefined {
  const tags = body.tags;
  if (!Array.isArray(tags)) return undefined;
  return tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
}

function uniqueByNormal(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const n = normalizeTag(t);
    if (seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}

export function diffTags(previous: string[], current: string[]): TagDiff {
  const before = new Set(previous.map(normalizeTag));
  const after = new Set(current.map(normalizeTag));
  return {
    added: uniqueByNormal(current.filter((t) => !before.has(normalizeTag(t)))),
    removed: uniqueByNormal(previous.filter((t) => !after.has(normalizeTag(t)))),
  };
}

export function tagStep(type: string, tags: string[], eventTime: Date, snapshot: SnapshotState | undefined): TagStep {
  if (snapshot && eventTime.getTime() < snapshot.eventTime.getTime()) return { diff: undefined, store: undefined };
  const next = { tags: uniqueByNormal(tags), eventTime };
  if (!snapshot) {
    return { diff: type === 'ContactCreate' ? diffTags([], tags) : undefined, store: next };
  }
  return { diff: diffTags(snapshot.tags, tags), store: next };
}
