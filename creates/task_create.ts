import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { contactIdField, outputLocation, taskBody, taskFields } from '../lib/fields/task';
import { checkId, ghl } from '../lib/http';
import { taskOutputFields, taskSample, toTaskOutput } from '../lib/schemas/task';

export const TASK_CREATE_KEY = 'task_create';

/** POST /contacts/{contactId}/tasks → 201 {task} (REFERENCE.md §6.2); title, dueDate and completed are required (§11.8). */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const body = taskBody(z, bundle, 'create');
  const task = await ghl(z, bundle, endpoints.taskCreate, { path: { contactId }, body });
  return toTaskOutput(task, outputLocation(bundle), contactId);
};

export default defineCreate({
  key: TASK_CREATE_KEY,
  noun: 'Task',
  display: {
    label: 'Create Task',
    description: 'Creates a new task (to-do) on a contact, with a due date and an optional assigned user.',
  },
  operation: {
    inputFields: [contactIdField(true, 'Contact the task is about. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.', true), ...taskFields('create')],
    perform,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
