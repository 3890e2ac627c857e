import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { searchTasks } from '../lib/task/api';
import { taskFilterFields } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_NEW_KEY = 'task_new';

/** Location-wide task search, one request; Zapier dedupes on the task id (docs/highlevel-api.md §8). */
export const perform: PollingTriggerPerform = async (z, bundle) => searchTasks(z, bundle, { newestBy: 'dateAdded' });

export default defineTrigger({
  key: TASK_NEW_KEY,
  noun: 'Task',
  display: {
    label: 'New Task',
    description:
      "Triggers when a task is added to a contact, in the whole location or for one contact or user. Each check looks at the 100 tasks HighLevel's task search returns.",
  },
  operation: {
    type: 'polling',
    inputFields: taskFilterFields(),
    perform,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
