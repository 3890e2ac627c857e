import { withTaskNames } from '../lib/task/api';
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TASK_POLL_REACH, pollCompletedTasks } from '../lib/task/poll';
import { taskFilterFields } from '../lib/task/fields';
import { taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_COMPLETED_KEY = 'task_completed';

/**
 * Watches the open tasks and reports those that left the open set completed (lib/task/poll.ts). The item id is
 * `${taskId}:completed:<when it was seen>`, so completing a task again after re-opening it triggers again.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => withTaskNames(z, bundle, await pollCompletedTasks(z, bundle));

const reach = TASK_POLL_REACH.toLocaleString('en-US');

export default defineTrigger({
  key: TASK_COMPLETED_KEY,
  noun: 'Task',
  display: {
    label: 'Task Completed',
    description:
      'Triggers when a task is marked as completed, in the whole location or for one contact or user; completing it again after re-opening it triggers again. ' +
      `Each check reads the open tasks (up to ${reach}) and looks up the ones that are no longer open, so a task created already completed, or created and completed between two checks, is not seen, and with more than ${reach} open tasks completions wait. Use the instant Task Completed trigger for those.`,
  },
  operation: {
    type: 'polling',
    inputFields: taskFilterFields(),
    perform,
    sample: { ...taskSample, id: `${taskSample.taskId}:completed:2026-07-01T16:02:00.000Z`, completed: true, status: 'completed' },
    outputFields: taskOutputFields,
  },
});
