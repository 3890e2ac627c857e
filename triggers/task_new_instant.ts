import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { newestFirst, scanTasks, withTaskNames } from '../lib/task/api';
import { taskFilterFields, taskWatch, watchesTask } from '../lib/task/fields';
import { taskFromDelivery } from '../lib/task/hooks';
import { taskOutputFields, taskSample } from '../lib/task/schema';

export const TASK_NEW_INSTANT_KEY = 'task_new_instant';
const EVENT = 'task.created';

/** A relayed TaskCreate (docs/highlevel-api.md §9.2), read in full when it lacks the contact or text (issue #332); the contact and user filters apply here. */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  const task = await taskFromDelivery(z, bundle, delivery.payload);
  return watchesTask(z, bundle.inputData, task) ? withTaskNames(z, bundle, [task]) : [];
};

/** "Test trigger": one page of the task search (the contact and user filters apply), newest first where dated. */
export const performList: WebhookTriggerPerformList = async (z, bundle) =>
  withTaskNames(z, bundle, newestFirst((await scanTasks(z, bundle, { maxRequests: 1 })).tasks, 'dateAdded'));

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'New Task', undefined, (z, bundle) => taskWatch(z, bundle.inputData));

export default defineTrigger({
  key: TASK_NEW_INSTANT_KEY,
  noun: 'Task',
  display: {
    label: 'New Task (Instant)',
    description:
      "Triggers when a task is added to a contact, in the whole location or for one contact or user. Runs through the integration owner's webhook relay; without one, use New Task.",
  },
  operation: {
    type: 'hook',
    inputFields: taskFilterFields(),
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
