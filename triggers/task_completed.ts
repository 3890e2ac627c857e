import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { searchTasks } from '../lib/task/api';
import { taskFilterFields } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_COMPLETED_KEY = 'task_completed';

/**
 * Completed tasks only (search `completed: true`). The item id is `${taskId}:completed`, so a task that was already
 * seen as new by another trigger still counts here, and each task triggers once.
 */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await searchTasks(z, bundle, { completed: true, newestBy: 'dateUpdated' })).map((task) => ({ ...task, id: `${task.taskId}:completed` }));

export default defineTrigger({
  key: TASK_COMPLETED_KEY,
  noun: 'Task',
  display: {
    label: 'Task Completed',
    description:
      'Triggers when a task is marked as completed, in the whole location or for one contact or user. Each task triggers once: completing it again after re-opening it does not trigger again.',
  },
  operation: {
    type: 'polling',
    inputFields: taskFilterFields(),
    perform,
    sample: { ...taskSample, id: `${taskSample.taskId}:completed`, completed: true, status: 'completed' },
    outputFields: taskOutputFields,
  },
});
