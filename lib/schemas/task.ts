import { z } from 'zod';
import { fingerprint } from './fingerprint';
import { lenient } from './lenient';
import { contactUrl, isoDate } from './contact';

/**
 * The HighLevel task (REFERENCE.md §6.2, §7). GET/POST/PUT answer the spec's TaskSchema; the location-wide search
 * (POST /locations/{id}/tasks/search) is loosely typed in the spec, so its items may carry `_id` instead of `id` and
 * extra keys (dates, contact details): both are accepted. Tasks have no dateAdded/dateUpdated in the REST schema.
 */
const TaskShape = z.looseObject({
  id: z.string(),
  title: lenient(z.string()),
  body: lenient(z.string()),
  assignedTo: lenient(z.string()),
  dueDate: lenient(z.string()),
  completed: lenient(z.boolean()),
  contactId: lenient(z.string()),
  dateAdded: lenient(z.string()),
  dateUpdated: lenient(z.string()),
});

const withId = (raw: unknown): unknown => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  return record.id === undefined && typeof record._id === 'string' ? { ...record, id: record._id } : raw;
};

export const Task = z.preprocess(withId, TaskShape);
export type Task = z.infer<typeof Task>;

/** What every task operation returns: flat, ISO dates, the real task id in `taskId` too (triggers change `id`). */
export interface TaskOutput {
  id: string;
  taskId: string;
  title: string;
  body: string;
  dueDate: string;
  completed: boolean;
  status: 'completed' | 'open';
  assignedTo: string;
  contactId: string;
  contactUrl: string;
  [extra: string]: unknown;
}

/** `contactIdOfPath` fills in for answers that leave the contact out (the task was reached through its contact). */
export const toTaskOutput = (raw: unknown, locationId = '', contactIdOfPath = ''): TaskOutput => {
  const t = Task.parse(raw);
  const contactId = t.contactId || contactIdOfPath;
  const completed = t.completed ?? false;
  return {
    ...t,
    id: t.id,
    taskId: t.id,
    title: t.title ?? '',
    body: t.body ?? '',
    dueDate: isoDate(t.dueDate),
    completed,
    status: completed ? 'completed' : 'open',
    assignedTo: t.assignedTo ?? '',
    contactId,
    contactUrl: locationId && contactId ? contactUrl(locationId, contactId) : '',
  };
};

/**
 * A short fingerprint of what a user can change on a task. Tasks carry no "updated" date, so "Task Updated" spots a
 * change by this value: the trigger item id `${taskId}:${hash}` is new whenever one of these fields changes.
 */
export const taskHash = (task: Pick<TaskOutput, 'title' | 'body' | 'dueDate' | 'completed' | 'assignedTo'>): string =>
  fingerprint([task.title, task.body, task.dueDate, task.completed, task.assignedTo]);

export const taskSample: TaskOutput = {
  id: 'k3QdT8vLm2Ws5Xy7Za1B',
  taskId: 'k3QdT8vLm2Ws5Xy7Za1B',
  title: 'Follow up: finished Pilates Level 1',
  body: 'Lena completed the course on TrainerCentral. Offer the Level 2 bundle.',
  dueDate: '2026-07-01T15:00:00.000Z',
  completed: false,
  status: 'open',
  assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
};

export const taskOutputFields = [
  { key: 'id', label: 'ID' },
  { key: 'taskId', label: 'Task ID' },
  { key: 'title', label: 'Title' },
  { key: 'body', label: 'Description' },
  { key: 'dueDate', label: 'Due Date', type: 'datetime' as const },
  { key: 'completed', label: 'Completed', type: 'boolean' as const },
  { key: 'status', label: 'Status (open or completed)' },
  { key: 'assignedTo', label: 'Assigned User ID' },
  { key: 'contactId', label: 'Contact ID' },
  { key: 'contactUrl', label: 'Contact URL' },
];
