import type { Bundle, ZObject } from 'zapier-platform-core';
import { contactAppointments } from '../appointment/api';
import { ContactAnswer, contactFromRest } from '../contact/schema';
import { ghl, isGranted, outputLocation } from '../http/client';
import { endpoints } from '../http/endpoints';
import { contactNotes } from '../note/api';
import { searchOpportunities, withNames } from '../opportunity/api';
import { listPipelines } from '../opportunity/pipeline';
import type { OpportunityOutput } from '../opportunity/schema';
import { contactTasks } from '../task/api';
import { assigneeLookup } from '../user/names';
import { toProfile, type ContactProfileOutput } from './schema';

/** The contact's opportunities (one search page of 100, every status), with pipeline and stage names. */
const contactOpportunities = async (z: ZObject, bundle: Bundle, contactId: string): Promise<OpportunityOutput[]> =>
  withNames(z, bundle, await searchOpportunities(z, bundle, { contactId, status: 'all' }, 1), { customValues: false, owners: false });

/**
 * GET the contact, its tasks, notes, appointments and opportunities, and the pipeline list (for stage names), IN
 * PARALLEL (six requests, about one request's wall time). A missing contact is undefined ("nothing found"); a list that
 * answers 404 is empty. A connection made before the app asked for opportunities.readonly gets the profile without
 * opportunities (`opportunitiesIncluded: false`) instead of an error.
 */
export const contactProfile = async (z: ZObject, bundle: Bundle, contactId: string): Promise<ContactProfileOutput | undefined> => {
  const withOpportunities = isGranted(bundle, 'opportunities.readonly');
  const [contact, tasks, notes, appointments, opportunities] = await Promise.all([
    ghl(z, bundle, endpoints.contactGet, { path: { contactId }, allow404: true, answer: ContactAnswer, unreadable: 'without the contact' }),
    contactTasks(z, bundle, contactId, true),
    contactNotes(z, bundle, contactId, true),
    contactAppointments(z, bundle, contactId),
    withOpportunities ? contactOpportunities(z, bundle, contactId) : undefined,
    // Started with the rest; withNames above takes the same list (one fetch per invocation).
    withOpportunities ? listPipelines(z, bundle).catch(() => []) : undefined,
  ]);
  if (!contact) return undefined;
  // The assignee's name only once the contact names one (the user list is shared per connection, usually at hand).
  const read = contactFromRest(contact, outputLocation(bundle));
  const person = (await assigneeLookup(z, bundle, [read.assignedTo]))(read.assignedTo);
  return toProfile({ ...read, assignedToName: person.name, assignedToEmail: person.email }, { tasks, notes, appointments, opportunities });
};
