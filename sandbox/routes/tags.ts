import { getContact } from '../contact_model/lookup';
import { normalizeTags } from '../contact_model/normalize';
import type { RouteResult } from '../http';
import { badRequest, notFound } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { Contact, LocationTag } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateBody } from '../validate';

const V = VERSION_2021_07_28;
/** docs/highlevel-api.md §6.4 / §11.2: the body is `{tags}` only; `locationId` in it answers 422. */
const TAGS_SHAPE = { tags: { type: 'stringArray', required: true } } as const;

function tagsOf(body: Record<string, unknown>): string[] {
  return normalizeTags(Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : []);
}

/**
 * A tag write sends ContactTagUpdate with the full list, and ContactUpdate too (the contact's dateUpdated moved; the
 * docs are silent, so receivers get both). Sent even when the list did not change.
 */
function emitTagChange(ctx: AuthedContext, contact: Contact): void {
  ctx.emit({ type: 'ContactTagUpdate', contact });
  ctx.emit({ type: 'ContactUpdate', contact });
}

/**
 * POST /contacts/:id/tags → 201 {tags}. Unknown tag names join the location's tag list (docs/highlevel-api.md §6.4).
 */
function addTags(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const tags = tagsOf(validateBody(ctx.body, TAGS_SHAPE));
  const before = structuredClone(contact);
  contact.tags = normalizeTags([...contact.tags, ...tags]);
  ctx.state.ensureLocationTags(tags);
  ctx.state.touchContact(contact, before);
  emitTagChange(ctx, contact);
  return { status: 201, body: { tags: [...contact.tags] } };
}

/** DELETE /contacts/:id/tags with a JSON body (docs/highlevel-api.md §11.17) → {tags} left on the contact. */
function removeTags(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const tags = tagsOf(validateBody(ctx.body, TAGS_SHAPE));
  const before = structuredClone(contact);
  contact.tags = contact.tags.filter((t) => !tags.includes(t));
  ctx.state.touchContact(contact, before);
  emitTagChange(ctx, contact);
  return { body: { tags: [...contact.tags] } };
}

function locationTag(ctx: AuthedContext): LocationTag {
  assertLocation(ctx, ctx.params.locationId);
  const tag = ctx.state.tags.get(ctx.params.tagId ?? '');
  if (!tag || tag.locationId !== ctx.token.locationId) throw notFound('Tag not found');
  return tag;
}

function listLocationTags(ctx: AuthedContext): RouteResult {
  assertLocation(ctx, ctx.params.locationId);
  const tags = [...ctx.state.tags.values()].filter((t) => t.locationId === ctx.token.locationId);
  return { body: { tags: tags.map((t) => ({ ...t })) } };
}

const TAG_NAME_SHAPE = { name: { type: 'string', required: true } } as const;

/** POST /locations/:id/tags → {tag} (the spec declares 200 here, not 201). */
function createLocationTag(ctx: AuthedContext): RouteResult {
  assertLocation(ctx, ctx.params.locationId);
  const body = validateBody(ctx.body, TAG_NAME_SHAPE);
  const name = normalizeTags([body.name as string])[0] ?? '';
  if (ctx.state.findTagByName(name)) throw badRequest('A tag with this name already exists.');
  const tag = { id: ctx.state.newId(), name, locationId: ctx.token.locationId };
  ctx.state.tags.set(tag.id, tag);
  return { body: { tag: { ...tag } } };
}

function updateLocationTag(ctx: AuthedContext): RouteResult {
  const tag = locationTag(ctx);
  const body = validateBody(ctx.body, TAG_NAME_SHAPE);
  tag.name = normalizeTags([body.name as string])[0] ?? tag.name;
  return { body: { tag: { ...tag } } };
}

function deleteLocationTag(ctx: AuthedContext): RouteResult {
  const tag = locationTag(ctx);
  ctx.state.tags.delete(tag.id);
  return { body: { succeded: true } };
}

export const tagRoutes: ResourceRoute[] = [
  { method: 'POST', path: '/contacts/:contactId/tags', version: V, scope: 'contacts.write', handler: addTags },
  { method: 'DELETE', path: '/contacts/:contactId/tags', version: V, scope: 'contacts.write', handler: removeTags },
  { method: 'GET', path: '/locations/:locationId/tags', version: V, scope: 'locations/tags.readonly', handler: listLocationTags },
  { method: 'POST', path: '/locations/:locationId/tags', version: V, scope: 'locations/tags.write', handler: createLocationTag },
  {
    method: 'GET',
    path: '/locations/:locationId/tags/:tagId',
    version: V,
    scope: 'locations/tags.readonly',
    handler: (ctx) => ({ body: { tag: { ...locationTag(ctx) } } }),
  },
  { method: 'PUT', path: '/locations/:locationId/tags/:tagId', version: V, scope: 'locations/tags.write', handler: updateLocationTag },
  { method: 'DELETE', path: '/locations/:locationId/tags/:tagId', version: V, scope: 'locations/tags.write', handler: deleteLocationTag },
];
