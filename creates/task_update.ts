import { withTaskNames } from '../lib/task/api';
import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { ghl, outputLocation } from '../lib/http/client';
import { endpoints } from '../lib/http/endpoints';
import { checkId, inputError } from '../lib/input';
import { resendableDate, taskBody, taskFields, taskIdField } from '../lib/task/fields';
import { TaskAnswer, taskFromRest, taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_UPDATE_KEY = 'task_update';

/** PUT /contacts/{contactId}/tasks/{taskId} → {task} (docs/highlevel-api.md §6.2), with only the fields the user filled in. */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const taskId = checkId(z, 'Task', bundle.inputData.taskId);
  const body = taskBody(z, bundle, 'update');
  if (!Object.keys(body).length) {
    throw inputError(z, 'Fill in at least one of Title, Description, Due Date, Assigned User or Completed: there is nothing to change.');
  }
  if (!body.title || !body.dueDate) {
    // The spec marks every field optional on update, but working HighLevel clients (n8n's node) found the PUT rejected
    // without title and dueDate. Reading the task first and sending its current values keeps them unchanged.
    const current = taskFromRest(await ghl(z, bundle, endpoints.taskGet, { path: { contactId, taskId }, answer: TaskAnswer, unreadable: 'without the task' }));
    if (!body.title && current.title) body.title = current.title;
    if (!body.dueDate && current.dueDate) body.dueDate = resendableDate(current.dueDate);
  }
  const task = await ghl(z, bundle, endpoints.taskUpdate, { path: { contactId, taskId }, body, answer: TaskAnswer, unreadable: 'without the task it updated' });
  const [output] = await withTaskNames(z, bundle, [taskFromRest(task, outputLocation(bundle), contactId)]);
  return output;
};

export default defineCreate({
  key: TASK_UPDATE_KEY,
  noun: 'Task',
  display: {
    label: 'Update Task',
    description: 'Updates an existing task on a contact. Only the fields you fill in are changed.',
  },
  operation: {
    inputFields: [
      contactIdField(
        'Contact the task belongs to. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      taskIdField("Task to change. Choose one of the contact's tasks, or map a task ID such as `k3QdT8vLm2Ws5Xy7Za1B`."),
      ...taskFields('update'),
    ],
    perform,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
