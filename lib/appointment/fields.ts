import type { DateTime } from 'luxon';
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { APPOINTMENT_DROPDOWN, CALENDAR_DROPDOWN, USER_DROPDOWN } from '../dropdowns';
import { InvalidInput, checkId, choice, isEmpty, readInteger, text, validated, yesNo } from '../input';
import { APPOINTMENT_FIND_KEY } from '../keys';
import { addMinutes, checkTimeZone, parseTime, resolveTime, toHighLevelTime, type ParsedTime } from '../time';
import { MAX_CALENDARS } from './api';

/**
 * Appointment input fields, shared by Create, Update and Cancel Appointment (docs/highlevel-api.md §6.5): one definition,
 * `appointmentFields()` picks the variant; the readers below turn what the user mapped into checked values before
 * anything is sent.
 */
export type AppointmentVariant = 'create' | 'update';

export const STATUS_CHOICES = {
  new: 'New (unconfirmed)',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  showed: 'Showed',
  noshow: 'No-show',
  invalid: 'Invalid',
};

/** The status filter of Appointment Updated and its instant twin. */
export const statusFilterField: PlainInputField = {
  key: 'status',
  label: 'Only When Status Is',
  choices: STATUS_CHOICES,
  helpText: 'Trigger only for appointments whose status is now this, e.g. `cancelled` for cancellations. Leave empty for every change.',
};

/** The status filter's value: one of STATUS_CHOICES' keys, or undefined for every change (a step error otherwise). */
export const statusFilterOf = (z: ZObject, value: unknown): string | undefined =>
  validated(z, () => choice(statusFilterField.label ?? 'Status', value, STATUS_CHOICES));

export const MEETING_TYPE_CHOICES = {
  custom: 'Custom (use Address or Meeting Link)',
  address: 'In person (address)',
  phone: 'Phone call',
  zoom: 'Zoom',
  gmeet: 'Google Meet',
  google: 'Google (calendar integration)',
  ms_teams: 'Microsoft Teams',
};

const LABELS = {
  startTime: 'Start Time',
  endTime: 'End Time',
  duration: 'Duration (Minutes)',
  timeZone: 'Time Zone',
} as const;

/** Longest appointment accepted: a day. Longer is almost always seconds mapped into minutes. */
export const MAX_DURATION_MINUTES = 1440;

export const appointmentIdField = (helpText: string): PlainInputField => ({
  ...APPOINTMENT_DROPDOWN,
  key: 'appointmentId',
  label: 'Appointment',
  required: true,
  search: `${APPOINTMENT_FIND_KEY}.id`,
  helpText,
});

const TIME_HELP =
  'Accepts ISO 8601 (`2026-06-24T11:00:00+02:00`), `2026-06-24 11:00`, `06/24/2026 11:00 AM` or epoch milliseconds (`1782291600000`, as TrainerCentral sends). ' +
  "A time without an offset is read in **Time Zone**, or in the location's time zone when that is empty.";

export const timeZoneField: PlainInputField = {
  key: 'timeZone',
  label: LABELS.timeZone,
  helpText:
    "IANA time zone for times given without an offset, e.g. `Europe/Berlin` or `America/New_York`. Leave empty to use the HighLevel location's time zone. " +
    'A local time skipped by a daylight-saving change (e.g. 02:30 on the spring-forward night) is refused; a time that happens twice (fall-back night) means the first one.',
};

const scheduleFields = (variant: AppointmentVariant): PlainInputField[] => [
  {
    key: 'startTime',
    label: LABELS.startTime,
    type: 'datetime',
    required: variant === 'create',
    helpText: `When the appointment starts. ${TIME_HELP}${variant === 'update' ? ' Leave empty to keep the current start.' : ''}`,
  },
  {
    key: 'endTime',
    label: LABELS.endTime,
    type: 'datetime',
    helpText: `When it ends, same formats as Start Time. Fill in End Time or Duration, not both.${variant === 'create' ? " With neither, the calendar's default slot length is used." : ' With neither, a new start keeps the current length.'}`,
  },
  {
    key: 'duration',
    label: LABELS.duration,
    type: 'integer',
    helpText: `Length in minutes, e.g. \`60\` (at most ${MAX_DURATION_MINUTES}). Counted in real elapsed time, also across daylight-saving changes.`,
  },
  timeZoneField,
];

const detailFields = (variant: AppointmentVariant): PlainInputField[] => [
  { key: 'title', label: 'Title', helpText: 'Name of the appointment shown in the calendar, e.g. `Live Q&A: Core Strength`.' },
  {
    key: 'appointmentStatus',
    label: 'Status',
    choices: STATUS_CHOICES,
    helpText: `Appointment status, e.g. \`confirmed\`.${variant === 'create' ? " Leave empty for the calendar's default." : ''}`,
  },
  {
    ...USER_DROPDOWN,
    key: 'assignedUserId',
    label: 'Assigned User',
    helpText: 'Team member who runs the appointment. Choose one, or map a user ID such as `Yh3pQ5Wmg4rVd8xNt2Ke`.',
  },
  { key: 'address', label: 'Address or Meeting Link', helpText: 'Where it takes place, e.g. `https://zoom.us/j/123456789` or `Waldweg 1, Köln`.' },
  {
    key: 'meetingLocationType',
    label: 'Meeting Type',
    choices: MEETING_TYPE_CHOICES,
    helpText: 'Kind of meeting place, e.g. `zoom`. With only an address, HighLevel uses Custom.',
  },
  { key: 'description', label: 'Description', helpText: 'Notes for the team member, e.g. `Booked from TrainerCentral: bring a mat`.' },
  {
    key: 'toNotify',
    label: 'Run Automations and Notifications',
    type: 'boolean',
    helpText: "No books silently: HighLevel then runs no workflows and sends no confirmations for this change. Empty means HighLevel's default (yes).",
  },
  {
    key: 'ignoreFreeSlotValidation',
    label: 'Ignore Free Slot Validation',
    type: 'boolean',
    helpText: 'Yes books even when the time is not a free slot on the calendar (double booking, outside open hours). Default no.',
  },
  {
    key: 'ignoreDateRange',
    label: 'Ignore Scheduling Notice and Date Range',
    type: 'boolean',
    helpText: "Yes skips the calendar's minimum scheduling notice and how-far-ahead limits. Default no.",
  },
];

export const appointmentScheduleFields = scheduleFields;
export const appointmentDetailFields = detailFields;

export const calendarField = (variant: AppointmentVariant): PlainInputField => ({
  ...CALENDAR_DROPDOWN,
  key: 'calendarId',
  label: variant === 'create' ? 'Calendar' : 'Move to Calendar',
  required: variant === 'create',
  helpText:
    variant === 'create'
      ? 'Calendar to book on. Choose one, or map a calendar ID such as `Cal3bD5fH7jL9nP1rT3v`.'
      : 'Only to move the appointment to another calendar; leave empty to keep it where it is.',
});

// ---- readers -----------------------------------------------------------------------------------------------

export interface ScheduleInput {
  start?: ParsedTime;
  end?: ParsedTime;
  duration?: number;
  /** The zone the user picked, if any. */
  zone?: string;
}

/** Reads Start Time, End Time, Duration and Time Zone; only shape checks, nothing here needs a request. */
export const readSchedule = (input: Record<string, unknown>): ScheduleInput => {
  const out: ScheduleInput = {};
  if (!isEmpty(input.startTime)) out.start = parseTime(LABELS.startTime, input.startTime);
  if (!isEmpty(input.endTime)) out.end = parseTime(LABELS.endTime, input.endTime);
  const duration = readInteger(LABELS.duration, input.duration, { min: 1, max: MAX_DURATION_MINUTES, example: '60', unit: 'minutes' });
  if (duration !== undefined) out.duration = duration;
  if (out.end && out.duration !== undefined) {
    throw new InvalidInput(`Fill in ${LABELS.endTime} or ${LABELS.duration}, not both: they could disagree.`);
  }
  const zone = text(input.timeZone, LABELS.timeZone);
  if (zone) out.zone = checkTimeZone(LABELS.timeZone, zone);
  for (const [label, parsed] of [
    [LABELS.startTime, out.start],
    [LABELS.endTime, out.end],
  ] as const) {
    if (parsed?.kind === 'date') throw new InvalidInput(`${label} "${parsed.text.slice(0, 40)}" has no time of day: add one, e.g. \`2026-06-24 11:00\`.`);
  }
  return out;
};

/** True when some time has no offset and no zone was picked: the location's zone must be fetched. */
export const needsLocationZone = (s: ScheduleInput): boolean => !s.zone && [s.start, s.end].some((p) => p !== undefined && p.kind !== 'instant');

export interface ResolvedSchedule {
  startTime?: string;
  endTime?: string;
}

/**
 * The times to send, ISO with offset. `zone` is the picked or location zone (undefined when every time carries an
 * offset); `currentStart` and `lengthMinutes` fill in what the user left out (calendar slot, current appointment).
 */
export const resolveSchedule = (
  s: ScheduleInput,
  zone: string | undefined,
  fallback: { currentStart?: DateTime; lengthMinutes?: number } = {},
): ResolvedSchedule => {
  const start = s.start ? resolveTime(LABELS.startTime, s.start, zone) : undefined;
  let end = s.end ? resolveTime(LABELS.endTime, s.end, zone) : undefined;
  const from = start ?? fallback.currentStart;
  if (!end && from) {
    const minutes = s.duration ?? (start ? fallback.lengthMinutes : undefined);
    if (minutes !== undefined) end = addMinutes(from, minutes);
  }
  if (end && from && end.toMillis() <= from.toMillis()) {
    throw new InvalidInput(`${LABELS.endTime} (${toHighLevelTime(end)}) must be after the start (${toHighLevelTime(from)}).`);
  }
  return { startTime: start && toHighLevelTime(start), endTime: end && toHighLevelTime(end.setZone(start?.zone ?? end.zone)) };
};

/** Title, status, user, place, description and the three switches, as HighLevel's body names them. */
export const readDetails = (input: Record<string, unknown>): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  for (const [key, label] of [
    ['title', 'Title'],
    ['address', 'Address or Meeting Link'],
    ['description', 'Description'],
  ] as const)
    body[key] = text(input[key], label);
  body.appointmentStatus = choice('Status', input.appointmentStatus, STATUS_CHOICES);
  body.meetingLocationType = choice('Meeting Type', input.meetingLocationType, MEETING_TYPE_CHOICES);
  body.toNotify = yesNo('Run Automations and Notifications', input.toNotify);
  body.ignoreFreeSlotValidation = yesNo('Ignore Free Slot Validation', input.ignoreFreeSlotValidation);
  body.ignoreDateRange = yesNo('Ignore Scheduling Notice and Date Range', input.ignoreDateRange);
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
};

/** Empty calendar = all calendars. Shared by both appointment triggers. */
export const watchedCalendar = (z: ZObject, value: unknown): string | undefined => (isEmpty(value) ? undefined : checkId(z, 'Calendar', value));

export const calendarFilterField: PlainInputField = {
  ...CALENDAR_DROPDOWN,
  key: 'calendarId',
  label: 'Calendar',
  helpText: `Calendar to watch, e.g. \`Cal3bD5fH7jL9nP1rT3v\`. Leave empty to watch every calendar of the location (up to ${MAX_CALENDARS}, one request each per check).`,
};

/** The calendar filter of the instant appointment triggers: the relay filters on it, every calendar when empty. */
export const calendarHookField: PlainInputField = {
  ...CALENDAR_DROPDOWN,
  key: 'calendarId',
  label: 'Calendar',
  helpText: 'Calendar to watch, e.g. `Cal3bD5fH7jL9nP1rT3v`. Leave empty to watch every calendar of the location.',
};
