import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { changedSinceSeen } from '../lib/hooks/memory';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { newestFirst, scanTasks, withTaskNames } from '../lib/task/api';
import { taskFilterFields, taskWatch, watchesTask } from '../lib/task/fields';
import { taskFromDelivery } from '../lib/task/hooks';
import { taskHash, taskOutputFields, taskSample, type TaskOutput } from '../lib/task/schema';

export const TASK_COMPLETED_INSTANT_KEY = 'task_completed_instant';
const EVENT = 'task.completed';

/**
 * Task Completed's item: the id `${taskId}:completed:<when the completion was seen>` (here the relay's receipt of the
 * event, which a redelivery keeps), the real id in taskId. "Test trigger" items have `${taskId}:completed`, as Task
 * Completed's own sample read.
 */
const completedItem = (task: TaskOutput, seenAt?: string): TaskOutput => ({ ...task, id: `${task.taskId}:completed${seenAt ? `:${seenAt}` : ''}` });

/**
 * A relayed TaskComplete (docs/highlevel-api.md §9.2). HighLevel sends one on every write of `completed: true`, also
 * for a task already done: the task is reported only when it differs from what this Zap saw last (title, text, due
 * date, assignee), so marking a completed task completed again fires nothing.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const task = await taskFromDelivery(z, bundle, delivery.payload);
  if (!watchesTask(z, bundle.inputData, task)) return [];
  return (await changedSinceSeen(z, bundle, TASK_COMPLETED_INSTANT_KEY, task.taskId, taskHash(task)))
    ? withTaskNames(z, bundle, [completedItem(task, delivery.receivedAt ?? delivery.id)])
    : [];
};

/** "Test trigger": one page of the completed tasks (the contact and user filters apply), newest first where dated. */
export const performList: WebhookTriggerPerformList = async (z, bundle) =>
  withTaskNames(
    z,
    bundle,
    newestFirst((await scanTasks(z, bundle, { completed: true, maxRequests: 1 })).tasks, 'dateUpdated').map((t) => completedItem(t)),
  );

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'Task Completed', undefined, (z, bundle) => taskWatch(z, bundle.inputData));

export default defineTrigger({
  key: TASK_COMPLETED_INSTANT_KEY,
  noun: 'Task',
  display: {
    label: 'Task Completed (Instant)',
    description:
      "Triggers when a task is marked as completed, in the whole location or for one contact or user. Marking a completed task completed again does not trigger. Runs through the integration owner's webhook relay; without one, use Task Completed.",
  },
  operation: {
    type: 'hook',
    inputFields: taskFilterFields(),
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: { ...taskSample, id: `${taskSample.taskId}:completed:2026-07-01T16:02:00.000Z`, completed: true, status: 'completed' },
    outputFields: taskOutputFields,
  },
});
