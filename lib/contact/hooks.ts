import type { Bundle, ZObject } from 'zapier-platform-core';
import { finishContacts, getContact } from './api';
import { contactFromWebhook, type ContactOutput } from './schema';

/**
 * The contact of a relayed HighLevel contact event (ContactCreate, ContactUpdate, ContactDelete, ContactTagUpdate;
 * docs/highlevel-api.md §9.2), as the polling contact triggers output it. The event body lacks fields the polling
 * output has (dateUpdated, timezone, type, businessId: ContactCreate.md), so the contact is read in full
 * (GET /contacts/{id}, one request) unless `fetch` is false (a deleted contact) or HighLevel no longer has it; then the
 * body is all there is. Custom values get their readable keys from the connection's cached field list.
 */
export const contactFromDelivery = async (
  z: ZObject,
  bundle: Bundle,
  payload: Record<string, unknown>,
  { fetch }: { fetch: boolean },
): Promise<ContactOutput> => {
  const sent = contactFromWebhook(payload);
  const full = fetch && sent.id ? await getContact(z, bundle, sent.id) : undefined;
  const [contact] = await finishContacts(z, bundle, [full ?? sent]);
  return contact;
};
