import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { checkId, validated, yesNo } from '../lib/input';
import { taskIdField } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';
import { completeTask } from '../lib/task/write';

export const TASK_COMPLETE_KEY = 'task_complete';

/** PUT /contacts/{contactId}/tasks/{taskId}/completed {completed} → {task} (docs/highlevel-api.md §6.2). */
export const perform: CreatePerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const taskId = checkId(z, 'Task', bundle.inputData.taskId);
  const completed = validated(z, () => yesNo('Completed', bundle.inputData.completed)) ?? true;
  return completeTask(z, bundle, contactId, taskId, completed);
};

export default defineCreate({
  key: TASK_COMPLETE_KEY,
  noun: 'Task',
  display: {
    label: 'Mark Task Completed',
    description: 'Marks a task on a contact as completed, or re-opens it.',
  },
  operation: {
    inputFields: [
      contactIdField(
        'Contact the task belongs to. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      taskIdField("Task to mark. Choose one of the contact's tasks, or map a task ID such as `k3QdT8vLm2Ws5Xy7Za1B`."),
      {
        key: 'completed',
        label: 'Completed',
        type: 'boolean',
        default: 'true',
        helpText: 'Yes marks the task as done; No re-opens a completed task.',
      },
    ],
    perform,
    sample: { ...taskSample, completed: true, status: 'completed' },
    outputFields: taskOutputFields,
  },
});
