import { withTaskNames } from '../lib/task/api';
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TASK_POLL_REACH, pollNewTasks } from '../lib/task/poll';
import { taskFilterFields } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_NEW_KEY = 'task_new';

/**
 * The location task search read to its end, open tasks first (lib/task/poll.ts); Zapier dedupes on the task id
 * (docs/highlevel-api.md §8). Its order is undocumented (§14.4), so nothing depends on it.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => withTaskNames(z, bundle, await pollNewTasks(z, bundle));

const reach = TASK_POLL_REACH.toLocaleString('en-US');

export default defineTrigger({
  key: TASK_NEW_KEY,
  noun: 'Task',
  display: {
    label: 'New Task',
    description:
      `Triggers when a task is added to a contact, in the whole location or for one contact or user. Each check reads up to ${reach} tasks (one request per 100), open ones first: ` +
      `with up to ${reach} tasks matching, every new task is seen; with more, new tasks are seen while they are open and there are at most ${reach} open tasks. Narrow it to a contact or user, or use the instant New Task trigger.`,
  },
  operation: {
    type: 'polling',
    inputFields: taskFilterFields(),
    perform,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
