import type { Bundle, ZObject } from 'zapier-platform-core';
import { contactAppointments } from '../appointment/api';
import { ContactAnswer, contactFromRest } from '../contact/schema';
import { ghl, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { contactNotes } from '../note/api';
import { contactTasks } from '../task/api';
import { toProfile, type ContactProfileOutput } from './schema';

/**
 * GET the contact, its tasks, notes and appointments IN PARALLEL (four requests, about one request's wall time).
 * A missing contact is undefined ("nothing found"); a list that answers 404 is empty.
 */
export const contactProfile = async (z: ZObject, bundle: Bundle, contactId: string): Promise<ContactProfileOutput | undefined> => {
  const [contact, tasks, notes, appointments] = await Promise.all([
    ghl(z, bundle, endpoints.contactGet, { path: { contactId }, allow404: true, answer: ContactAnswer, unreadable: 'without the contact' }),
    contactTasks(z, bundle, contactId, true),
    contactNotes(z, bundle, contactId, true),
    contactAppointments(z, bundle, contactId),
  ]);
  if (!contact) return undefined;
  return toProfile(contactFromRest(contact, outputLocation(bundle)), tasks, notes, appointments);
};
