import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { endpoints } from '../lib/endpoints';
import { contactIdField, listOf, outputLocation } from '../lib/fields/task';
import { checkId, ghl } from '../lib/http';
import { appointmentSample, toAppointmentOutput, type AppointmentOutput } from '../lib/schemas/appointment';
import { contactOutputFields, contactSample, toContactOutput, type ContactOutput } from '../lib/schemas/contact';
import { newestNotesFirst, noteSample, toNoteOutput, type NoteOutput } from '../lib/schemas/note';
import { taskSample, toTaskOutput, type TaskOutput } from '../lib/schemas/task';

export const CONTACT_PROFILE_KEY = 'contact_profile';

/** The contact's flat fields plus summaries a Zap can map directly, and the full lists as line items. */
export interface ContactProfileOutput extends ContactOutput {
  taskCount: number;
  openTaskCount: number;
  noteCount: number;
  appointmentCount: number;
  latestNoteBody: string;
  latestNoteDate: string;
  openTasksText: string;
  nextAppointmentId: string;
  nextAppointmentTitle: string;
  nextAppointmentStartTime: string;
  tasks: TaskOutput[];
  notes: NoteOutput[];
  appointments: AppointmentOutput[];
}

/** "Title (due 2026-07-01)" per open task, one per line, soonest due first. */
const openTasksText = (tasks: TaskOutput[]): string =>
  tasks
    .filter((t) => !t.completed)
    .sort((a, b) => (a.dueDate || '9999').localeCompare(b.dueDate || '9999'))
    .map((t) => `${t.title || '(no title)'}${t.dueDate ? ` (due ${t.dueDate.slice(0, 10)})` : ''}`)
    .join('\n');

/** Appointments sorted by start; the next one is the first that has not started by `now`. */
const byStart = (appointments: AppointmentOutput[]): AppointmentOutput[] =>
  [...appointments].sort((a, b) => Date.parse(a.startTime || '') - Date.parse(b.startTime || '') || 0);

export const toProfile = (
  contact: ContactOutput,
  tasks: TaskOutput[],
  notes: NoteOutput[],
  appointments: AppointmentOutput[],
  now = Date.now(),
): ContactProfileOutput => {
  const latest = notes[0];
  const sorted = byStart(appointments);
  const next = sorted.find((a) => Date.parse(a.startTime) >= now && !/cancel/i.test(a.appointmentStatus));
  return {
    ...contact,
    taskCount: tasks.length,
    openTaskCount: tasks.filter((t) => !t.completed).length,
    noteCount: notes.length,
    appointmentCount: appointments.length,
    latestNoteBody: latest?.body ?? '',
    latestNoteDate: latest?.dateAdded ?? '',
    openTasksText: openTasksText(tasks),
    nextAppointmentId: next?.id ?? '',
    nextAppointmentTitle: next?.title ?? '',
    nextAppointmentStartTime: next?.startTime ?? '',
    tasks,
    notes,
    appointments: sorted,
  };
};

/**
 * GET the contact, its tasks, notes and appointments IN PARALLEL (four requests, about one request's wall time).
 * A missing contact is "nothing found" ([]); a list that answers 404 is empty.
 */
export const perform: SearchPerform = async (z, bundle) => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const path = { contactId };
  const [contact, tasks, notes, appointments] = await Promise.all([
    ghl(z, bundle, endpoints.contactGet, { path, allow404: true }),
    ghl(z, bundle, endpoints.taskList, { path, allow404: true }),
    ghl(z, bundle, endpoints.noteList, { path, allow404: true }),
    ghl(z, bundle, endpoints.contactAppointments, { path, allow404: true }),
  ]);
  if (!contact) return [];
  const locationId = outputLocation(bundle);
  return [
    toProfile(
      toContactOutput(contact, locationId),
      listOf(z, tasks, 'listing the tasks of the contact').map((t) => toTaskOutput(t, locationId, contactId)),
      newestNotesFirst(listOf(z, notes, 'listing the notes of the contact').map((n) => toNoteOutput(n, locationId, contactId))),
      listOf(z, appointments, 'listing the appointments of the contact').map((a) => toAppointmentOutput(a)),
    ),
  ];
};

const sample: ContactProfileOutput = toProfile(
  contactSample,
  [taskSample],
  [noteSample],
  [appointmentSample],
  Date.parse('2026-06-15T00:00:00Z'),
);

export default defineSearch({
  key: CONTACT_PROFILE_KEY,
  noun: 'Contact Profile',
  display: {
    label: 'Find Contact Profile',
    description:
      'Finds a contact\'s whole profile: contact details plus its tasks, notes and appointments, with counts, the latest note, open tasks and the next appointment.',
  },
  operation: {
    inputFields: [contactIdField(true, 'Contact whose profile to fetch, e.g. `ocQHyuzHvysMo5N5VsXc`. Map it from an earlier step such as "Find Contact" or "New Contact".')],
    perform,
    sample,
    outputFields: [
      ...contactOutputFields,
      { key: 'taskCount', label: 'Number of Tasks', type: 'integer' as const },
      { key: 'openTaskCount', label: 'Number of Open Tasks', type: 'integer' as const },
      { key: 'noteCount', label: 'Number of Notes', type: 'integer' as const },
      { key: 'appointmentCount', label: 'Number of Appointments', type: 'integer' as const },
      { key: 'latestNoteBody', label: 'Latest Note Text' },
      { key: 'latestNoteDate', label: 'Latest Note Date', type: 'datetime' as const },
      { key: 'openTasksText', label: 'Open Tasks (one per line)' },
      { key: 'nextAppointmentId', label: 'Next Appointment ID' },
      { key: 'nextAppointmentTitle', label: 'Next Appointment Title' },
      { key: 'nextAppointmentStartTime', label: 'Next Appointment Start Time', type: 'datetime' as const },
      { key: 'tasks[]taskId', label: 'Tasks: Task ID' },
      { key: 'tasks[]title', label: 'Tasks: Title' },
      { key: 'tasks[]dueDate', label: 'Tasks: Due Date' },
      { key: 'tasks[]status', label: 'Tasks: Status' },
      { key: 'notes[]noteId', label: 'Notes: Note ID' },
      { key: 'notes[]body', label: 'Notes: Text' },
      { key: 'notes[]dateAdded', label: 'Notes: Date Added' },
      { key: 'appointments[]id', label: 'Appointments: Appointment ID' },
      { key: 'appointments[]title', label: 'Appointments: Title' },
      { key: 'appointments[]startTime', label: 'Appointments: Start Time' },
      { key: 'appointments[]appointmentStatus', label: 'Appointments: Status' },
    ],
  },
});
