/**
 * Operation keys that other code names: the hidden triggers behind dropdowns, the search-or-create pairs and the
 * searches that input fields link to. They live here, at the bottom of the tree, so shared code can name an
 * operation without importing it; each operation file takes its own key from here. Keys are permanent once
 * published (renaming breaks live Zaps). A test proves each names an operation file of the same name.
 */
export const USER_LIST_KEY = 'user_list';
export const TAG_LIST_KEY = 'tag_list';
export const BUSINESS_LIST_KEY = 'business_list';
export const CUSTOM_FIELD_LIST_KEY = 'custom_field_list';
export const CONTACT_LIST_KEY = 'contact_list';
export const TASK_LIST_KEY = 'task_list';
export const NOTE_LIST_KEY = 'note_list';
export const CALENDAR_LIST_KEY = 'calendar_list';
export const APPOINTMENT_LIST_KEY = 'appointment_list';
export const PIPELINE_LIST_KEY = 'pipeline_list';
export const PIPELINE_STAGE_LIST_KEY = 'pipeline_stage_list';
export const LOST_REASON_LIST_KEY = 'lost_reason_list';
export const OPPORTUNITY_LIST_KEY = 'opportunity_list';
export const WORKFLOW_LIST_KEY = 'workflow_list';
export const CAMPAIGN_LIST_KEY = 'campaign_list';
export const FORM_LIST_KEY = 'form_list';

export const CONTACT_FIND_KEY = 'contact_find';
export const CONTACT_CREATE_KEY = 'contact_create';
export const CONTACT_UPDATE_KEY = 'contact_update';
export const TASK_FIND_KEY = 'task_find';
export const NOTE_FIND_KEY = 'note_find';
export const TASK_CREATE_KEY = 'task_create';
export const APPOINTMENT_FIND_KEY = 'appointment_find';
export const OPPORTUNITY_FIND_KEY = 'opportunity_find';
export const OPPORTUNITY_CREATE_KEY = 'opportunity_create';
export const OPPORTUNITY_UPDATE_KEY = 'opportunity_update';

// Replay-safe creates whose attempt records (lib/http/replay.ts) their object's home keys on.
export const NOTE_CREATE_KEY = 'note_create';
export const APPOINTMENT_CREATE_KEY = 'appointment_create';
