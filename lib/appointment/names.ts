import type { Bundle, ZObject } from 'zapier-platform-core';
import { getContact } from '../contact/api';
import type { ContactOutput } from '../contact/schema';
import { failureName, userNames } from '../user/names';
import { listCalendars } from './api';
import type { Calendar } from './calendar';
import type { AppointmentOutput } from './schema';

/**
 * The names beside an appointment's IDs (issue 14, point 3): the calendar's name (the calendar list, shared per
 * connection), the assigned user's name and email (the user list, lib/user/names.ts) and the contact's name and email.
 * No appointment answer carries the contact's details (calendars spec: CalendarEventDTO, AppointmentSchemaResponse;
 * contacts spec: GetEventSchema; the AppointmentCreate/Update/Delete webhook docs), so they take a GET
 * /contacts/{id}: only with `contacts`, at most `maxContacts` distinct contacts (default MAX_CONTACT_READS; the polling
 * triggers split what they pass on so that every item passed on is named, lib/appointment/poll.ts). Each name is null
 * when unknown or when its read fails; a failed read never fails the step.
 */
export const MAX_CONTACT_READS = 5;

export interface AppointmentNamesOptions {
  /** Read the contacts' names (one GET per distinct contact). */
  contacts: boolean;
  /** Start the list reads now, beside the step's main request (a write, or a read whose answer is awaited). */
  start?: boolean;
  /** A contact known before the main request answers: its read starts now too (with `start`). */
  contactId?: string;
  /** At most this many distinct contacts are read (the first ones of the items); default MAX_CONTACT_READS. */
  maxContacts?: number;
}

export const appointmentNames = (
  z: ZObject,
  bundle: Bundle,
  { contacts, start = false, contactId, maxContacts = MAX_CONTACT_READS }: AppointmentNamesOptions,
) => {
  const users = userNames(z, bundle, { start });
  let calendars: Promise<Calendar[] | undefined> | undefined;
  const readCalendars = () =>
    (calendars ??= listCalendars(z, bundle, { shared: true }).catch((error: unknown) => {
      z.console.log(`Calendar names could not be loaded; only the calendar IDs are given: ${failureName(error)}`);
      return undefined;
    }));
  const contactReads = new Map<string, Promise<ContactOutput | undefined>>();
  const readContact = (id: string) => {
    let read = contactReads.get(id);
    if (!read) {
      read = getContact(z, bundle, id).catch((error: unknown) => {
        z.console.log(`The contact's name could not be loaded; only the contact ID is given: ${failureName(error)}`);
        return undefined;
      });
      contactReads.set(id, read);
    }
    return read;
  };
  if (start) {
    void readCalendars();
    if (contacts && contactId) void readContact(contactId);
  }

  return async <T extends AppointmentOutput>(items: T[]): Promise<T[]> => {
    if (!items.length) return items;
    const contactIds = contacts ? [...new Set(items.map((a) => a.contactId).filter(Boolean))].slice(0, maxContacts) : [];
    const [person, calendarList, people] = await Promise.all([
      users(items.map((a) => a.assignedUserId)),
      items.some((a) => a.calendarId) ? readCalendars() : undefined,
      Promise.all(contactIds.map(async (id) => [id, await readContact(id)] as const)),
    ]);
    const calendarById = new Map((calendarList ?? []).map((c) => [c.id, c]));
    const contactById = new Map(people);
    return items.map((a) => {
      const assignee = person(a.assignedUserId);
      const contact = contactById.get(a.contactId);
      return {
        ...a,
        calendarName: calendarById.get(a.calendarId)?.name?.trim() || null,
        contactName: contact?.name.trim() || null,
        contactEmail: contact?.email.trim() || null,
        assignedUserName: assignee.name,
        assignedUserEmail: assignee.email,
      };
    });
  };
};
