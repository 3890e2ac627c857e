/**
 * What PostgreSQL can store, checked before anything is sent to it, so one odd value is refused on its own (a 4xx at
 * ingest) or made storable (routing copies in the fan-out) instead of failing the statement that carries it and
 * every other row with it.
 *
 * - `text` refuses U+0000 (22021 "invalid byte sequence for encoding UTF8: 0x00"); a lone surrogate (half of an
 *   emoji cut in two) is silently stored as U+FFFD, so the value read back is not the value written.
 * - `jsonb` refuses both: `\u0000` (22P05 "unsupported Unicode escape sequence") and an unpaired `\ud83d` (22P02).
 *   Every batched statement here passes its rows as one jsonb parameter, so one such value fails the whole batch.
 * - A btree index entry is at most 2704 bytes (54000): an id indexed for dedupe or lookup must stay well under it.
 *
 * The raw webhook body is stored as the text it arrived as: JSON's escapes (`\u0000`, `\ud83d`) are six plain
 * characters there, so the payload is kept and delivered byte for byte whatever its strings hold (ingest refuses a
 * body that is not valid UTF-8 instead, since it could not be kept byte for byte as text).
 */

/** HighLevel's ids are 20–36 characters; anything near the index limit is not one of them. */
export const MAX_ID_BYTES = 256;

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export type IdProblem = 'id_unstorable' | 'id_too_long';

/** Why an id cannot be stored exactly as given, or undefined when it can. */
export function idProblem(value: string): IdProblem | undefined {
  if (hasUnstorableText(value)) return 'id_unstorable';
  if (Buffer.byteLength(value, 'utf8') > MAX_ID_BYTES) return 'id_too_long';
  return undefined;
}

/** True when the text holds something neither `text` nor `jsonb` keeps as is. */
export function hasUnstorableText(value: string): boolean {
  return value.includes(NUL) || LONE_SURROGATE.test(value);
}

/**
 * A copy PostgreSQL can store: U+0000 and lone surrogates become U+FFFD (what text would silently make of a lone
 * surrogate anyway). For values the relay derives from a body for its own routing (tags in the snapshot and the
 * delivery's `tags` field); the payload itself is never touched.
 */
export function storableText(value: string): string {
  return hasUnstorableText(value) ? value.replaceAll(NUL, '\ufffd').replace(LONE_SURROGATES, '\ufffd') : value;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as text, or undefined when it is not valid UTF-8 (RFC 8259 §8.1 requires it of JSON on the wire). */
export function decodeUtf8(raw: Buffer): string | undefined {
  try {
    return utf8.decode(raw);
  } catch {
    return undefined;
  }
}
