import { withTaskNames } from '../lib/task/api';
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { taskFilterFields } from '../lib/task/fields';
import { TASK_POLL_REACH, pollUpdatedTasks } from '../lib/task/poll';
import { taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_UPDATED_KEY = 'task_updated';

/**
 * HighLevel tasks carry no "updated" date, so a change is detected from the content: the item id is
 * `${taskId}:${hash of title, description, due date, completed, assigned user}`. Zapier has never seen that id
 * after an edit, so it triggers; the real id stays in `taskId`.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => withTaskNames(z, bundle, await pollUpdatedTasks(z, bundle));

const reach = TASK_POLL_REACH.toLocaleString('en-US');

export default defineTrigger({
  key: TASK_UPDATED_KEY,
  noun: 'Task',
  display: {
    label: 'Task Updated',
    description:
      'Triggers when a task\'s title, description, due date, assigned user or completed state changes. Tasks carry no "last changed" date, so Zapier compares what it sees with earlier checks: new tasks trigger too, and a task changed back to an earlier state does not trigger again. ' +
      `Each check reads up to ${reach} tasks, open ones first; with more than ${reach} tasks matching, only open tasks are compared (completing one shows in Task Completed). Narrow it to a contact or user, or use the instant trigger.`,
  },
  operation: {
    type: 'polling',
    inputFields: taskFilterFields(),
    perform,
    sample: { ...taskSample, id: `${taskSample.taskId}:5f2c9a1e07bd` },
    outputFields: taskOutputFields,
  },
});
