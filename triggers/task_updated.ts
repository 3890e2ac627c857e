import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { searchTasks } from '../lib/task/api';
import { taskFilterFields } from '../lib/task/fields';
import { taskHash, taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_UPDATED_KEY = 'task_updated';

/**
 * HighLevel tasks carry no "updated" date, so a change is detected from the content: the item id is
 * `${taskId}:${hash of title, description, due date, completed, assigned user}`. Zapier has never seen that id
 * after an edit, so it triggers; the real id stays in `taskId`.
 */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await searchTasks(z, bundle, { newestBy: 'dateUpdated' })).map((task) => ({ ...task, id: `${task.taskId}:${taskHash(task)}` }));

export default defineTrigger({
  key: TASK_UPDATED_KEY,
  noun: 'Task',
  display: {
    label: 'Task Updated',
    description:
      'Triggers when a task\'s title, description, due date, assigned user or completed state changes. HighLevel keeps no "last changed" date on tasks, so Zapier compares what it sees with earlier checks: new tasks trigger too, and a task changed back to an earlier state does not trigger again. Each check looks at the 100 tasks HighLevel\'s task search returns.',
  },
  operation: {
    type: 'polling',
    inputFields: taskFilterFields(),
    perform,
    sample: { ...taskSample, id: `${taskSample.taskId}:5f2c9a1e07bd` },
    outputFields: taskOutputFields,
  },
});
