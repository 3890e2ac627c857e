import { appointmentDef, appointmentSample, type AppointmentOutput } from '../appointment/schema';
import { contactDef, contactSample, type ContactOutput } from '../contact/schema';
import { noteDef, noteSample, type NoteOutput } from '../note/schema';
import { opportunityDef, opportunitySample, type OpportunityOutput } from '../opportunity/schema';
import { defineObject, field, type OutputOf } from '../schema/define';
import { timeOf } from '../schema/values';
import { taskDef, taskSample, type TaskOutput } from '../task/schema';

/**
 * The assembled contact profile (Find Contact Profile): the contact's flat fields plus summaries a Zap can map
 * directly, and the full lists of its tasks, notes, appointments and opportunities as line items.
 */
export const profileDef = defineObject({
  ...contactDef.fields,
  taskCount: field.integer('Number of Tasks'),
  openTaskCount: field.integer('Number of Open Tasks'),
  noteCount: field.integer('Number of Notes'),
  appointmentCount: field.integer('Number of Appointments'),
  latestNoteBody: field.text('Latest Note Text'),
  latestNoteDate: field.datetime('Latest Note Date'),
  openTasksText: field.text('Open Tasks (one per line)'),
  nextAppointmentId: field.text('Next Appointment ID'),
  nextAppointmentTitle: field.text('Next Appointment Title'),
  nextAppointmentStartTime: field.datetime('Next Appointment Start Time'),
  tasks: field.items(() => taskDef.strict, 'Tasks', [
    { key: 'taskId', label: 'Tasks: Task ID' },
    { key: 'title', label: 'Tasks: Title' },
    { key: 'dueDate', label: 'Tasks: Due Date' },
    { key: 'status', label: 'Tasks: Status' },
  ]),
  notes: field.items(() => noteDef.strict, 'Notes', [
    { key: 'noteId', label: 'Notes: Note ID' },
    { key: 'body', label: 'Notes: Text' },
    { key: 'dateAdded', label: 'Notes: Date Added' },
  ]),
  appointments: field.items(() => appointmentDef.strict, 'Appointments', [
    { key: 'id', label: 'Appointments: Appointment ID' },
    { key: 'title', label: 'Appointments: Title' },
    { key: 'startTime', label: 'Appointments: Start Time' },
    { key: 'appointmentStatus', label: 'Appointments: Status' },
  ]),
  opportunitiesIncluded: field.flag('Opportunities Included (the connection may read them)'),
  opportunityCount: field.integer('Number of Opportunities'),
  openOpportunityCount: field.integer('Number of Open Opportunities'),
  openOpportunityValue: field.number('Value of Open Opportunities'),
  opportunities: field.items(() => opportunityDef.strict, 'Opportunities', [
    { key: 'id', label: 'Opportunities: Opportunity ID' },
    { key: 'name', label: 'Opportunities: Name' },
    { key: 'pipelineName', label: 'Opportunities: Pipeline' },
    { key: 'stageName', label: 'Opportunities: Stage' },
    { key: 'status', label: 'Opportunities: Status' },
    { key: 'monetaryValue', label: 'Opportunities: Value', type: 'number' },
  ]),
});

export interface ProfileParts {
  tasks: TaskOutput[];
  notes: NoteOutput[];
  appointments: AppointmentOutput[];
  /** Undefined when the connection may not read opportunities (a connection made before the app asked for them). */
  opportunities?: OpportunityOutput[];
}

export type ContactProfileOutput = OutputOf<typeof profileDef.fields>;

/** "Title (due 2026-07-01)" per open task, one per line, soonest due first. */
const openTasksText = (tasks: TaskOutput[]): string =>
  tasks
    .filter((t) => !t.completed)
    .sort((a, b) => (a.dueDate || '9999').localeCompare(b.dueDate || '9999'))
    .map((t) => `${t.title || '(no title)'}${t.dueDate ? ` (due ${t.dueDate.slice(0, 10)})` : ''}`)
    .join('\n');

/** Appointments sorted by start; the next one is the first that has not started by `now`. */
const byStart = (appointments: AppointmentOutput[]): AppointmentOutput[] => [...appointments].sort((a, b) => timeOf(a.startTime) - timeOf(b.startTime) || 0);

/** Notes come newest first (lib/note/api.ts): the first is the latest. */
export const toProfile = (contact: ContactOutput, { tasks, notes, appointments, opportunities }: ProfileParts, now = Date.now()): ContactProfileOutput => {
  const latest = notes[0];
  const sorted = byStart(appointments);
  const next = sorted.find((a) => timeOf(a.startTime) >= now && !/cancel/i.test(a.appointmentStatus));
  const open = (opportunities ?? []).filter((o) => o.status === 'open');
  return {
    ...contact,
    taskCount: tasks.length,
    openTaskCount: tasks.filter((t) => !t.completed).length,
    noteCount: notes.length,
    appointmentCount: appointments.length,
    latestNoteBody: latest?.body ?? '',
    latestNoteDate: latest?.dateAdded ?? null,
    openTasksText: openTasksText(tasks),
    nextAppointmentId: next?.id ?? '',
    nextAppointmentTitle: next?.title ?? '',
    nextAppointmentStartTime: next?.startTime ?? null,
    tasks,
    notes,
    appointments: sorted,
    opportunitiesIncluded: opportunities !== undefined,
    opportunityCount: opportunities?.length ?? 0,
    openOpportunityCount: open.length,
    openOpportunityValue: open.reduce((sum, o) => sum + o.monetaryValue, 0),
    opportunities: opportunities ?? [],
  };
};

export const profileSample = toProfile(
  contactSample,
  { tasks: [taskSample], notes: [noteSample], appointments: [appointmentSample], opportunities: [opportunitySample] },
  Date.parse('2026-06-15T00:00:00Z'),
) satisfies ContactProfileOutput;

export const profileOutputFields = profileDef.outputFields;
