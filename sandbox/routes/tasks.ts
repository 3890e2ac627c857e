import { getContact } from '../contact_model/lookup';
import type { RouteResult } from '../http';
import { notFound } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { Task } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateBody } from '../validate';

const V = VERSION_2021_07_28;

/** REST task shape (docs/highlevel-api.md §7): no dateAdded/dateUpdated. */
function renderTask(task: Task): Record<string, unknown> {
  const out: Record<string, unknown> = { id: task.id, title: task.title };
  if (task.body !== undefined) out.body = task.body;
  if (task.assignedTo !== undefined) out.assignedTo = task.assignedTo;
  out.dueDate = task.dueDate;
  out.completed = task.completed;
  out.contactId = task.contactId;
  return out;
}

function getTask(ctx: AuthedContext): Task {
  const contact = getContact(ctx, ctx.params.contactId);
  const task = ctx.state.tasks.get(ctx.params.taskId ?? '');
  if (!task || task.contactId !== contact.id) throw notFound('Task not found');
  return task;
}

/**
 * docs/highlevel-api.md §6.2 / §11.8: title, dueDate (ISO-8601) and completed are required; locationId in the body
 * answers 422.
 */
const CREATE_SHAPE = {
  title: { type: 'string', required: true },
  body: { type: 'string' },
  dueDate: { type: 'isoDate', required: true },
  completed: { type: 'boolean', required: true },
  assignedTo: { type: 'string' },
} as const;

const UPDATE_SHAPE = {
  title: { type: 'string' },
  body: { type: 'string' },
  dueDate: { type: 'isoDate' },
  completed: { type: 'boolean' },
  assignedTo: { type: 'string' },
} as const;

function applyTask(task: Task, body: Record<string, unknown>): void {
  if (typeof body.title === 'string') task.title = body.title;
  if (typeof body.body === 'string') task.body = body.body;
  if (typeof body.dueDate === 'string') task.dueDate = new Date(body.dueDate).toISOString();
  if (typeof body.completed === 'boolean') task.completed = body.completed;
  if (typeof body.assignedTo === 'string') {
    if (body.assignedTo === '') delete task.assignedTo;
    else task.assignedTo = body.assignedTo;
  }
}

function create(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const body = validateBody(ctx.body, CREATE_SHAPE);
  const now = ctx.state.isoNow();
  const task: Task = {
    id: ctx.state.newId(),
    contactId: contact.id,
    title: '',
    dueDate: '',
    completed: false,
    dateAdded: now,
    dateUpdated: now,
  };
  applyTask(task, body);
  ctx.state.tasks.set(task.id, task);
  ctx.emit({ type: 'TaskCreate', task });
  if (task.completed) ctx.emit({ type: 'TaskComplete', task });
  return { status: 201, body: { task: renderTask(task) } };
}

/**
 * HighLevel has no TaskUpdate event: an update sends TaskComplete when it writes `completed: true` (even on a task
 * already done), and nothing otherwise (reopening a task included).
 */
function update(ctx: AuthedContext, shape: typeof UPDATE_SHAPE | typeof COMPLETED_SHAPE): RouteResult {
  const task = getTask(ctx);
  const body = validateBody(ctx.body, shape);
  applyTask(task, body);
  task.dateUpdated = ctx.state.isoNow();
  if (body.completed === true) ctx.emit({ type: 'TaskComplete', task });
  return { body: { task: renderTask(task) } };
}

const COMPLETED_SHAPE = { completed: { type: 'boolean', required: true } } as const;

function list(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const tasks = [...ctx.state.tasks.values()].filter((t) => t.contactId === contact.id).map(renderTask);
  return { body: { tasks } };
}

function remove(ctx: AuthedContext): RouteResult {
  const task = getTask(ctx);
  ctx.state.tasks.delete(task.id);
  ctx.emit({ type: 'TaskDelete', task });
  return { body: { succeded: true } };
}

const SEARCH_SHAPE = {
  contactId: { type: 'stringArray' },
  completed: { type: 'boolean' },
  assignedTo: { type: 'stringArray' },
  query: { type: 'string' },
  limit: { type: 'number', min: 1 },
  skip: { type: 'number', min: 0 },
  businessId: { type: 'string' },
} as const;

/** A stable pseudo-random rank of a task id (FNV-1a over salt and id): the "shuffled" search order. */
function shuffleRank(salt: number, id: string): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The search order. HighLevel documents none (no sort parameter, docs/highlevel-api.md §14.4), so the sandbox takes
 * one the app cannot lean on: oldest first (the newest tasks on the last page) or a fixed shuffle, chosen by seed.
 */
function searchOrder(ctx: AuthedContext): (a: Task, b: Task) => number {
  const { taskOrder, taskOrderSalt } = ctx.state;
  if (taskOrder === 'shuffled') return (a, b) => shuffleRank(taskOrderSalt, a.id) - shuffleRank(taskOrderSalt, b.id) || (a.id < b.id ? -1 : 1);
  return (a, b) => (a.dateAdded < b.dateAdded ? -1 : a.dateAdded > b.dateAdded ? 1 : a.id < b.id ? -1 : 1);
}

/**
 * `POST /locations/:locationId/tasks/search` (docs/highlevel-api.md §6.2). Items are richer than the REST task (the
 * spec leaves them untyped); offset paging by `limit`/`skip`; the order is `searchOrder`.
 */
function search(ctx: AuthedContext): RouteResult {
  assertLocation(ctx, ctx.params.locationId);
  const body = validateBody(ctx.body, SEARCH_SHAPE);
  const contactIds = Array.isArray(body.contactId) ? (body.contactId as string[]) : undefined;
  const assignees = Array.isArray(body.assignedTo) ? (body.assignedTo as string[]) : undefined;
  const needle = typeof body.query === 'string' && body.query !== '' ? body.query.toLowerCase() : undefined;
  const rows = [...ctx.state.tasks.values()]
    .filter((t) => {
      const contact = ctx.state.contacts.get(t.contactId);
      if (!contact || contact.locationId !== ctx.token.locationId) return false;
      if (contactIds && !contactIds.includes(t.contactId)) return false;
      if (assignees && (!t.assignedTo || !assignees.includes(t.assignedTo))) return false;
      if (typeof body.completed === 'boolean' && t.completed !== body.completed) return false;
      if (typeof body.businessId === 'string' && contact.businessId !== body.businessId) return false;
      if (needle && !`${t.title} ${t.body ?? ''}`.toLowerCase().includes(needle)) return false;
      return true;
    })
    .sort(searchOrder(ctx));
  const skip = typeof body.skip === 'number' ? body.skip : 0;
  const limit = typeof body.limit === 'number' ? body.limit : 20;
  const tasks = rows.slice(skip, skip + limit).map((t) => {
    const contact = ctx.state.contacts.get(t.contactId);
    return {
      ...renderTask(t),
      locationId: ctx.token.locationId,
      dateAdded: t.dateAdded,
      dateUpdated: t.dateUpdated,
      contactDetails: {
        id: t.contactId,
        ...(contact?.firstName ? { firstName: contact.firstName } : {}),
        ...(contact?.lastName ? { lastName: contact.lastName } : {}),
        ...(contact?.email ? { email: contact.email } : {}),
        ...(contact?.phone ? { phone: contact.phone } : {}),
      },
    };
  });
  return { body: { tasks } };
}

export const taskRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/contacts/:contactId/tasks', version: V, scope: 'contacts.readonly', handler: list },
  { method: 'POST', path: '/contacts/:contactId/tasks', version: V, scope: 'contacts.write', handler: create },
  {
    method: 'GET',
    path: '/contacts/:contactId/tasks/:taskId',
    version: V,
    scope: 'contacts.readonly',
    handler: (ctx) => ({ body: { task: renderTask(getTask(ctx)) } }),
  },
  {
    method: 'PUT',
    path: '/contacts/:contactId/tasks/:taskId',
    version: V,
    scope: 'contacts.write',
    handler: (ctx) => update(ctx, UPDATE_SHAPE),
  },
  {
    method: 'PUT',
    path: '/contacts/:contactId/tasks/:taskId/completed',
    version: V,
    scope: 'contacts.write',
    handler: (ctx) => update(ctx, COMPLETED_SHAPE),
  },
  { method: 'DELETE', path: '/contacts/:contactId/tasks/:taskId', version: V, scope: 'contacts.write', handler: remove },
  { method: 'POST', path: '/locations/:locationId/tasks/search', version: V, scope: 'locations/tasks.readonly', handler: search },
];
