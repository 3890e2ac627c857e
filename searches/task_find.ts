import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { InvalidInput, checkId, inputError, text, validated } from '../lib/input';
import { TASK_FIND_KEY } from '../lib/keys';
import { contactTasks, getTask, rankMatches, withTaskNames } from '../lib/task/api';
import { taskIdField } from '../lib/task/fields';
import { taskOutputFields, taskSample, type TaskOutput } from '../lib/task/schema';

type Status = 'any' | 'open' | 'completed';

const statusOf = (value: unknown): Status => {
  const s = text(value, 'Status')?.toLowerCase() ?? 'any';
  if (s === 'any' || s === 'open' || s === 'completed') return s;
  throw new InvalidInput(`Status must be any, open or completed, got "${s.slice(0, 20)}".`);
};

/**
 * By id: GET the task (404 → nothing found). By title: GET the contact's tasks (all at once, §4), best matches first
 * (lib/task/api.ts rankMatches).
 */
export const perform: SearchPerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const taskId = validated(z, () => text(bundle.inputData.taskId, 'Task'));
  const title = validated(z, () => text(bundle.inputData.title, 'Title'));
  const status = validated(z, () => statusOf(bundle.inputData.status));
  if (!taskId && !title) {
    throw inputError(z, 'Fill in Task or Title: the search needs something to look for.');
  }
  let found: TaskOutput[];
  if (taskId) {
    const task = await getTask(z, bundle, contactId, checkId(z, 'Task', taskId), true);
    found = task ? [task] : [];
  } else {
    found = rankMatches(await contactTasks(z, bundle, contactId, true), title ?? '');
  }
  return withTaskNames(
    z,
    bundle,
    found.filter((t) => status === 'any' || t.status === status),
  );
};

export default defineSearch({
  key: TASK_FIND_KEY,
  noun: 'Task',
  display: {
    label: 'Find Task',
    description: 'Finds a task on a contact by its ID, or by words in its title.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact whose tasks are searched, e.g. `ocQHyuzHvysMo5N5VsXc`.', { connector: false }),
      {
        ...taskIdField(
          "Find this exact task: choose one of the contact's tasks, or map a task ID such as `k3QdT8vLm2Ws5Xy7Za1B`. Leave empty to search by title.",
          { connector: false },
        ),
        required: false,
      },
      {
        key: 'title',
        label: 'Title',
        helpText: 'Words the task title contains, ignoring upper and lower case, e.g. `Pilates Level 1`. An exact title match is preferred over a partial one.',
      },
      {
        key: 'status',
        label: 'Status',
        choices: { any: 'Any', open: 'Open', completed: 'Completed' },
        default: 'any',
        helpText: 'Only find tasks that are open (not done) or completed. "Any" finds both.',
      },
    ],
    perform,
    sample: taskSample,
    outputFields: taskOutputFields,
  },
});
