/**
 * Dynamic dropdowns shared by operations: each points at a hidden trigger that lists the choices.
 * The keys of those triggers are exported from their files and referenced here, never retyped.
 */
import { USER_LIST_KEY } from '../../triggers/user_list';
import { TAG_LIST_KEY } from '../../triggers/tag_list';
import { BUSINESS_LIST_KEY } from '../../triggers/business_list';
import { TASK_LIST_KEY } from '../../triggers/task_list';
import { NOTE_LIST_KEY } from '../../triggers/note_list';
import { CONTACT_LIST_KEY } from '../../triggers/contact_list';
import { CALENDAR_LIST_KEY } from '../../triggers/calendar_list';
import { APPOINTMENT_LIST_KEY } from '../../triggers/appointment_list';
import { CUSTOM_FIELD_LIST_KEY } from '../../triggers/custom_field_list';

export const USER_DROPDOWN = { dynamic: `${USER_LIST_KEY}.id.name` };
export const TAG_DROPDOWN = { dynamic: `${TAG_LIST_KEY}.name.name` };
export const BUSINESS_DROPDOWN = { dynamic: `${BUSINESS_LIST_KEY}.id.name` };
/** Tasks and notes of the contact chosen above on the same action (the list triggers read its contactId). */
export const TASK_DROPDOWN = { dynamic: `${TASK_LIST_KEY}.id.label` };
export const NOTE_DROPDOWN = { dynamic: `${NOTE_LIST_KEY}.id.label` };
export const CONTACT_DROPDOWN = { dynamic: `${CONTACT_LIST_KEY}.id.name` };
/** Calendars labelled with their default slot length; appointments labelled with title, start and status. */
export const CALENDAR_DROPDOWN = { dynamic: `${CALENDAR_LIST_KEY}.id.label` };
export const APPOINTMENT_DROPDOWN = { dynamic: `${APPOINTMENT_LIST_KEY}.id.label` };
/** Contact custom fields labelled with their type. */
export const CUSTOM_FIELD_DROPDOWN = { dynamic: `${CUSTOM_FIELD_LIST_KEY}.id.label` };
