import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { ghl, locationIdOf, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { checkId, text } from '../input';
import { TaskAnswer, taskFromRest, taskFromSearch, type TaskOutput } from './schema';

/** Task reads shared by the task triggers, searches, dropdowns and the contact profile (docs/highlevel-api.md §6.2). */

/** A list answer: an absent or empty one is an empty list. */
export const TaskList = zod.array(TaskAnswer).nullish();

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

/** Task search answers are capped per request; 100 is what one Zapier poll takes in anyway (NOTES.md). */
export const TASK_SEARCH_LIMIT = 100;

/**
 * ONE request per poll: POST /locations/{id}/tasks/search (§6.2, §8; scope locations/tasks.readonly), optionally
 * narrowed to one contact or one user. HighLevel does not document the order, so the answer is sorted newest first
 * by `newestBy` when the items carry it (search items may; the REST schema has no dates), keeping HighLevel's order
 * otherwise.
 */
export const searchTasks = async (
  z: ZObject,
  bundle: Bundle,
  { completed, newestBy }: { completed?: boolean; newestBy: 'dateAdded' | 'dateUpdated' },
): Promise<TaskOutput[]> => {
  const input = bundle.inputData as Record<string, unknown>;
  const contactId = text(input.contactId);
  const assignedTo = text(input.assignedTo);
  const locationId = locationIdOf(z, bundle);
  const body: Record<string, unknown> = { limit: TASK_SEARCH_LIMIT };
  if (contactId) body.contactId = [checkId(z, 'Contact', contactId)];
  if (assignedTo) body.assignedTo = [checkId(z, 'Assigned User', assignedTo)];
  if (completed !== undefined) body.completed = completed;
  const answer = await ghl(z, bundle, endpoints.taskSearch, {
    path: { locationId },
    body,
    answer: TaskList,
    unreadable: 'with a task list the app cannot read',
  });
  const tasks = (answer ?? []).map((raw) => taskFromSearch(raw, locationId));
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
