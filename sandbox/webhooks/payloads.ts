import type { SandboxState } from '../state';
import type { Appointment, Contact, Note, Opportunity, Task } from '../types';
import type { ChangeEvent } from './events';

/**
 * HighLevel's webhook bodies, built from the stored objects at the moment of the change (a snapshot: later writes do
 * not alter an event already emitted). Fields follow the official event docs ("webhook events/*.md" in
 * GoHighLevel/highlevel-api-docs); a field is present when the object has a value and omitted otherwise (never
 * null), so receivers must treat every field but the ids as optional.
 */

/** Who the events come from: the marketplace app and its version (issue #264 shows both on a live event). */
export interface AppIdentity {
  appId: string;
  versionId: string;
  companyId: string;
  userId: string;
  planId: string;
}

type Payload = Record<string, unknown>;

function defined(obj: Payload): Payload {
  const out: Payload = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * ContactCreate/Update/Delete/TagUpdate: the flat contact; ContactDndUpdate adds `dndSettings`. Under the `lower`
 * reading of `contactNameCase` (sandbox/variety.ts) the whole name comes as a lower-cased `contactName` instead.
 */
function contactFields(c: Contact, withDnd: boolean, lowerName: boolean): Payload {
  const fields = defined({
    id: c.id,
    address1: c.address1,
    city: c.city,
    state: c.state,
    companyName: c.companyName,
    country: c.country,
    source: c.source,
    dateAdded: c.dateAdded,
    dateOfBirth: c.dateOfBirth,
    dnd: c.dnd,
    ...(withDnd ? { dndSettings: c.dndSettings ? clone(c.dndSettings) : {} } : {}),
    email: c.email,
    name: c.name,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    postalCode: c.postalCode,
    tags: [...c.tags],
    website: c.website,
    // The sandbox stores no attachments; HighLevel sends the (empty) list anyway.
    attachments: [],
    assignedTo: c.assignedTo,
    customFields: c.customFields.map((cf) => ({ id: cf.id, value: clone(cf.value) })),
  });
  if (!lowerName || fields.name === undefined) return fields;
  const { name, ...rest } = fields;
  return { ...rest, contactName: String(name).toLowerCase() };
}

/** Task events carry no `completed` flag (TaskComplete.md); `body` and `assignedTo` only when set. */
function taskFields(t: Task): Payload {
  return defined({
    id: t.id,
    assignedTo: t.assignedTo,
    body: t.body,
    contactId: t.contactId,
    title: t.title,
    dateAdded: t.dateAdded,
    dueDate: t.dueDate,
  });
}

/** Note events are a fixed allow-list: id, body, contactId, dateAdded (maintainer's answer in issue #312). */
function noteFields(n: Note): Payload {
  return { id: n.id, body: n.body, contactId: n.contactId, dateAdded: n.dateAdded };
}

/**
 * Appointment events nest the appointment. `notes` has no v2 write field (calendars.json `AppointmentCreateSchema`
 * has `description`), so it carries the stored notes, else the description (our reading). `source` is who booked it.
 */
function appointmentFields(a: Appointment): Payload {
  return defined({
    id: a.id,
    address: a.address,
    title: a.title,
    calendarId: a.calendarId,
    contactId: a.contactId,
    groupId: a.groupId,
    appointmentStatus: a.appointmentStatus,
    assignedUserId: a.assignedUserId,
    users: [...a.users],
    notes: a.notes ?? a.description,
    source: a.createdBy.source,
    startTime: a.startTime,
    endTime: a.endTime,
    dateAdded: a.dateAdded,
    dateUpdated: a.dateUpdated,
  });
}

/**
 * Opportunity events are flat and the same for every type (OpportunityCreate.md, OpportunityUpdate.md,
 * OpportunityDelete.md, OpportunityStageUpdate.md, OpportunityStatusUpdate.md): no change dates, no custom values, no
 * lost reason, `dateAdded` for the creation date.
 */
function opportunityFields(o: Opportunity): Payload {
  return defined({
    id: o.id,
    assignedTo: o.assignedTo,
    contactId: o.contactId,
    monetaryValue: o.monetaryValue,
    name: o.name,
    pipelineId: o.pipelineId,
    pipelineStageId: o.pipelineStageId,
    source: o.source,
    status: o.status,
    dateAdded: o.createdAt,
  });
}

/** INSTALL for a location-level install of a non-whitelabel company (AppInstall.md, second example). */
function installFields(state: SandboxState, app: AppIdentity): Payload {
  return {
    appId: app.appId,
    locationId: state.location.id,
    companyId: app.companyId,
    userId: app.userId,
    planId: app.planId,
    trial: { onTrial: false, trialDuration: 0, trialStartDate: state.isoNow() },
    isWhitelabelCompany: false,
    whitelabelDetails: {},
    companyName: `${state.location.name} Agency`,
  };
}

/** The event body without `timestamp` and `webhookId` (the dispatcher adds those when it sends). */
export function buildPayload(event: ChangeEvent, state: SandboxState, app: AppIdentity): Payload {
  const head = { type: event.type, locationId: state.location.id, versionId: app.versionId, appId: app.appId };
  if ('contact' in event) return { ...head, ...contactFields(event.contact, event.type === 'ContactDndUpdate', state.variety.contactNameCase === 'lower') };
  if ('task' in event) {
    const fields = taskFields(event.task);
    // Real TaskCreate events lack both (issue #332): by seed, this sandbox sends them so (sandbox/variety.ts).
    if (event.type === 'TaskCreate' && state.variety.taskCreateEvent === 'thin') {
      delete fields.contactId;
      delete fields.body;
    }
    return { ...head, ...fields };
  }
  if ('note' in event) return { ...head, ...noteFields(event.note) };
  if ('appointment' in event) return { ...head, appointment: appointmentFields(event.appointment) };
  if ('opportunity' in event) return { ...head, ...opportunityFields(event.opportunity) };
  if (event.type === 'INSTALL') return { type: event.type, ...installFields(state, app) };
  // UNINSTALL of a location-level install: appId and locationId only (AppUninstall.md, first example).
  return { type: event.type, appId: app.appId, locationId: state.location.id };
}
