import { DateTime } from 'luxon';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { contactIdField } from '../contact/fields';
import { TASK_DROPDOWN, USER_DROPDOWN } from '../dropdowns';
import { InvalidInput, checkId, text, validated, yesNo } from '../input';
import { TASK_FIND_KEY } from '../keys';
import { parseTime, resolveTime, userZone, type ParsedTime } from '../time';
import type { TaskOutput } from './schema';

/** Task input fields and the checks behind them, shared by the task triggers, actions and searches. */

/** Hour of day a due date without a time gets, in the user's time zone. */
export const DEFAULT_DUE_HOUR = 17;

const UTC_SECONDS = "yyyy-MM-dd'T'HH:mm:ss'Z'";

/**
 * A due date from whatever Zapier hands over, as the ISO-8601 UTC date-time HighLevel wants (docs/highlevel-api.md §11.8).
 * Parsing is lib/time.ts's (ISO with or without offset, "2026-07-01 17:00", "07/01/2026 5:00 PM", RFC 2822, epoch
 * seconds or milliseconds; a wall-clock time inside a daylight-saving gap is refused). A date without a time means
 * 17:00 in `zone`; a time without an offset is read in `zone`. Milliseconds are left out: HighLevel's examples send
 * none, and n8n's HighLevel node reports an update error with them.
 */
export const parseDueDate = (label: string, value: unknown, zone: string): string => {
  const parsed = parseTime(label, value);
  const timed: ParsedTime =
    parsed.kind === 'date' ? { kind: 'local', parts: { ...parsed.parts, hour: DEFAULT_DUE_HOUR, minute: 0, second: 0 }, text: parsed.text } : parsed;
  return resolveTime(label, timed, zone).toUTC().toFormat(UTC_SECONDS);
};

/** HighLevel's own dates (with milliseconds) in the form sent back on update; invalid ones are left unchanged. */
export const resendableDate = (value: string): string => {
  const date = DateTime.fromISO(value, { zone: 'utc' });
  return date.isValid ? date.toUTC().toFormat(UTC_SECONDS) : value;
};

/** The "which task" field: a dropdown of the chosen contact's tasks; on actions also the Find Task search connector. */
export const taskIdField = (helpText: string, { connector = true }: { connector?: boolean } = {}): PlainInputField => ({
  ...TASK_DROPDOWN,
  key: 'taskId',
  label: 'Task',
  required: true,
  ...(connector ? { search: `${TASK_FIND_KEY}.id` } : {}),
  helpText,
});

const dueHelp =
  'When the task is due, e.g. `2026-07-01T17:00:00Z`, `2026-07-01 17:00` or `07/01/2026`. A date without a time is due at 17:00 (5 PM) in the time zone of your Zapier account (UTC if none is set); a time without an offset is read in that time zone too.';

/** Create and update share these fields; update makes all of them optional. */
export const taskFields = (variant: 'create' | 'update'): PlainInputField[] => [
  { key: 'title', label: 'Title', required: variant === 'create', helpText: 'What needs doing, e.g. `Follow up: finished Pilates Level 1`.' },
  { key: 'body', label: 'Description', type: 'text', helpText: 'Details for whoever does the task, e.g. `Offer the Level 2 bundle.`' },
  // A date picker in the editor; mapped text in any format the app reads still arrives as typed.
  { key: 'dueDate', label: 'Due Date', type: 'datetime', required: variant === 'create', helpText: dueHelp },
  {
    ...USER_DROPDOWN,
    key: 'assignedTo',
    label: 'Assigned User',
    helpText: 'HighLevel user who should do the task. Choose one, or map a user ID such as `Yh3pQ5Wmg4rVd8xNt2Ke`.',
  },
  {
    key: 'completed',
    label: 'Completed',
    type: 'boolean',
    ...(variant === 'create' ? { default: 'false' } : {}),
    helpText:
      variant === 'create'
        ? 'Yes creates the task already marked as done. Usually left at No.'
        : 'Yes marks the task as done, No re-opens it. Leave empty to keep it as it is.',
  },
];

/** The task body from the fields the user filled in (empty ones are left out); dates checked before sending. */
export const taskBody = (z: ZObject, bundle: Bundle, variant: 'create' | 'update'): Record<string, unknown> =>
  validated(z, () => {
    const input = bundle.inputData as Record<string, unknown>;
    const body: Record<string, unknown> = {};
    const title = text(input.title, 'Title');
    if (title) body.title = title;
    const description = text(input.body, 'Description');
    if (description) body.body = description;
    const due = text(input.dueDate, 'Due Date');
    if (due) body.dueDate = parseDueDate('Due Date', due, userZone(bundle));
    const assignedTo = text(input.assignedTo, 'Assigned User');
    if (assignedTo) body.assignedTo = checkId(z, 'Assigned User', assignedTo);
    const completed = yesNo('Completed', input.completed);
    if (completed !== undefined) body.completed = completed;
    else if (variant === 'create') body.completed = false;
    if (variant === 'create') {
      if (!body.title) throw new InvalidInput('Title is required: HighLevel does not create a task without one.');
      if (!body.dueDate) throw new InvalidInput('Due Date is required: HighLevel does not create a task without one.');
    }
    return body;
  });

/** Filters shared by the location-wide task triggers. */
export const taskFilterFields = (): PlainInputField[] => [
  contactIdField('Only tasks of this contact, e.g. `ocQHyuzHvysMo5N5VsXc`. Leave empty for tasks of every contact in the location.', {
    required: false,
    connector: false,
  }),
  { ...USER_DROPDOWN, key: 'assignedTo', label: 'Assigned User', helpText: 'Only tasks assigned to this HighLevel user. Leave empty for tasks of every user.' },
];

/** The contact and user filters of the task triggers, read (the instant triggers read them at subscribe too). */
export const taskWatch = (z: ZObject, inputData: Record<string, unknown>): { contactId?: string; assignedTo?: string } =>
  validated(z, () => {
    const contactId = text(inputData.contactId, 'Contact');
    const assignedTo = text(inputData.assignedTo, 'Assigned User');
    return {
      contactId: contactId ? checkId(z, 'Contact', contactId) : undefined,
      assignedTo: assignedTo ? checkId(z, 'Assigned User', assignedTo) : undefined,
    };
  });

/** The contact and user filters of the task triggers, applied to one task (the instant triggers filter after delivery). */
export const watchesTask = (z: ZObject, inputData: Record<string, unknown>, task: Pick<TaskOutput, 'contactId' | 'assignedTo'>): boolean => {
  const { contactId, assignedTo } = taskWatch(z, inputData);
  return (!contactId || contactId === task.contactId) && (!assignedTo || assignedTo === task.assignedTo);
};
