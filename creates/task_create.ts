import { withTaskNames } from '../lib/task/api';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { ghl, outputLocation } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { replaySafeCreate } from '../lib/http/replay';
import { checkId } from '../lib/input';
import { TASK_CREATE_KEY } from '../lib/keys';
import { contactTasks, taskShown } from '../lib/task/api';
import { taskBody, taskFields } from '../lib/task/fields';
import { TaskAnswer, taskFromRest, taskOutputFields, taskSample } from '../lib/task/schema';

/**
 * POST /contacts/{contactId}/tasks → 201 {task} (docs/highlevel-api.md §6.2); title, dueDate and completed are required
 * (§11.8). Replay-safe: a replay after a lost answer finds the task among the contact's tasks (lib/http/replay.ts).
 */
const dateOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const body = taskBody(z, bundle, 'create');
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
  const [output] = await withTaskNames(z, bundle, [task]);
  return output;
};

export default defineCreate({
  key: TASK_CREATE_KEY,
  noun: 'Task',
  display: {
    label: 'Create Task',
    description: 'Creates a new task (to-do) on a contact, with a due date and an optional assigned user.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact the task is about. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      ...taskFields('create'),
    ],
    perform,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
