import {
  applyContactInput,
  CREATE_CONTACT_SHAPE,
  newContact,
  normalizePhone,
  renderContact,
  renderCreatedContact,
  renderSearchContact,
  UPDATE_CONTACT_SHAPE,
  UPSERT_CONTACT_SHAPE,
} from '../contact_model';
import type { RouteResult } from '../http';
import { badRequest, notFound, unprocessable, validateBody, validateQuery } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { SandboxState } from '../state';
import type { Contact } from '../types';
import { VERSION_2021_07_28 } from '../types';

const V = VERSION_2021_07_28;
const READ = 'contacts.readonly';
const WRITE = 'contacts.write';

/** Missing objects answer 404 with NestJS's shape (REFERENCE §2 lists 404; the exact text is our choice). */
export function getContact(ctx: AuthedContext, id: string | undefined): Contact {
  const contact = id ? ctx.state.contacts.get(id) : undefined;
  if (!contact || contact.locationId !== ctx.token.locationId) throw notFound('Contact not found');
  return contact;
}

interface DuplicateMatch {
  contact: Contact;
  matchingField: 'email' | 'phone';
}

function findDuplicate(
  state: SandboxState,
  email: unknown,
  phone: unknown,
  exceptId?: string,
): DuplicateMatch | undefined {
  if (typeof email === 'string' && email !== '') {
    const byEmail = state.findContactByEmail(email);
    if (byEmail && byEmail.id !== exceptId) return { contact: byEmail, matchingField: 'email' };
  }
  if (typeof phone === 'string' && phone !== '') {
    const e164 = normalizePhone(state, phone);
    const byPhone = e164 ? state.findContactByPhone(e164) : undefined;
    if (byPhone && byPhone.id !== exceptId) return { contact: byPhone, matchingField: 'phone' };
  }
  return undefined;
}

/** §11.4: the location disallows duplicates → 400 with meta.contactId / meta.matchingField. */
function rejectDuplicate(state: SandboxState, email: unknown, phone: unknown, exceptId?: string): void {
  if (state.location.settings.allowDuplicateContact) return;
  const dup = findDuplicate(state, email, phone, exceptId);
  if (dup) {
    throw badRequest('This location does not allow duplicated contacts.', {
      meta: { contactId: dup.contact.id, matchingField: dup.matchingField },
    });
  }
}

function create(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, CREATE_CONTACT_SHAPE);
  assertLocation(ctx, body.locationId);
  rejectDuplicate(ctx.state, body.email, body.phone);
  const contact = newContact(ctx.state);
  applyContactInput(ctx.state, contact, body);
  ctx.state.contacts.set(contact.id, contact);
  return { status: 201, body: { contact: renderCreatedContact(contact) } };
}

function get(ctx: AuthedContext): RouteResult {
  return { body: { contact: renderContact(getContact(ctx, ctx.params.contactId)) } };
}

function update(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const body = validateBody(ctx.body, UPDATE_CONTACT_SHAPE);
  // Changing email/phone to another contact's value hits the same duplicate rule as create (our choice).
  rejectDuplicate(ctx.state, body.email, body.phone, contact.id);
  const draft: Contact = structuredClone(contact);
  applyContactInput(ctx.state, draft, body);
  Object.assign(contact, draft);
  ctx.state.touchContact(contact);
  // §2: the misspelling `succeded` is the real key.
  return { body: { succeded: true, contact: renderContact(contact) } };
}

function remove(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  ctx.state.contacts.delete(contact.id);
  for (const [id, task] of ctx.state.tasks) if (task.contactId === contact.id) ctx.state.tasks.delete(id);
  for (const [id, note] of ctx.state.notes) if (note.contactId === contact.id) ctx.state.notes.delete(id);
  return { body: { succeded: true } };
}

/**
 * §6.1 upsert: matches by email first, then phone (the location's priority). §11.5 quirks reproduced: when email
 * and phone match two different contacts the email match is updated and the phone is ignored; `gender` is ignored
 * on an existing contact. Tags replace the list, as on update.
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
    state.contacts.set(contact.id, contact);
    return { body: { new: true, contact: renderContact(contact) } };
  }
  const draft: Contact = structuredClone(existing);
  applyContactInput(state, draft, input, {
    ignoreGender: true,
    ignorePhone: byEmail !== undefined && byPhone !== undefined && byEmail.id !== byPhone.id,
  });
  Object.assign(existing, draft);
  state.touchContact(existing);
  return { body: { new: false, contact: renderContact(existing) } };
}

/** §6.1 duplicate lookup: `number` (not `phone`) and/or `email`; email has priority. */
function duplicate(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    number: { type: 'string' },
    email: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  if (!q.number && !q.email) throw unprocessable(['either number or email is required']);
  const match = findDuplicate(ctx.state, q.email, q.number);
  return { body: { contact: match ? renderContact(match.contact) : null } };
}

function byBusiness(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    limit: { type: 'numeric' },
    skip: { type: 'numeric' },
    query: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  const business = ctx.state.businesses.get(ctx.params.businessId ?? '');
  if (!business || business.locationId !== ctx.token.locationId) throw notFound('Business not found');
  const needle = q.query?.toLowerCase();
  const matches = ctx.state
    .contactsOfLocation()
    .filter((c) => c.businessId === business.id)
    .filter((c) => !needle || [c.fullNameLowerCase, c.emailLowerCase, c.phone].some((v) => v?.includes(needle)))
    .sort((a, b) => (a.dateAdded < b.dateAdded ? 1 : a.dateAdded > b.dateAdded ? -1 : 0));
  const skip = Number(q.skip ?? 0);
  const limit = Number(q.limit ?? 25);
  const page = matches.slice(skip, skip + limit).map((c) => renderSearchContact(ctx.state, c));
  return { body: { contacts: page, count: matches.length } };
}

/** Deprecated `GET /contacts/` (§6.1, §4): cursor by `startAfter` (ms) + `startAfterId`, oldest first. */
function list(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, {
    locationId: { type: 'string', required: true },
    limit: { type: 'numeric', max: 100 },
    startAfterId: { type: 'string' },
    startAfter: { type: 'numeric' },
    query: { type: 'string' },
  });
  assertLocation(ctx, q.locationId);
  const limit = Number(q.limit ?? 20);
  const needle = q.query?.toLowerCase();
  const all = ctx.state
    .contactsOfLocation()
    .filter((c) => !needle || [c.fullNameLowerCase, c.emailLowerCase, c.phone].some((v) => v?.includes(needle)))
    .sort((a, b) => Date.parse(a.dateAdded) - Date.parse(b.dateAdded) || (a.id < b.id ? -1 : 1));
  let start = 0;
  if (q.startAfter !== undefined) {
    const after = Number(q.startAfter);
    start = all.findIndex((c) => {
      const t = Date.parse(c.dateAdded);
      return t > after || (t === after && q.startAfterId !== undefined && c.id > q.startAfterId);
    });
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + limit);
  const last = page[page.length - 1];
  const hasMore = start + limit < all.length;
  const currentPage = Math.floor(start / limit) + 1;
  return {
    body: {
      contacts: page.map((c) => renderSearchContact(ctx.state, c)),
      meta: {
        total: all.length,
        ...(hasMore && last
          ? {
              startAfterId: last.id,
              startAfter: Date.parse(last.dateAdded),
              nextPageUrl: `/contacts/?locationId=${ctx.token.locationId}&limit=${limit}&startAfter=${Date.parse(last.dateAdded)}&startAfterId=${last.id}`,
            }
          : {}),
        currentPage,
        nextPage: hasMore ? currentPage + 1 : null,
        prevPage: currentPage > 1 ? currentPage - 1 : null,
      },
    },
  };
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
