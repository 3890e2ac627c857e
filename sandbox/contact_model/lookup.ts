import { badRequest, notFound } from '../http';
import type { AuthedContext } from '../router';
import type { SandboxState } from '../state';
import type { Contact } from '../types';
import { normalizePhone } from './normalize';

/**
 * Missing objects answer 404 with NestJS's shape (docs/highlevel-api.md §2 lists 404; the exact text is our choice).
 */
export function getContact(ctx: AuthedContext, id: string | undefined): Contact {
  const contact = id ? ctx.state.contacts.get(id) : undefined;
  if (!contact || contact.locationId !== ctx.token.locationId) throw notFound('Contact not found');
  return contact;
}

export interface DuplicateMatch {
  contact: Contact;
  matchingField: 'email' | 'phone';
}

/** The contact another one would duplicate: email first, then phone (the location's matching priority). */
export function findDuplicate(state: SandboxState, email: unknown, phone: unknown, exceptId?: string): DuplicateMatch | undefined {
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

/** docs/highlevel-api.md §11.4: the location disallows duplicates → 400 with meta.contactId / meta.matchingField. */
export function rejectDuplicate(state: SandboxState, email: unknown, phone: unknown, exceptId?: string): void {
  if (state.location.settings.allowDuplicateContact) return;
  const dup = findDuplicate(state, email, phone, exceptId);
  if (dup) {
    throw badRequest('This location does not allow duplicated contacts.', {
      meta: { contactId: dup.contact.id, matchingField: dup.matchingField },
    });
  }
}
