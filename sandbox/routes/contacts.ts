import { applyContactInput, newContact } from '../contact_model/input';
import { getContact, rejectDuplicate } from '../contact_model/lookup';
import { normalizePhone } from '../contact_model/normalize';
import { renderContact, renderCreatedContact } from '../contact_model/render';
import { CREATE_CONTACT_SHAPE, UPDATE_CONTACT_SHAPE, UPSERT_CONTACT_SHAPE } from '../contact_model/shapes';
import type { RouteResult } from '../http';
import { unprocessable } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { Contact } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateBody } from '../validate';
import { byBusiness, duplicate, list } from './contact_lists';

const V = VERSION_2021_07_28;
const READ = 'contacts.readonly';
const WRITE = 'contacts.write';

/**
 * The webhook events of one contact write (sandbox/README.md "Webhooks"): ContactCreate or ContactUpdate always,
 * even when nothing changed; ContactTagUpdate when the body wrote `tags`; ContactDndUpdate when it wrote `dnd` or
 * `dndSettings` (not for `inboundDndSettings` alone, issue #264).
 */
function emitContactWrite(ctx: AuthedContext, contact: Contact, body: Record<string, unknown>, created: boolean): void {
  ctx.emit({ type: created ? 'ContactCreate' : 'ContactUpdate', contact });
  if (Array.isArray(body.tags)) ctx.emit({ type: 'ContactTagUpdate', contact });
  if (body.dnd !== undefined || body.dndSettings !== undefined) ctx.emit({ type: 'ContactDndUpdate', contact });
}

function create(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, CREATE_CONTACT_SHAPE);
  assertLocation(ctx, body.locationId);
  rejectDuplicate(ctx.state, body.email, body.phone);
  const contact = newContact(ctx.state);
  applyContactInput(ctx.state, contact, body);
  ctx.state.contactCreated(contact);
  emitContactWrite(ctx, contact, body, true);
  return { status: 201, body: { contact: renderCreatedContact(ctx.state, contact) } };
}

function get(ctx: AuthedContext): RouteResult {
  return { body: { contact: renderContact(ctx.state, getContact(ctx, ctx.params.contactId)) } };
}

function update(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const body = validateBody(ctx.body, UPDATE_CONTACT_SHAPE);
  // Changing email/phone to another contact's value hits the same duplicate rule as create (our choice).
  rejectDuplicate(ctx.state, body.email, body.phone, contact.id);
  const draft: Contact = structuredClone(contact);
  applyContactInput(ctx.state, draft, body);
  const before = structuredClone(contact);
  Object.assign(contact, draft);
  ctx.state.touchContact(contact, before);
  emitContactWrite(ctx, contact, body, false);
  // docs/highlevel-api.md §2: the misspelling `succeded` is the real key.
  return { body: { succeded: true, contact: renderContact(ctx.state, contact) } };
}

function remove(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  ctx.state.contactDeleted(contact);
  for (const [id, task] of ctx.state.tasks) if (task.contactId === contact.id) ctx.state.tasks.delete(id);
  for (const [id, note] of ctx.state.notes) if (note.contactId === contact.id) ctx.state.notes.delete(id);
  // Its tasks and notes go with it, without TaskDelete/NoteDelete events (our reading; the docs are silent).
  ctx.emit({ type: 'ContactDelete', contact });
  return { body: { succeded: true } };
}

/**
 * docs/highlevel-api.md §6.1 upsert: matches by email first, then phone (the location's priority). §11.5 quirks
 * reproduced: when email and phone match two different contacts the email match is updated and the phone is ignored;
 * `gender` is ignored on an existing contact. Tags replace the list, as on update.
 */
function upsert(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, UPSERT_CONTACT_SHAPE);
  assertLocation(ctx, body.locationId);
  const hasEmail = typeof body.email === 'string' && body.email !== '';
  const hasPhone = typeof body.phone === 'string' && body.phone !== '';
  if (!hasEmail && !hasPhone) throw unprocessable(['email or phone is required']);
  const state = ctx.state;
  const forceNew = state.location.settings.allowDuplicateContact && body.createNewIfDuplicateAllowed === true;
  const byEmail = !forceNew && hasEmail ? state.findContactByEmail(body.email as string) : undefined;
  const phoneE164 = hasPhone ? normalizePhone(state, body.phone as string) : undefined;
  const byPhone = !forceNew && phoneE164 ? state.findContactByPhone(phoneE164) : undefined;
  const existing = byEmail ?? byPhone;
  const input = { ...body };
  delete input.locationId;
  delete input.createNewIfDuplicateAllowed;
  if (!existing) {
    const contact = newContact(state);
    applyContactInput(state, contact, input);
    state.contactCreated(contact);
    emitContactWrite(ctx, contact, input, true);
    return { body: { new: true, contact: renderContact(ctx.state, contact) } };
  }
  const draft: Contact = structuredClone(existing);
  applyContactInput(state, draft, input, {
    ignoreGender: true,
    ignorePhone: byEmail !== undefined && byPhone !== undefined && byEmail.id !== byPhone.id,
  });
  const before = structuredClone(existing);
  Object.assign(existing, draft);
  state.touchContact(existing, before);
  emitContactWrite(ctx, existing, input, false);
  return { body: { new: false, contact: renderContact(ctx.state, existing) } };
}

export const contactRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/contacts', version: V, scope: READ, handler: list },
  { method: 'POST', path: '/contacts', version: V, scope: WRITE, handler: create },
  { method: 'POST', path: '/contacts/upsert', version: V, scope: WRITE, handler: upsert },
  { method: 'GET', path: '/contacts/search/duplicate', version: V, scope: READ, handler: duplicate },
  { method: 'GET', path: '/contacts/business/:businessId', version: V, scope: READ, handler: byBusiness },
  { method: 'GET', path: '/contacts/:contactId', version: V, scope: READ, handler: get },
  { method: 'PUT', path: '/contacts/:contactId', version: V, scope: WRITE, handler: update },
  { method: 'DELETE', path: '/contacts/:contactId', version: V, scope: WRITE, handler: remove },
];
