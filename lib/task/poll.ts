import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { POLL_BUDGET, inWaves, learnedKey, startPoll } from '../poll/state';
import { TASK_PAGE_LIMIT, contactTasks, newestFirst, scanTasks, withTaskContacts } from './api';
import { taskHash, type TaskOutput } from './schema';

/**
 * The three task triggers (docs/highlevel-api.md §8). The location task search has offset paging and no documented
 * order (§14.4), so a poll never trusts a partial read of it: it reads the open tasks, then the completed ones,
 * each set to its end within POLL_BUDGET requests, and uses a set only when it was read to its end.
 */

/** Tasks one check reads: 10 requests of 100. */
export const TASK_POLL_REACH = POLL_BUDGET * TASK_PAGE_LIMIT;

export interface TaskRead {
  tasks: TaskOutput[];
  /** The open tasks were read to their end. */
  openComplete: boolean;
  /** The completed tasks were read to their end too (only then are they in `tasks`). */
  allComplete: boolean;
}

/** A completed set too big to read stays too big for a while: the memory of it is kept for an hour. */
const TOO_BIG_TTL_SECONDS = 3600;

const tooBigKey = (bundle: Bundle): string => {
  const input = bundle.inputData as Record<string, unknown>;
  return learnedKey('completed-tasks-beyond-reach', [bundle.authData?.locationId, input.contactId ?? '', input.assignedTo ?? '']);
};

/** The connection found, within the hour, that this completed set is beyond one check's reach. */
const knownTooBig = async (z: ZObject, bundle: Bundle): Promise<boolean> => {
  try {
    return (await z.cache.get(tooBigKey(bundle))) === true;
  } catch {
    return false;
  }
};

/**
 * Open tasks first (the ones that change), then, with the requests left, the completed ones. A completed set that
 * could not be read to its end is left out: an arbitrary part of an unordered list would report tasks never seen
 * before that are not new. Such a set is not tried again for an hour, so the common poll costs only the open tasks.
 */
export const readTasks = async (z: ZObject, bundle: Bundle): Promise<TaskRead> => {
  const open = await scanTasks(z, bundle, { completed: false, maxRequests: POLL_BUDGET });
  if (!open.complete) {
    z.console.log(`More than ${TASK_POLL_REACH} open tasks: this check saw part of them.`);
    return { tasks: open.tasks, openComplete: false, allComplete: false };
  }
  const left = POLL_BUDGET - open.requests;
  if (left <= 0 || (await knownTooBig(z, bundle))) return { tasks: open.tasks, openComplete: true, allComplete: false };
  const done = await scanTasks(z, bundle, { completed: true, maxRequests: left });
  if (!done.complete) {
    // A cache that cannot be written only costs the next check the same attempt: not worth failing the poll over.
    await z.cache.set(tooBigKey(bundle), true, TOO_BIG_TTL_SECONDS, ['auth']).catch(() => null);
    return { tasks: open.tasks, openComplete: true, allComplete: false };
  }
  return { tasks: [...open.tasks, ...done.tasks], openComplete: true, allComplete: true };
};

/** New Task: every task read, newest first where the items carry `dateAdded`; Zapier dedupes on the task id. */
export const pollNewTasks = async (z: ZObject, bundle: Bundle): Promise<TaskOutput[]> => newestFirst((await readTasks(z, bundle)).tasks, 'dateAdded');

/** Task Updated: every task read, with the id `<task id>:<fingerprint of what a person can edit>`. */
export const pollUpdatedTasks = async (z: ZObject, bundle: Bundle): Promise<TaskOutput[]> =>
  newestFirst((await readTasks(z, bundle)).tasks, 'dateUpdated').map((task) => ({ ...task, id: `${task.taskId}:${taskHash(task)}` }));

const OpenTasks = lazy(() => zod.object({ open: zod.array(zod.tuple([zod.string(), zod.string()])) }));
type OpenTasks = z.infer<typeof OpenTasks>;

/** Contacts whose task lists one poll reads to find out what became of tasks that left the open set. */
const LOOKUPS_PER_WAVE = 10;

/**
 * Task Completed. The completed tasks of a location only grow, so the trigger watches the open ones instead: it
 * remembers the open tasks (and their contacts) of the previous poll; a task that is no longer open is looked up in
 * its contact's task list (GET /contacts/{id}/tasks, one request per contact, with the requests the open read left):
 * completed → reported, with the id `<task id>:completed:<when it was seen>`, so completing it again after re-opening
 * reports it again; deleted or no longer matching the filters → forgotten; not looked up yet → kept for the next poll.
 * The task list names no contact (the search's items did), so a contact with a completion is read too
 * (GET /contacts/{id}), as the instant trigger reads it: each contact looked up may cost two requests, so half the
 * requests left are contacts looked up.
 */
export const pollCompletedTasks = async (z: ZObject, bundle: Bundle): Promise<TaskOutput[]> => {
  const input = bundle.inputData as Record<string, unknown>;
  const run = await startPoll(z, bundle, 'task_completed', [input.contactId ?? '', input.assignedTo ?? ''], OpenTasks);
  if (run.mode === 'list') {
    const done = await scanTasks(z, bundle, { completed: true, maxRequests: 1 });
    return newestFirst(done.tasks, 'dateUpdated').map((task) => ({ ...task, id: `${task.taskId}:completed` }));
  }
  const open = await scanTasks(z, bundle, { completed: false, maxRequests: POLL_BUDGET });
  const now = new Map(open.tasks.map((t) => [t.taskId, t.contactId]));
  if (run.mode !== 'poll') {
    await run.save({ open: [...now] });
    return [];
  }
  const before = new Map((run.state as OpenTasks).open);
  if (!open.complete) {
    // Part of the open tasks: one missing from it may still be open. Remember both, decide nothing.
    z.console.log(`More than ${TASK_POLL_REACH} open tasks: completions are not seen this check.`);
    await run.save({ open: [...new Map([...before, ...now])] });
    return [];
  }
  const gone = [...before].filter(([id]) => !now.has(id));
  const contacts = [...new Set(gone.map(([, contactId]) => contactId))];
  const affordable = contacts.slice(0, Math.max(0, Math.floor((POLL_BUDGET - open.requests) / 2)));
  // A contact deleted since is a 404: its tasks are gone with it.
  const lists = await inWaves(affordable, LOOKUPS_PER_WAVE, (contactId) => contactTasks(z, bundle, contactId, true));
  const looked = new Map(lists.flat().map((t) => [t.taskId, t]));
  const checked = new Set(affordable);
  const completed: TaskOutput[] = [];
  const keep = new Map(now);
  for (const [id, contactId] of gone) {
    if (!checked.has(contactId)) keep.set(id, contactId);
    else if (looked.get(id)?.completed) completed.push(looked.get(id) as TaskOutput);
  }
  await run.save({ open: [...keep] });
  const seenAt = new Date(run.startedAt).toISOString();
  return (await withTaskContacts(z, bundle, completed)).map((task) => ({ ...task, id: `${task.taskId}:completed:${seenAt}` }));
};
