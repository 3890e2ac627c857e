import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId, inputError } from '../lib/input';
import { taskBody, taskFields, taskIdField } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';
import { updateTask } from '../lib/task/write';

export const TASK_UPDATE_KEY = 'task_update';

/** PUT /contacts/{contactId}/tasks/{taskId} → {task} (docs/highlevel-api.md §6.2), with only the fields the user filled in. */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const taskId = checkId(z, 'Task', bundle.inputData.taskId);
  const body = taskBody(z, bundle, 'update');
  if (!Object.keys(body).length) {
    throw inputError(z, 'Fill in at least one of Title, Description, Due Date, Assigned User or Completed: there is nothing to change.');
  }
  // Title and due date the user left empty are sent as the task has them (lib/task/write.ts).
  return updateTask(z, bundle, contactId, taskId, body);
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
