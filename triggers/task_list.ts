import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { checkId, ghl, isEmpty } from '../lib/http';
import { toTaskOutput } from '../lib/schemas/task';

export const TASK_LIST_KEY = 'task_list';

// Imports nothing from lib/fields: lib/fields/dropdowns.ts imports this file, and lib/fields imports dropdowns.

/**
 * Tasks for the "Task ID" dropdowns of the task actions. Zapier hands a dropdown the values already filled in on the
 * action, so the tasks of the chosen contact are listed (GET /contacts/{id}/tasks, all at once, §4); before a contact
 * is chosen the list is empty and the field takes a mapped ID.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const contactId: unknown = bundle.inputData.contactId;
  if (isEmpty(contactId)) return [];
  const answer = await ghl(z, bundle, endpoints.taskList, { path: { contactId: checkId(z, 'Contact', contactId) } });
  return (zod.array(zod.unknown()).nullish().parse(answer) ?? []).map((raw) => {
    const task = toTaskOutput(raw);
    const due = task.dueDate ? `, due ${task.dueDate.slice(0, 10)}` : '';
    return { id: task.taskId, label: `${task.title || '(no title)'}${due}${task.completed ? ', completed' : ''}` };
  });
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
