import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { ghl, locationIdOf, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { outOfTime } from '../poll/state';
import { getContact } from '../contact/api';
import { assigneeLookup, failureName } from '../user/names';
import { taskWatch } from './fields';
import { TaskAnswer, taskFromRest, taskFromSearch, type TaskOutput } from './schema';

/** Task reads shared by the task triggers, searches, dropdowns and the contact profile (docs/highlevel-api.md §6.2). */

/** A list answer: an absent or empty one is an empty list. */
export const TaskList = lazy(() => zod.array(TaskAnswer).nullish());

/**
 * What a written task shows of the body that created it, for finding it again after a lost answer (lib/http/replay.ts):
 * title and description trimmed, the due date as an instant (HighLevel answers it with milliseconds), the assignee,
 * completed. A REST task carries no creation date (contacts.json TaskSchema), so these are all there is to go by.
 */
export const taskShown = (task: Record<string, unknown>): Record<string, string | number | boolean> => {
  const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const due = typeof task.dueDate === 'string' ? Date.parse(task.dueDate) : NaN;
  return {
    title: trimmed(task.title),
    body: trimmed(task.body),
    dueDate: Number.isNaN(due) ? trimmed(task.dueDate) : due,
    assignedTo: trimmed(task.assignedTo),
    completed: task.completed === true,
  };
};

/** GET /contacts/{id}/tasks: every task of the contact (no paging, §4). */
export const contactTasks = async (z: ZObject, bundle: Bundle, contactId: string, allow404 = false): Promise<TaskOutput[]> => {
  const answer = await ghl(z, bundle, endpoints.taskList, {
    path: { contactId },
    allow404,
    answer: TaskList,
    unreadable: 'with a task list the app cannot read',
  });
  const locationId = outputLocation(bundle);
  return (answer ?? []).map((raw) => taskFromRest(raw, locationId, contactId));
};

/** GET /contacts/{contactId}/tasks/{taskId} → {task}; with `allow404`, undefined when HighLevel has none. */
export const getTask = async (z: ZObject, bundle: Bundle, contactId: string, taskId: string, allow404 = false): Promise<TaskOutput | undefined> => {
  const task = await ghl(z, bundle, endpoints.taskGet, { path: { contactId, taskId }, allow404, answer: TaskAnswer, unreadable: 'without the task' });
  return task ? taskFromRest(task, outputLocation(bundle), contactId) : undefined;
};

/**
 * Exact title matches (ignoring case) come before partial ones; within each, tasks with a later due date first
 * (tasks carry no creation date, §7), so the newest-looking match is the one Zapier uses.
 */
export const rankMatches = (tasks: TaskOutput[], title: string): TaskOutput[] => {
  const wanted = title.toLowerCase();
  return tasks
    .filter((t) => t.title.toLowerCase().includes(wanted))
    .map((task, index) => ({ task, index, exact: task.title.toLowerCase() === wanted ? 0 : 1 }))
    .sort((a, b) => a.exact - b.exact || (b.task.dueDate ?? '').localeCompare(a.task.dueDate ?? '') || a.index - b.index)
    .map(({ task }) => task);
};

/** What one task search request asks for (the spec's default is 25 and states no maximum, §6.2). */
export const TASK_PAGE_LIMIT = 100;

/** How long a location's answer to "does the task search honour limit 100?" is remembered. */
const PAGE_SIZE_TTL_SECONDS = 7 * 24 * 3600;
const pageSizeKey = (locationId: string) => `ghl:task-search-page:${locationId}`;

export interface TaskScan {
  tasks: TaskOutput[];
  requests: number;
  /** Every matching task was read (the last page was short). */
  complete: boolean;
}

const taskFilters = (z: ZObject, bundle: Bundle, completed: boolean | undefined): Record<string, unknown> => {
  const { contactId, assignedTo } = taskWatch(z, bundle.inputData as Record<string, unknown>);
  const body: Record<string, unknown> = {};
  if (contactId) body.contactId = [contactId];
  if (assignedTo) body.assignedTo = [assignedTo];
  if (completed !== undefined) body.completed = completed;
  return body;
};

const searchPage = async (z: ZObject, bundle: Bundle, locationId: string, body: Record<string, unknown>): Promise<TaskOutput[]> => {
  const answer = await ghl(z, bundle, endpoints.taskSearch, {
    path: { locationId },
    body,
    answer: TaskList,
    unreadable: 'with a task list the app cannot read',
  });
  return (answer ?? []).map((raw) => taskFromSearch(raw, locationId));
};

const cachedPageSize = async (z: ZObject, locationId: string): Promise<number | undefined> => {
  try {
    const value: unknown = await z.cache.get(pageSizeKey(locationId));
    return typeof value === 'number' && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Reads the location's tasks (narrowed by the trigger's Contact and Assigned User inputs and by `completed`) with
 * POST /locations/{id}/tasks/search (§6.2; scope locations/tasks.readonly), page after page with `limit`/`skip`,
 * for at most `maxRequests` requests. The answer's order is undocumented (§14.4), so nothing here depends on it: a
 * scan is either complete or reported as not. HighLevel states no maximum `limit`: if a short page could be a silent
 * cap rather than the end, the next page is asked for once, and the page size found is remembered for the location.
 */
export const scanTasks = async (z: ZObject, bundle: Bundle, { completed, maxRequests }: { completed?: boolean; maxRequests: number }): Promise<TaskScan> => {
  const locationId = locationIdOf(z, bundle);
  const filters = taskFilters(z, bundle, completed);
  let pageSize = await cachedPageSize(z, locationId);
  const byId = new Map<string, TaskOutput>();
  let skip = 0;
  let requests = 0;
  const started = Date.now();
  while (requests < maxRequests && !(requests > 0 && outOfTime(started))) {
    const page = await searchPage(z, bundle, locationId, { ...filters, limit: TASK_PAGE_LIMIT, skip });
    requests += 1;
    // Offset pages can repeat a task when tasks are added meanwhile: each task once.
    for (const task of page) if (!byId.has(task.taskId)) byId.set(task.taskId, task);
    skip += page.length;
    const full = page.length >= (pageSize ?? TASK_PAGE_LIMIT);
    if (!full && (pageSize !== undefined || page.length === 0)) return { tasks: [...byId.values()], requests, complete: true };
    if (!full) {
      // A short page, and this location's page size is not known yet: the end, or a silent cap? Ask once.
      if (requests >= maxRequests) break;
      const probe = await searchPage(z, bundle, locationId, { ...filters, limit: TASK_PAGE_LIMIT, skip });
      requests += 1;
      pageSize = probe.length ? page.length : TASK_PAGE_LIMIT;
      await z.cache.set(pageSizeKey(locationId), pageSize, PAGE_SIZE_TTL_SECONDS, ['auth']).catch(() => null);
      for (const task of probe) if (!byId.has(task.taskId)) byId.set(task.taskId, task);
      skip += probe.length;
      if (probe.length < pageSize) return { tasks: [...byId.values()], requests, complete: true };
    }
  }
  return { tasks: [...byId.values()], requests, complete: false };
};

/** Newest first by `newestBy` when the search items carry it (the REST schema has no dates), undated ones last. */
export const newestFirst = (tasks: TaskOutput[], newestBy: 'dateAdded' | 'dateUpdated'): TaskOutput[] => {
  const dateOf = (t: TaskOutput) => String(t[newestBy] ?? t.dateAdded ?? '');
  return tasks
    .map((task, index) => ({ task, index }))
    .sort((a, b) => dateOf(b.task).localeCompare(dateOf(a.task)) || a.index - b.index)
    .map(({ task }) => task);
};

/** "Follow up, due 2026-07-01, completed": what a user recognises in the task dropdown. */
export const taskLabel = (task: TaskOutput): string => {
  const due = task.dueDate ? `, due ${task.dueDate.slice(0, 10)}` : '';
  return `${task.title || '(no title)'}${due}${task.completed ? ', completed' : ''}`;
};

/**
 * The assigned user's name and email beside `assignedTo` (lib/user/names.ts: one user list, shared per connection, read
 * only when some task has an assignee; null names when it cannot be read).
 */
export const withTaskNames = async <T extends TaskOutput>(z: ZObject, bundle: Bundle, tasks: T[]): Promise<T[]> => {
  const person = await assigneeLookup(
    z,
    bundle,
    tasks.map((t) => t.assignedTo),
  );
  return tasks.map((t) => {
    const { name, email } = person(t.assignedTo);
    return { ...t, assignedToName: name, assignedToEmail: email };
  });
};

/** A task's contact as its outputs name it: the contact's whole name (never lower than its parts) and email, or nulls. */
export interface TaskContact {
  contactName: string | null;
  contactEmail: string | null;
}

/**
 * GET /contacts/{id} for the name and email beside a task's `contactId`: the contact routes' task answers and the
 * webhook bodies carry no contact details, the task search's items do (`contactDetails`), so a task read one way names
 * its contact as one read the other. A contact that cannot be read (deleted: 404; or the read fails) gives nulls, and
 * the task is output all the same.
 */
export const readTaskContact = async (z: ZObject, bundle: Bundle, contactId: string): Promise<TaskContact> => {
  try {
    const contact = await getContact(z, bundle, contactId);
    return { contactName: contact?.name.trim() || null, contactEmail: contact?.email.trim() || null };
  } catch (error) {
    z.console.log(`The contact's name could not be loaded; only the contact ID is given: ${failureName(error)}`);
    return { contactName: null, contactEmail: null };
  }
};

/** A task whose answer named no contact (no `contactDetails`) but has a contact id: its contact is read. */
export const lacksContactDetails = (task: TaskOutput): boolean => Boolean(task.contactId) && task.contactName === null && task.contactEmail === null;

/**
 * Names the contacts of tasks whose answers did not (lacksContactDetails): one read per distinct contact, in parallel
 * (the callers bound how many tasks they pass: one delivery, or the completions one poll can afford).
 */
export const withTaskContacts = async <T extends TaskOutput>(z: ZObject, bundle: Bundle, tasks: T[]): Promise<T[]> => {
  const ids = [...new Set(tasks.filter(lacksContactDetails).map((t) => t.contactId))];
  const read = new Map(await Promise.all(ids.map(async (id) => [id, await readTaskContact(z, bundle, id)] as const)));
  return tasks.map((t) => (lacksContactDetails(t) ? { ...t, ...read.get(t.contactId) } : t));
};
