import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { checkId, isEmpty } from '../lib/input';
import { TASK_LIST_KEY } from '../lib/keys';
import { contactTasks, taskLabel } from '../lib/task/api';

/**
 * Tasks for the "Task ID" dropdowns of the task actions. Zapier hands a dropdown the values already filled in on the
 * action, so the tasks of the chosen contact are listed (GET /contacts/{id}/tasks, all at once,
 * docs/highlevel-api.md §4); before a contact is chosen the list is empty and the field takes a mapped ID.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const contactId: unknown = bundle.inputData.contactId;
  if (isEmpty(contactId)) return [];
  const tasks = await contactTasks(z, bundle, checkId(z, 'Contact', contactId));
  return tasks.map((task) => ({ id: task.taskId, label: taskLabel(task) }));
};

export default defineTrigger({
  key: TASK_LIST_KEY,
  noun: 'Task',
  display: { label: 'List Tasks', description: 'Triggers when a task is added to the chosen contact (lists tasks for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'k3QdT8vLm2Ws5Xy7Za1B', label: 'Follow up: finished Pilates Level 1, due 2026-07-01' },
    outputFields: [
      { key: 'id', label: 'Task ID' },
      { key: 'label', label: 'Task' },
    ],
  },
});
