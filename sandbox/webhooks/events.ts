import type { Appointment, Contact, Note, Opportunity, Task } from '../types';

/**
 * The changes a route reports. Each becomes one HighLevel webhook event of the same `type` (docs/highlevel-api.md
 * §9.2; official docs "webhook events/<type>.md" in GoHighLevel/highlevel-api-docs).
 */

export const CONTACT_EVENTS = ['ContactCreate', 'ContactUpdate', 'ContactDelete', 'ContactTagUpdate', 'ContactDndUpdate'] as const;
export const TASK_EVENTS = ['TaskCreate', 'TaskComplete', 'TaskDelete'] as const;
export const NOTE_EVENTS = ['NoteCreate', 'NoteUpdate', 'NoteDelete'] as const;
export const APPOINTMENT_EVENTS = ['AppointmentCreate', 'AppointmentUpdate', 'AppointmentDelete'] as const;
/** OpportunityMonetaryValueUpdate and OpportunityAssignedToUpdate are documented too, but not simulated. */
export const OPPORTUNITY_EVENTS = ['OpportunityCreate', 'OpportunityUpdate', 'OpportunityDelete', 'OpportunityStageUpdate', 'OpportunityStatusUpdate'] as const;
export const APP_EVENTS = ['INSTALL', 'UNINSTALL'] as const;

export const WEBHOOK_EVENT_TYPES = [...CONTACT_EVENTS, ...TASK_EVENTS, ...NOTE_EVENTS, ...APPOINTMENT_EVENTS, ...OPPORTUNITY_EVENTS, ...APP_EVENTS] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export type ChangeEvent =
  | { type: (typeof CONTACT_EVENTS)[number]; contact: Contact }
  | { type: (typeof TASK_EVENTS)[number]; task: Task }
  | { type: (typeof NOTE_EVENTS)[number]; note: Note }
  | { type: (typeof APPOINTMENT_EVENTS)[number]; appointment: Appointment }
  | { type: (typeof OPPORTUNITY_EVENTS)[number]; opportunity: Opportunity }
  | { type: (typeof APP_EVENTS)[number] };

/** Where routes report changes; a no-op when webhooks are off. */
export type Emit = (event: ChangeEvent) => void;
