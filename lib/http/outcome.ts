/**
 * What a failed request means for a write, and what the user is told. A replay of a step is only harmless when the
 * step knows whether its earlier attempt wrote; so every failure of a write is one of:
 * - `unsent`: HighLevel did not do it (refused with a 4xx or 429, never reached, or not started): replaying is safe;
 * - `unknown`: the request went out and no answer came back (connection broken, timeout, 5xx): it may have happened;
 * - `written`: HighLevel answered 2xx, but with a body the app cannot read: it happened.
 * The message then says that, and what a replay of the step does (`ReplayMode`).
 */
export type WriteOutcome = 'unsent' | 'unknown' | 'written';

/**
 * What replaying the step does after an `unknown` or `written` outcome:
 * - `finds`: the step recorded its attempt and first looks for what that attempt wrote (lib/http/replay.ts);
 * - `repeats`: the write is idempotent (an update, an upsert, adding or removing tags): doing it again changes nothing more;
 * - `check`: neither; the user should look in HighLevel first.
 */
export type ReplayMode = 'finds' | 'repeats' | 'check';

const outcomes = new WeakMap<object, WriteOutcome>();

/** Marks an error thrown by a write with what it means. */
export const withOutcome = <E extends Error>(error: E, outcome: WriteOutcome): E => {
  outcomes.set(error, outcome);
  return error;
};

/** What a write's error means; undefined for errors that did not come from a write's request. */
export const outcomeOf = (error: unknown): WriteOutcome | undefined => (typeof error === 'object' && error !== null ? outcomes.get(error) : undefined);

/** "creating the note" → "the note"; "adding tags to the contact" → "tags to the contact". */
export const objectOf = (action: string): string => action.replace(/^\w+ing\s+/, '');

const PAST: Record<string, string> = {
  creating: 'created',
  updating: 'updated',
  deleting: 'deleted',
  adding: 'added',
  removing: 'removed',
  booking: 'booked',
  changing: 'changed',
  'creating or updating': 'created or updated',
};

const gerundOf = (action: string): string | undefined =>
  Object.keys(PAST)
    .sort((a, b) => b.length - a.length)
    .find((v) => action.startsWith(`${v} `));

/** "creating the note" → "created". */
export const pastVerb = (action: string): string => PAST[gerundOf(action) ?? ''] ?? 'done';

/** "creating the note" → "created the note". */
export const pastOf = (action: string): string => {
  const gerund = gerundOf(action);
  return gerund ? `${PAST[gerund]} ${action.slice(gerund.length + 1)}` : `did ${action}`;
};

/** The sentence that says what a replay of the step does, after a write that may have happened. */
export const replaySentence = (mode: ReplayMode, action: string, outcome: Exclude<WriteOutcome, 'unsent'>): string => {
  const thing = objectOf(action);
  switch (mode) {
    case 'finds':
      return outcome === 'written'
        ? `Replaying this step is safe: it finds ${thing} this attempt ${pastVerb(action)} and returns it, without writing it again.`
        : `Replaying this step is safe: it first looks for ${thing} this attempt may have ${pastVerb(action)} and returns it instead of writing a second one.`;
    case 'repeats':
      return 'Replaying this step is safe: it sends the same change again, and the record ends up the same.';
    default:
      return outcome === 'written'
        ? `Check ${thing} in HighLevel before you replay this step: a replay would do it a second time.`
        : `Check in HighLevel whether it happened before you replay this step: a replay may do it a second time.`;
  }
};

/**
 * The shape of an answer, without its values (answers carry contact data): `{"contact":{"id":number}}`,
 * `{"task":{}}`. Three levels deep, at most 160 characters.
 */
export const shapeOf = (value: unknown, depth = 3): string => {
  const out = ((): string => {
    if (value === null) return 'null';
    if (Array.isArray(value))
      return value.length === 0 ? '[]' : depth <= 0 ? `[${value.length} items]` : `[${shapeOf(value[0], depth - 1)}${value.length > 1 ? ', …' : ''}]`;
    if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) return '{}';
      if (depth <= 0) return '{…}';
      return `{${entries
        .slice(0, 8)
        .map(([key, item]) => `${JSON.stringify(key.slice(0, 40))}:${shapeOf(item, depth - 1)}`)
        .join(',')}${entries.length > 8 ? ',…' : ''}}`;
    }
    return typeof value;
  })();
  return out.length > 160 ? `${out.slice(0, 159)}…` : out;
};
