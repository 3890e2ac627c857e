import { z } from 'zod';

/**
 * The event kinds a Zapier subscription can ask for, and the HighLevel webhook `type`s they come from
 * (HighLevel docs, docs/webhook events/*.md; docs/highlevel-api.md §9.2).
 */
export const EVENT_KINDS = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.tag_added',
  'contact.tag_removed',
  'contact.dnd_updated',
  'task.created',
  'task.completed',
  'task.deleted',
  'note.created',
  'note.updated',
  'note.deleted',
  'appointment.created',
  'appointment.updated',
  'appointment.deleted',
  'opportunity.created',
  'opportunity.updated',
  'opportunity.deleted',
  'opportunity.stage_changed',
  'opportunity.status_changed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** HighLevel type → the kind it always yields. Tag kinds come from the snapshot diff (tags.ts), not from here. */
export const KIND_OF_TYPE: Readonly<Record<string, EventKind>> = {
  ContactCreate: 'contact.created',
  ContactUpdate: 'contact.updated',
  ContactDelete: 'contact.deleted',
  ContactDndUpdate: 'contact.dnd_updated',
  TaskCreate: 'task.created',
  TaskComplete: 'task.completed',
  TaskDelete: 'task.deleted',
  NoteCreate: 'note.created',
  NoteUpdate: 'note.updated',
  NoteDelete: 'note.deleted',
  AppointmentCreate: 'appointment.created',
  AppointmentUpdate: 'appointment.updated',
  AppointmentDelete: 'appointment.deleted',
  OpportunityCreate: 'opportunity.created',
  OpportunityUpdate: 'opportunity.updated',
  OpportunityDelete: 'opportunity.deleted',
  OpportunityStageUpdate: 'opportunity.stage_changed',
  OpportunityStatusUpdate: 'opportunity.status_changed',
};

/** Contact types whose body carries the full `tags` list, so they move the tag snapshot. */
export const TAG_BEARING_TYPES: ReadonlySet<string> = new Set(['ContactCreate', 'ContactUpdate', 'ContactTagUpdate']);
export const CONTACT_DELETE_TYPE = 'ContactDelete';
export const UNINSTALL_TYPE = 'UNINSTALL';
export const INSTALL_TYPE = 'INSTALL';

/** Types worth storing: those that feed a kind, the tag diff, or the uninstall cleanup. Others are acknowledged only. */
export function isRelayedType(type: string): boolean {
  return type in KIND_OF_TYPE || TAG_BEARING_TYPES.has(type) || type === UNINSTALL_TYPE;
}

export const filtersSchema = z
  .object({
    tag: z.string().trim().min(1).max(255).optional(),
    calendarId: z.string().trim().min(1).max(100).optional(),
    pipelineId: z.string().trim().min(1).max(100).optional(),
    stageId: z.string().trim().min(1).max(100).optional(),
    status: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type Filters = z.infer<typeof filtersSchema>;

/** Which filters make sense for which kinds: a filter that can never apply is refused, not silently ignored. */
const FILTER_PREFIX: Record<keyof Filters, string> = {
  tag: 'contact.',
  calendarId: 'appointment.',
  pipelineId: 'opportunity.',
  stageId: 'opportunity.',
  status: 'opportunity.',
};

export function filterProblems(kind: EventKind, filters: Filters): string[] {
  return (Object.keys(filters) as (keyof Filters)[])
    .filter((key) => filters[key] !== undefined && !kind.startsWith(FILTER_PREFIX[key]))
    .map((key) => `filter "${key}" applies only to ${FILTER_PREFIX[key]}* events, not ${kind}`);
}

/** HighLevel stores tags lower-cased; compare that way so "VIP" and "vip" are one tag. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

export interface MatchContext {
  kind: EventKind;
  body: Record<string, unknown>;
  /** The contact's tags for contact kinds: the body's list, else the last snapshot. */
  contactTags: string[] | undefined;
  tags?: { added: string[]; removed: string[] } | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function matchesFilters(filters: Filters, ctx: MatchContext): boolean {
  if (filters.tag !== undefined) {
    const wanted = normalizeTag(filters.tag);
    const pool = ctx.kind === 'contact.tag_added' ? ctx.tags?.added : ctx.kind === 'contact.tag_removed' ? ctx.tags?.removed : ctx.contactTags;
    if (!pool || !pool.some((t) => normalizeTag(t) === wanted)) return false;
  }
  if (filters.calendarId !== undefined) {
    const appointment = ctx.body.appointment;
    const calendarId = appointment && typeof appointment === 'object' ? str((appointment as Record<string, unknown>).calendarId) : undefined;
    if (calendarId !== filters.calendarId) return false;
  }
  if (filters.pipelineId !== undefined && str(ctx.body.pipelineId) !== filters.pipelineId) return false;
  if (filters.stageId !== undefined && str(ctx.body.pipelineStageId) !== filters.stageId) return false;
  if (filters.status !== undefined && str(ctx.body.status)?.toLowerCase() !== filters.status.toLowerCase()) return false;
  return true;
}
