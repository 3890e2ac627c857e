/**
 * The fields of HighLevel's webhook event examples and their JSON types, from the official docs ("webhook events/
 * <Type>.md" in GoHighLevel/highlevel-api-docs: the Example block of each page; AppInstall.md's second example, a
 * location-level install of a non-whitelabel company; AppUninstall.md's first example). `timestamp` and `webhookId`
 * sit at the top level of every body (docs/oauth/WebhookAuthentication.md, example payload).
 */

export type Spec = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'value' | Shape | [Shape];
export interface Shape {
  [field: string]: Spec;
}

const ENVELOPE: Shape = { timestamp: 'string', webhookId: 'string' };

const CONTACT: Shape = {
  ...ENVELOPE,
  type: 'string',
  locationId: 'string',
  id: 'string',
  address1: 'string',
  city: 'string',
  state: 'string',
  companyName: 'string',
  country: 'string',
  source: 'string',
  dateAdded: 'string',
  dateOfBirth: 'string',
  dnd: 'boolean',
  email: 'string',
  name: 'string',
  firstName: 'string',
  lastName: 'string',
  phone: 'string',
  postalCode: 'string',
  tags: 'array',
  website: 'string',
  attachments: 'array',
  assignedTo: 'string',
  // `value` is string | number | array | object in the docs' schema.
  customFields: [{ id: 'string', value: 'value' }],
};

const DND_CHANNEL: Shape = { status: 'string', message: 'string', code: 'string' };

const TASK: Shape = {
  ...ENVELOPE,
  type: 'string',
  locationId: 'string',
  id: 'string',
  assignedTo: 'string',
  body: 'string',
  contactId: 'string',
  title: 'string',
  dateAdded: 'string',
  dueDate: 'string',
};

const NOTE: Shape = { ...ENVELOPE, type: 'string', locationId: 'string', id: 'string', body: 'string', contactId: 'string', dateAdded: 'string' };

const APPOINTMENT: Shape = {
  ...ENVELOPE,
  type: 'string',
  locationId: 'string',
  appointment: {
    id: 'string',
    address: 'string',
    title: 'string',
    calendarId: 'string',
    contactId: 'string',
    groupId: 'string',
    appointmentStatus: 'string',
    assignedUserId: 'string',
    users: 'array',
    notes: 'string',
    source: 'string',
    startTime: 'string',
    endTime: 'string',
    dateAdded: 'string',
    dateUpdated: 'string',
  },
};

/** OpportunityCreate.md; OpportunityUpdate, …Delete, …StageUpdate and …StatusUpdate show the same fields. */
const OPPORTUNITY: Shape = {
  ...ENVELOPE,
  type: 'string',
  locationId: 'string',
  id: 'string',
  assignedTo: 'string',
  contactId: 'string',
  monetaryValue: 'number',
  name: 'string',
  pipelineId: 'string',
  pipelineStageId: 'string',
  source: 'string',
  status: 'string',
  dateAdded: 'string',
};

export const DOC_SHAPES: Record<string, Shape> = {
  ContactCreate: CONTACT,
  ContactUpdate: CONTACT,
  ContactDelete: CONTACT,
  ContactTagUpdate: CONTACT,
  ContactDndUpdate: {
    ...CONTACT,
    dndSettings: { SMS: DND_CHANNEL, Call: DND_CHANNEL, Email: DND_CHANNEL, GMB: DND_CHANNEL, FB: DND_CHANNEL, WhatsApp: DND_CHANNEL },
  },
  TaskCreate: TASK,
  TaskComplete: TASK,
  TaskDelete: TASK,
  NoteCreate: NOTE,
  NoteUpdate: NOTE,
  NoteDelete: NOTE,
  AppointmentCreate: APPOINTMENT,
  AppointmentUpdate: APPOINTMENT,
  AppointmentDelete: APPOINTMENT,
  OpportunityCreate: OPPORTUNITY,
  OpportunityUpdate: OPPORTUNITY,
  OpportunityDelete: OPPORTUNITY,
  OpportunityStageUpdate: OPPORTUNITY,
  OpportunityStatusUpdate: OPPORTUNITY,
  INSTALL: {
    ...ENVELOPE,
    type: 'string',
    appId: 'string',
    locationId: 'string',
    companyId: 'string',
    userId: 'string',
    planId: 'string',
    trial: { onTrial: 'boolean', trialDuration: 'number', trialStartDate: 'string' },
    isWhitelabelCompany: 'boolean',
    whitelabelDetails: 'object',
    companyName: 'string',
  },
  UNINSTALL: { ...ENVELOPE, type: 'string', appId: 'string', locationId: 'string' },
};

function typeProblem(at: string, spec: Exclude<Spec, Shape | [Shape]>, value: unknown): string | undefined {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const ok =
    spec === 'array'
      ? Array.isArray(value)
      : spec === 'object'
        ? isObject
        : spec === 'value'
          ? ['string', 'number'].includes(typeof value) || Array.isArray(value) || isObject
          : typeof value === spec;
  return ok ? undefined : `${at} should be ${spec}, got ${JSON.stringify(value)}`;
}

/** Every field of `shape` missing from `payload` or of the wrong JSON type; [] when the payload fits. */
export function shapeProblems(payload: unknown, shape: Shape, at = ''): string[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [`${at || 'payload'} should be an object`];
  const record = payload as Record<string, unknown>;
  const problems: string[] = [];
  for (const [field, spec] of Object.entries(shape)) {
    const path = at ? `${at}.${field}` : field;
    const value = record[field];
    if (value === undefined) problems.push(`${path} is missing`);
    else if (Array.isArray(spec)) {
      if (!Array.isArray(value) || value.length === 0) problems.push(`${path} should be a non-empty array`);
      else value.forEach((item, i) => problems.push(...shapeProblems(item, spec[0], `${path}.${i}`)));
    } else if (typeof spec === 'object') problems.push(...shapeProblems(value, spec, path));
    else {
      const problem = typeProblem(path, spec, value);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}
