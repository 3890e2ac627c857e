import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { contactUrl, personNames } from '../contact/schema';
import { isoDate } from '../schema/values';
import { fingerprint } from '../schema/fingerprint';
import { asRecord, defineObject, field, type OutputOf } from '../schema/define';

/**
 * The HighLevel task (docs/highlevel-api.md §6.2, §7). GET/POST/PUT answer the spec's TaskSchema; the location-wide
 * search (POST /locations/{id}/tasks/search) is loosely typed in the spec, so its items may carry `_id` instead of
 * `id` and extra keys (dates, contact details); webhook bodies (TaskCreate, TaskComplete, TaskDelete, §9.2) carry no
 * `completed` flag and may lack `contactId` and `body` (issue #332). Tasks have no dateAdded/dateUpdated in the REST
 * schema.
 */
export const taskDef = defineObject({
  id: field.id('ID'),
  taskId: field.id('Task ID'),
  title: field.text('Title'),
  body: field.text('Description'),
  dueDate: field.datetime('Due Date'),
  completed: field.flag('Completed'),
  status: field.oneOf(['open', 'completed'], 'Status (open or completed)'),
  assignedTo: field.text('Assigned User ID'),
  assignedToName: field.lookedUp('Assigned User Name'),
  assignedToEmail: field.lookedUp('Assigned User Email'),
  contactId: field.text('Contact ID'),
  contactName: field.lookedUp('Contact Name'),
  contactEmail: field.lookedUp('Contact Email'),
  contactUrl: field.text('Contact URL'),
});

/** What every task operation returns: flat, ISO dates, the real task id in `taskId` too (triggers change `id`). */
export type TaskOutput = OutputOf<typeof taskDef.fields>;

const withId = (raw: unknown): unknown => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  return record.id === undefined && typeof record._id === 'string' ? { ...record, id: record._id } : raw;
};

/** What an answer must carry to be read as a task: its id (`_id` in some search items). */
export const TaskAnswer = lazy(() => zod.preprocess(withId, zod.looseObject({ id: zod.string() })));
export type TaskAnswer = z.infer<typeof TaskAnswer>;

/** A trimmed text, or null. */
const known = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The contact's name and email where the answer carries them: items of the location-wide task search may carry
 * `contactDetails` ({firstName, lastName, email}; the spec leaves those items untyped, docs/highlevel-api.md §6.2),
 * named as contacts are (personNames: real-case parts, a whole never lower than them). The contact routes'
 * TaskSchema and the webhook bodies have none: the task triggers read the contact for those (lib/task/hooks.ts).
 */
const contactDetailsOf = (raw: Record<string, unknown>): { contactName: string | null; contactEmail: string | null } => {
  const details = asRecord(raw.contactDetails);
  return { contactName: known(personNames(details).name), contactEmail: known(details.email) };
};

const fromRecord = (raw: Record<string, unknown>, locationId: string, contactIdOfPath: string, completedByEvent?: boolean): TaskOutput => {
  const t = { ...taskDef.read(raw), ...contactDetailsOf(raw) };
  const contactId = t.contactId || contactIdOfPath;
  const completed = completedByEvent ?? t.completed;
  return {
    ...raw,
    ...t,
    taskId: t.id,
    dueDate: isoDate(raw.dueDate),
    completed,
    status: completed ? 'completed' : 'open',
    contactId,
    contactUrl: locationId && contactId ? contactUrl(locationId, contactId) : '',
  };
};

/** `contactIdOfPath` fills in for answers that leave the contact out (the task was reached through its contact). */
export const taskFromRest = (raw: unknown, locationId = '', contactIdOfPath = ''): TaskOutput => fromRecord(asRecord(withId(raw)), locationId, contactIdOfPath);

/** An item of POST /locations/{id}/tasks/search (`_id` accepted, see TaskAnswer). */
export const taskFromSearch = (raw: unknown, locationId = ''): TaskOutput => fromRecord(asRecord(withId(raw)), locationId, '');

/** A TaskCreate / TaskComplete / TaskDelete body. Completion comes from the event type: the body has no flag. */
export const taskFromWebhook = (payload: unknown): TaskOutput => {
  const { type, webhookId: _w, timestamp: _t, ...raw } = asRecord(payload);
  const completed = type === 'TaskComplete' ? true : type === 'TaskCreate' ? false : undefined;
  const locationId = typeof raw.locationId === 'string' ? raw.locationId : '';
  return fromRecord({ ...raw, id: typeof raw.id === 'string' ? raw.id : '' }, locationId, '', completed);
};

/**
 * A short fingerprint of what a user can change on a task. Tasks carry no "updated" date, so "Task Updated" spots a
 * change by this value: the trigger item id `${taskId}:${hash}` is new whenever one of these fields changes.
 */
export const taskHash = (task: Pick<TaskOutput, 'title' | 'body' | 'dueDate' | 'completed' | 'assignedTo'>): string =>
  fingerprint([task.title, task.body, task.dueDate, task.completed, task.assignedTo]);

export const taskSample = {
  id: 'k3QdT8vLm2Ws5Xy7Za1B',
  taskId: 'k3QdT8vLm2Ws5Xy7Za1B',
  title: 'Follow up: finished Pilates Level 1',
  body: 'Lena completed the course on TrainerCentral. Offer the Level 2 bundle.',
  dueDate: '2026-07-01T15:00:00.000Z',
  completed: false,
  status: 'open',
  assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  assignedToName: 'Anna Schmidt',
  assignedToEmail: 'anna@pilates-berlin.example.com',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  contactName: 'Lena Vogt',
  contactEmail: 'lena.vogt@example.com',
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies TaskOutput;

export const taskOutputFields = taskDef.outputFields;
