import type { Bundle, ZObject } from 'zapier-platform-core';
import { ghl, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { replaySafeCreate } from '../http/replay';
import { TASK_CREATE_KEY } from '../keys';
import { contactTasks, taskShown, withTaskNames } from './api';
import { resendableDate } from './fields';
import { TaskAnswer, taskFromRest, type TaskOutput } from './schema';

/** The task writes (docs/highlevel-api.md §6.2), each answered with the task and the assignee's name (lib/user/names.ts). */

const dateOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const named = async (z: ZObject, bundle: Bundle, task: TaskOutput): Promise<TaskOutput> => (await withTaskNames(z, bundle, [task]))[0];

/**
 * POST /contacts/{contactId}/tasks → 201 {task}; title, dueDate and completed are required (§11.8). Replay-safe: a
 * replay after a lost answer finds the task among the contact's tasks (lib/http/replay.ts).
 */
export const createTask = async (z: ZObject, bundle: Bundle, contactId: string, body: Record<string, unknown>): Promise<TaskOutput> => {
  const task = await replaySafeCreate(z, bundle, {
    operation: TASK_CREATE_KEY,
    input: bundle.inputData,
    sent: taskShown(body),
    candidates: () => contactTasks(z, bundle, contactId, true),
    // REST tasks carry no date; a search item's dateAdded is used when present.
    show: (task) => ({ fields: taskShown(task), dateAdded: dateOf((task as Record<string, unknown>).dateAdded) }),
    write: async (replay) =>
      taskFromRest(
        await ghl(z, bundle, endpoints.taskCreate, { path: { contactId }, body, answer: TaskAnswer, unreadable: 'without the task it created', replay }),
        outputLocation(bundle),
        contactId,
      ),
  });
  return named(z, bundle, task);
};

/**
 * PUT /contacts/{contactId}/tasks/{taskId} → {task} with the fields given. The spec marks every field optional on
 * update, but working HighLevel clients (n8n's node) found the PUT rejected without title and dueDate: when either is
 * missing, the task is read first and its current values are sent, so they stay unchanged.
 */
export const updateTask = async (z: ZObject, bundle: Bundle, contactId: string, taskId: string, body: Record<string, unknown>): Promise<TaskOutput> => {
  if (!body.title || !body.dueDate) {
    const current = taskFromRest(await ghl(z, bundle, endpoints.taskGet, { path: { contactId, taskId }, answer: TaskAnswer, unreadable: 'without the task' }));
    if (!body.title && current.title) body.title = current.title;
    if (!body.dueDate && current.dueDate) body.dueDate = resendableDate(current.dueDate);
  }
  const task = await ghl(z, bundle, endpoints.taskUpdate, { path: { contactId, taskId }, body, answer: TaskAnswer, unreadable: 'without the task it updated' });
  return named(z, bundle, taskFromRest(task, outputLocation(bundle), contactId));
};

/** PUT /contacts/{contactId}/tasks/{taskId}/completed {completed} → {task}. */
export const completeTask = async (z: ZObject, bundle: Bundle, contactId: string, taskId: string, completed: boolean): Promise<TaskOutput> => {
  const task = await ghl(z, bundle, endpoints.taskComplete, {
    path: { contactId, taskId },
    body: { completed },
    answer: TaskAnswer,
    unreadable: 'without the task',
  });
  return named(z, bundle, taskFromRest(task, outputLocation(bundle), contactId));
};
