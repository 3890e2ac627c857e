import { getContact } from '../contact_model/lookup';
import type { RouteResult } from '../http';
import { notFound } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import type { Note } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateBody } from '../validate';

const V = VERSION_2021_07_28;

/** Note shape (docs/highlevel-api.md §7): dateAdded, no dateUpdated. */
function renderNote(note: Note): Record<string, unknown> {
  const out: Record<string, unknown> = { id: note.id, body: note.body };
  if (note.userId !== undefined) out.userId = note.userId;
  out.dateAdded = note.dateAdded;
  out.contactId = note.contactId;
  if (note.title !== undefined) out.title = note.title;
  if (note.color !== undefined) out.color = note.color;
  if (note.pinned !== undefined) out.pinned = note.pinned;
  return out;
}

function getNote(ctx: AuthedContext): Note {
  const contact = getContact(ctx, ctx.params.contactId);
  const note = ctx.state.notes.get(ctx.params.id ?? '');
  if (!note || note.contactId !== contact.id) throw notFound('Note not found');
  return note;
}

/** docs/highlevel-api.md §6.3 / §11.2: body required on create; locationId in the body answers 422. */
const CREATE_SHAPE = {
  body: { type: 'string', required: true },
  userId: { type: 'string' },
  title: { type: 'string' },
  color: { type: 'string' },
  pinned: { type: 'boolean' },
} as const;

const UPDATE_SHAPE = { ...CREATE_SHAPE, body: { type: 'string' } } as const;

function apply(note: Note, body: Record<string, unknown>): void {
  if (typeof body.body === 'string') note.body = body.body;
  if (typeof body.userId === 'string') note.userId = body.userId;
  if (typeof body.title === 'string') note.title = body.title;
  if (typeof body.color === 'string') note.color = body.color;
  if (typeof body.pinned === 'boolean') note.pinned = body.pinned;
}

function create(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const body = validateBody(ctx.body, CREATE_SHAPE);
  const note: Note = { id: ctx.state.newId(), contactId: contact.id, body: '', dateAdded: ctx.state.isoNow() };
  apply(note, body);
  ctx.state.notes.set(note.id, note);
  ctx.emit({ type: 'NoteCreate', note });
  return { status: 201, body: { note: renderNote(note) } };
}

function list(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const notes = [...ctx.state.notes.values()].filter((n) => n.contactId === contact.id).map(renderNote);
  return { body: { notes } };
}

export const noteRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/contacts/:contactId/notes', version: V, scope: 'contacts.readonly', handler: list },
  { method: 'POST', path: '/contacts/:contactId/notes', version: V, scope: 'contacts.write', handler: create },
  {
    method: 'GET',
    path: '/contacts/:contactId/notes/:id',
    version: V,
    scope: 'contacts.readonly',
    handler: (ctx) => ({ body: { note: renderNote(getNote(ctx)) } }),
  },
  {
    method: 'PUT',
    path: '/contacts/:contactId/notes/:id',
    version: V,
    scope: 'contacts.write',
    handler: (ctx) => {
      const note = getNote(ctx);
      apply(note, validateBody(ctx.body, UPDATE_SHAPE));
      ctx.emit({ type: 'NoteUpdate', note }); // even when nothing changed
      return { body: { note: renderNote(note) } };
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/:contactId/notes/:id',
    version: V,
    scope: 'contacts.write',
    handler: (ctx) => {
      const note = getNote(ctx);
      ctx.state.notes.delete(note.id);
      ctx.emit({ type: 'NoteDelete', note });
      return { body: { succeded: true } };
    },
  },
];
