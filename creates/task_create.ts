import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId } from '../lib/input';
import { TASK_CREATE_KEY } from '../lib/keys';
import { taskBody, taskFields } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';
import { createTask } from '../lib/task/write';

/**
 * POST /contacts/{contactId}/tasks → 201 {task} (docs/highlevel-api.md §6.2); title, dueDate and completed are required
 * (§11.8). Replay-safe: a replay after a lost answer finds the task among the contact's tasks (lib/task/write.ts).
 */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  return createTask(z, bundle, contactId, taskBody(z, bundle, 'create'));
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
