/**
 * The one place where HighLevel's error answers (docs/highlevel-api.md §2, §3, §11) become messages a no-code user can act
 * on. Pure: it takes the status, the parsed body and the rate-limit headers, and says what to throw.
 */

/**
 * No 'expired' kind: with autoRefresh on, zapier-platform-core turns every 401 into a refresh before the app's
 * middleware sees it. Missing scopes are caught before sending (lib/http.ts); refresh failures in authentication.ts.
 */
export type ErrorKind = 'error' | 'halt' | 'throttle';

export interface MappedError {
  kind: ErrorKind;
  message: string;
  /** For 'throttle': how long Zapier should wait before retrying. */
  delaySeconds?: number;
}

export interface ErrorContext {
  status: number;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** What we were doing, e.g. "creating the contact". */
  action: string;
  /** Lower-cased response header lookup. */
  header: (name: string) => string | undefined;
}

interface GhlErrorBody {
  message?: string | string[];
  error?: string;
  error_description?: string;
  traceId?: string;
  meta?: { contactId?: string; matchingField?: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const readErrorBody = (body: unknown): GhlErrorBody => {
  if (!isRecord(body)) return typeof body === 'string' && body.trim() ? { message: body.trim().slice(0, 300) } : {};
  const out: GhlErrorBody = {};
  const { message, error, error_description: description, traceId, meta } = body;
  if (typeof message === 'string') out.message = message;
  else if (Array.isArray(message)) out.message = message.filter((m): m is string => typeof m === 'string');
  if (typeof error === 'string') out.error = error;
  if (typeof description === 'string') out.error_description = description;
  if (typeof traceId === 'string') out.traceId = traceId;
  if (isRecord(meta)) {
    out.meta = {};
    if (typeof meta.contactId === 'string') out.meta.contactId = meta.contactId;
    if (typeof meta.matchingField === 'string') out.meta.matchingField = meta.matchingField;
  }
  return out;
};

const messages = (body: GhlErrorBody): string[] => {
  if (Array.isArray(body.message)) return body.message;
  const text = body.message || body.error_description || body.error;
  return text ? [text] : [];
};

const withTrace = (text: string, body: GhlErrorBody): string => (body.traceId ? `${text} (HighLevel trace ID: ${body.traceId})` : text);

/** "property gender should not exist" → "gender". */
const propertyNames = (lines: string[]): string[] =>
  lines
    .map((line) => /^property (\S+) should not exist/i.exec(line)?.[1] ?? /^(\S+) (must|should) /i.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));

const seconds = (value: string | undefined): number | undefined => {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); a date becomes the seconds from now. */
const retryAfterSeconds = (value: string | undefined, now: number): number | undefined => {
  const n = seconds(value);
  if (n !== undefined || !value) return n;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
};

/**
 * The range a wait may take. HighLevel's burst window is 10 s (docs/highlevel-api.md §3): a header asking for more than a
 * minute is garbled (issue 11 saw `Retry-After: 99999999`), and waiting a minute then meeting another 429 costs little.
 * The daily limit resets within a day.
 */
export const BURST_WAIT_SECONDS = { min: 1, max: 60 } as const;
export const DAILY_WAIT_SECONDS = { min: 60, max: 86400 } as const;

const clamp = (n: number, { min, max }: { min: number; max: number }): number => Math.min(max, Math.max(min, Math.ceil(n)));

/** How long HighLevel asks us to wait: Retry-After (s or date), else the burst window (ms), else 10 s; clamped. */
export const throttleDelaySeconds = (header: ErrorContext['header'], now = Date.now()): number => {
  const retryAfter = retryAfterSeconds(header('retry-after'), now);
  if (retryAfter !== undefined) return clamp(retryAfter, BURST_WAIT_SECONDS);
  const intervalMs = seconds(header('x-ratelimit-interval-milliseconds'));
  if (intervalMs !== undefined) return clamp(intervalMs / 1000, BURST_WAIT_SECONDS);
  return 10;
};

/** Until the daily quota resets: `x-ratelimit-daily-reset` (ms), else an hour; clamped to a minute .. a day. */
export const dailyDelaySeconds = (header: ErrorContext['header']): number =>
  clamp((seconds(header('x-ratelimit-daily-reset')) ?? 3_600_000) / 1000, DAILY_WAIT_SECONDS);

/**
 * Calendar answers a user can act on (docs/highlevel-api.md §6.5), recognised by HighLevel's message because the status alone
 * (400/404/422) does not tell them apart. A taken slot or a past time depends on the data, not the Zap's set-up:
 * those halt (the Zap stays on); a missing calendar or contact is set-up to fix.
 */
const CALENDAR_MESSAGES: { match: RegExp; kind: ErrorKind; message: string }[] = [
  {
    match: /\b(in the past|past (date|time|slot)s?|before the current time)\b/i,
    kind: 'halt',
    message:
      'That time is in the past and this calendar does not take bookings in the past: pick a future time, or set Ignore Scheduling Notice and Date Range (or Ignore Free Slot Validation) to book it anyway.',
  },
  {
    match: /\bslot\b.*\b(no longer available|not available|unavailable|already booked|is booked)\b/i,
    kind: 'halt',
    message:
      "That time is no longer free on this calendar; pick another time or set Ignore Free Slot Validation. (HighLevel also says this for times outside the calendar's open hours or booking window.)",
  },
  {
    match: /\bcalendar\b.*\b(not found|does not exist|doesn't exist|is invalid)\b|\b(invalid|unknown) calendar\b/i,
    kind: 'error',
    message: 'HighLevel has no such calendar in this location (it may have been deleted): choose the calendar again from the dropdown.',
  },
  {
    match: /\bcontact\b.*\b(not found|does not exist|doesn't exist|is invalid)\b|\b(invalid|unknown) contact\b/i,
    kind: 'error',
    message:
      'HighLevel has no such contact in this location (it may have been deleted or merged): choose the contact again, or fill in Contact Email so it is found or created.',
  },
  {
    match: /\b(appointment|event)\b.*\b(not found|does not exist|doesn't exist)\b/i,
    kind: 'error',
    message:
      'HighLevel has no such appointment in this location (it may have been deleted): choose the appointment again, or find it first with Find Appointment.',
  },
];

/** Only for calendar and appointment calls (their endpoint actions), so other objects keep their own wording. */
export const calendarError = (status: number, body: GhlErrorBody, action: string): MappedError | undefined => {
  if (![400, 404, 409, 422].includes(status) || !/appointment|calendar|free slots/i.test(action)) return undefined;
  const said = messages(body).join('; ');
  const known = CALENDAR_MESSAGES.find((m) => m.match.test(said));
  if (!known) return undefined;
  return { kind: known.kind, message: withTrace(`HighLevel refused ${action}: ${known.message} (HighLevel said: ${said})`, body) };
};

export const mapGhlError = ({ status, body: raw, action, header }: ErrorContext): MappedError => {
  const body = readErrorBody(raw);
  const lines = messages(body);
  const said = lines.length ? `: ${lines.join('; ')}` : '.';

  if (status === 400 && body.meta?.contactId && /duplicat/i.test(lines.join(' '))) {
    const field = body.meta.matchingField ? ` with the same ${body.meta.matchingField}` : '';
    return {
      kind: 'halt',
      message: withTrace(
        `HighLevel did not create a new contact: this location does not allow duplicate contacts, and contact ${body.meta.contactId} already exists${field}. ` +
          'Use "Create or Update Contact" or "Find or Create Contact" to work with the existing contact, or allow duplicates in the location settings.',
        body,
      ),
    };
  }
  const calendar = calendarError(status, body, action);
  if (calendar) return calendar;
  if (status === 422) {
    const fields = propertyNames(lines);
    const hint = fields.length ? ` Check the field${fields.length > 1 ? 's' : ''} ${fields.map((f) => `"${f}"`).join(', ')}.` : '';
    const detail = lines.length ? `: ${lines.join('; ')}` : '';
    return { kind: 'error', message: withTrace(`HighLevel rejected ${action} because some values are not valid${detail}.${hint}`, body) };
  }
  if (status === 403) {
    return {
      kind: 'error',
      message: withTrace(
        `HighLevel refused ${action} (403 Forbidden${lines.length ? `: ${lines.join('; ')}` : ''}). ` +
          "The connected user may not have access to this sub-account or record, or the record belongs to another location. Check the user's permissions in HighLevel, or reconnect with a user who has access.",
        body,
      ),
    };
  }
  if (status === 404) {
    return {
      kind: 'error',
      message: withTrace(
        `HighLevel could not find what was asked for while ${action} (404${lines.length ? `: ${lines.join('; ')}` : ''}). Check that the ID is right and the record was not deleted.`,
        body,
      ),
    };
  }
  if (status === 429) {
    if (header('x-ratelimit-daily-remaining') === '0') {
      return {
        kind: 'throttle',
        message: `HighLevel's daily API limit for this location is used up while ${action}. Zapier will retry later; the limit resets within a day.`,
        delaySeconds: dailyDelaySeconds(header),
      };
    }
    const delaySeconds = throttleDelaySeconds(header);
    return {
      kind: 'throttle',
      message: `HighLevel's rate limit (100 requests per 10 seconds per location) was reached while ${action}. Zapier will retry in ${delaySeconds} seconds.`,
      delaySeconds,
    };
  }
  if (status >= 500) {
    return {
      kind: 'error',
      message: withTrace(`HighLevel had a server error (${status}) while ${action}. This is usually temporary: try again in a few minutes.`, body),
    };
  }
  return { kind: 'error', message: withTrace(`HighLevel rejected ${action} (${status})${said}`, body) };
};
