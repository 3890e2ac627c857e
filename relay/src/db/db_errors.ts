/**
 * Which database errors are about the database (away, restarting, overloaded: try again later) and which are about
 * the data (this row can never be stored: set it aside, do not retry it forever). The relay's promise depends on
 * telling them apart: a webhook whose insert failed for the first kind is answered 429 so HighLevel sends it again;
 * only a row the database refuses on its own, for its content, is refused with a 4xx.
 */

/** SQLSTATE classes that mean "this value cannot be stored" (PostgreSQL Appendix A). */
const DATA_CLASSES = new Set(['22', '23', '54']);

export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * A data error: the statement failed because of a value it carried (22xxx data exception, e.g. 22P05 "unsupported
 * Unicode escape sequence" or 22021 NUL in text; 23xxx integrity; 54xxx program limit, e.g. 54000 "index row size
 * exceeds btree maximum"). Retrying the same values fails the same way.
 */
export function isDataError(err: unknown): boolean {
  const state = sqlState(err);
  // 23503: a row pointed at (a subscription) was deleted by another transaction meanwhile: a race, not the data.
  return state !== undefined && DATA_CLASSES.has(state.slice(0, 2)) && state !== '23503';
}

/** Anything else: connection lost or refused, server restarting, timeouts, locks, our own bugs. Worth retrying. */
export function isTransientDbError(err: unknown): boolean {
  return !isDataError(err);
}

/**
 * Errors that show the database itself is not usable right now (no connection, shutting down, starting up, out of
 * connections): at start the relay keeps trying; anything else at start (a migration that does not apply) is fatal.
 */
export function isUnavailableError(err: unknown): boolean {
  // Node reports a refused dual-stack connect (localhost: ::1 and 127.0.0.1) as an AggregateError of both.
  if (err instanceof AggregateError && err.errors.some((e) => isUnavailableError(e))) return true;
  const state = sqlState(err);
  if (state) return ['08', '53', '57'].includes(state.slice(0, 2)) || state === '3D000';
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|database is not available|the database system is/i.test(
      message,
    )
  );
}

/**
 * For work the relay retries by itself (the fan-out): errors that say nothing about the event being worked on (the
 * database away or busy, a lock, a race with another transaction). Anything else, a data error or an error of the
 * relay's own code on an odd body, is the event's: it is tried alone, a bounded number of times, then set aside.
 */
export function isRetryableLater(err: unknown): boolean {
  if (isUnavailableError(err)) return true;
  const state = sqlState(err);
  return state !== undefined && (['40', '53', '55', '57', '58'].includes(state.slice(0, 2)) || state === '23503');
}

/** A short, bounded label for metrics and the dead-letter reason: the SQLSTATE's name when known. */
const NAMES: Record<string, string> = {
  '22P05': 'untranslatable_character',
  '22021': 'invalid_byte_sequence',
  '22P02': 'invalid_text_representation',
  '22008': 'datetime_field_overflow',
  '22007': 'invalid_datetime_format',
  '22009': 'invalid_time_zone_displacement',
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '23502': 'not_null_violation',
  '23505': 'unique_violation',
  '23514': 'check_violation',
  '54000': 'program_limit_exceeded',
};

export function errorLabel(err: unknown): string {
  const state = sqlState(err);
  if (!state) return 'error';
  return NAMES[state] ?? `sqlstate_${state.toLowerCase()}`;
}
