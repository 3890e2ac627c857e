import type { Bundle, ZObject } from 'zapier-platform-core';
import { ghl, locationIdOf, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { asRecord } from '../schema/define';
import { TaskAnswer, taskFromRest, taskFromSearch, taskFromWebhook, type TaskOutput } from './schema';
import { TaskList, lacksContactDetails, readTaskContact, type TaskContact } from './api';

/**
 * The task of a relayed TaskCreate / TaskComplete event (docs/highlevel-api.md §9.2), as the polling task triggers
 * output it. The body has no `completed` flag (its event type says it) and live TaskCreate events arrive without
 * `contactId` and `body` (issue #332), so the task is read in full when either is missing:
 * GET /contacts/{contactId}/tasks/{taskId} when the contact is known, else the location's task search by title
 * (one request of up to 100 tasks; the id decides). When HighLevel no longer has it, the body is all there is. The
 * contact's name and email come from the search's `contactDetails`, else from GET /contacts/{id} (lib/task/api.ts).
 */
const getTask = async (z: ZObject, bundle: Bundle, contactId: string, taskId: string): Promise<TaskOutput | undefined> => {
  const task = await ghl(z, bundle, endpoints.taskGet, {
    path: { contactId, taskId },
    labels: { contactId: 'Contact', taskId: 'Task' },
    allow404: true,
    answer: TaskAnswer,
    unreadable: 'without the task',
  });
  return task ? taskFromRest(task, outputLocation(bundle), contactId) : undefined;
};

/** Task search has `query` (title text) but no id filter (TaskSearchParamsDto): the title narrows, the id decides. */
export const TASK_LOOKUP_LIMIT = 100;

const findTask = async (z: ZObject, bundle: Bundle, taskId: string, title: string): Promise<TaskOutput | undefined> => {
  const locationId = locationIdOf(z, bundle);
  const answer = await ghl(z, bundle, endpoints.taskSearch, {
    path: { locationId },
    body: { query: title || undefined, limit: TASK_LOOKUP_LIMIT },
    answer: TaskList,
    unreadable: 'with a task list the app cannot read',
  });
  return (answer ?? []).map((raw) => taskFromSearch(raw, locationId)).find((t) => t.id === taskId);
};

export const taskFromDelivery = async (z: ZObject, bundle: Bundle, payload: Record<string, unknown>): Promise<TaskOutput> => {
  const body = asRecord(payload);
  const sent = taskFromWebhook(payload);
  const complete = typeof body.contactId === 'string' && body.contactId !== '' && typeof body.body === 'string';
  // The body names no contact (no contactDetails, unlike the task search's items that New Task outputs): with the
  // contact known, its read starts beside the task's (GET /contacts/{id}/tasks/{id} has no details either).
  const contact: Promise<TaskContact> | undefined = sent.contactId && sent.id ? readTaskContact(z, bundle, sent.contactId) : undefined;
  let task = sent;
  if (!complete && sent.id) {
    const found = sent.contactId ? await getTask(z, bundle, sent.contactId, sent.id) : await findTask(z, bundle, sent.id, sent.title);
    // What HighLevel holds, over what the event said; the event's own keys (dateAdded) stay.
    if (found) task = { ...sent, ...found, contactId: found.contactId || sent.contactId, contactUrl: found.contactUrl || sent.contactUrl };
  }
  // A task found by the search names its contact (contactDetails); one found another way takes the contact's read,
  // started now if the search told the contact only now.
  if (lacksContactDetails(task))
    task = { ...task, ...(await (task.contactId === sent.contactId && contact ? contact : readTaskContact(z, bundle, task.contactId))) };
  else await contact;
  // The event type is the completion (TaskComplete.md): a task re-opened since still counts as completed here.
  return body.type === 'TaskComplete' ? { ...task, completed: true, status: 'completed' } : task;
};
