import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { deleteRecord } from '../lib/http/delete';
import { endpoints } from '../lib/http/endpoints';
import { checkId } from '../lib/input';
import { taskIdField } from '../lib/task/fields';

export const TASK_DELETE_KEY = 'task_delete';

export interface TaskDeleteOutput {
  id: string;
  taskId: string;
  contactId: string;
  deleted: boolean;
}

/** DELETE /contacts/{contactId}/tasks/{taskId} → {succeded: true} (sic, docs/highlevel-api.md §6.2, §11.11). */
export const perform: CreatePerform = async (z, bundle): Promise<TaskDeleteOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const taskId = checkId(z, 'Task', bundle.inputData.taskId);
  await deleteRecord(z, bundle, endpoints.taskDelete, { noun: 'task', id: taskId }, { path: { contactId, taskId } });
  return { id: taskId, taskId, contactId, deleted: true };
};

export default defineCreate({
  key: TASK_DELETE_KEY,
  noun: 'Task',
  display: {
    label: 'Delete Task',
    description: 'Deletes a task from a contact. This cannot be undone.',
  },
  operation: {
    inputFields: [
      {
        key: 'warning',
        type: 'copy',
        helpText: '**This action deletes the task permanently.** It cannot be undone, and HighLevel keeps no copy to restore.',
      },
      contactIdField(
        'Contact the task belongs to. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.',
      ),
      taskIdField("Task to delete. Choose one of the contact's tasks, or map a task ID such as `k3QdT8vLm2Ws5Xy7Za1B`."),
    ],
    perform,
    sample: { id: 'k3QdT8vLm2Ws5Xy7Za1B', taskId: 'k3QdT8vLm2Ws5Xy7Za1B', contactId: 'ocQHyuzHvysMo5N5VsXc', deleted: true },
    outputFields: [
      { key: 'id', label: 'ID' },
      { key: 'taskId', label: 'Deleted Task ID' },
      { key: 'contactId', label: 'Contact ID' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' as const },
    ],
  },
});
