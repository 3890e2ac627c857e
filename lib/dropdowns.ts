import {
  APPOINTMENT_LIST_KEY,
  BUSINESS_LIST_KEY,
  CALENDAR_LIST_KEY,
  CAMPAIGN_LIST_KEY,
  CONTACT_LIST_KEY,
  CUSTOM_FIELD_LIST_KEY,
  FORM_LIST_KEY,
  LOST_REASON_LIST_KEY,
  NOTE_LIST_KEY,
  OPPORTUNITY_LIST_KEY,
  PIPELINE_LIST_KEY,
  PIPELINE_STAGE_LIST_KEY,
  TAG_LIST_KEY,
  TASK_LIST_KEY,
  USER_LIST_KEY,
  WORKFLOW_LIST_KEY,
} from './keys';

/** Dynamic dropdowns shared by operations: each points at a hidden trigger that lists the choices (lib/keys.ts). */
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
/** Pipelines; stages of the pipeline chosen above on the same step (the list trigger reads its pipelineId). */
export const PIPELINE_DROPDOWN = { dynamic: `${PIPELINE_LIST_KEY}.id.name` };
export const PIPELINE_STAGE_DROPDOWN = { dynamic: `${PIPELINE_STAGE_LIST_KEY}.id.label` };
export const LOST_REASON_DROPDOWN = { dynamic: `${LOST_REASON_LIST_KEY}.id.name` };
/** Opportunities labelled with their name, stage and value. */
export const OPPORTUNITY_DROPDOWN = { dynamic: `${OPPORTUNITY_LIST_KEY}.id.label` };
/** Workflows and campaigns labelled with their status (HighLevel does not say which statuses can take contacts). */
export const WORKFLOW_DROPDOWN = { dynamic: `${WORKFLOW_LIST_KEY}.id.label` };
export const CAMPAIGN_DROPDOWN = { dynamic: `${CAMPAIGN_LIST_KEY}.id.label` };
export const FORM_DROPDOWN = { dynamic: `${FORM_LIST_KEY}.id.name` };
