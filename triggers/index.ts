import businessList from './business_list';
import customFieldList from './custom_field_list';
import tagList from './tag_list';
import userList from './user_list';
import contactList from './contact_list';
import contactNew from './contact_new';
import contactTagAdded from './contact_tag_added';
import contactUpdated from './contact_updated';
import noteList from './note_list';
import noteNew from './note_new';
import noteUpdated from './note_updated';
import taskCompleted from './task_completed';
import taskList from './task_list';
import taskNew from './task_new';
import taskUpdated from './task_updated';
import appointmentList from './appointment_list';
import appointmentNew from './appointment_new';
import appointmentUpdated from './appointment_updated';
import calendarList from './calendar_list';
import pipelineList from './pipeline_list';
import pipelineStageList from './pipeline_stage_list';
import lostReasonList from './lost_reason_list';
import opportunityList from './opportunity_list';
import opportunityNew from './opportunity_new';
import opportunityStageChanged from './opportunity_stage_changed';
import opportunityStatusChanged from './opportunity_status_changed';
import workflowList from './workflow_list';
import campaignList from './campaign_list';
import formList from './form_list';
import formSubmissionNew from './form_submission_new';
import contactNewInstant from './contact_new_instant';
import contactUpdatedInstant from './contact_updated_instant';
import contactDeletedInstant from './contact_deleted_instant';
import contactTagAddedInstant from './contact_tag_added_instant';
import contactTagRemovedInstant from './contact_tag_removed_instant';
import taskNewInstant from './task_new_instant';
import taskCompletedInstant from './task_completed_instant';
import noteNewInstant from './note_new_instant';
import noteUpdatedInstant from './note_updated_instant';
import appointmentNewInstant from './appointment_new_instant';
import appointmentUpdatedInstant from './appointment_updated_instant';
import appointmentDeletedInstant from './appointment_deleted_instant';
import opportunityNewInstant from './opportunity_new_instant';
import opportunityStageChangedInstant from './opportunity_stage_changed_instant';
import opportunityStatusChangedInstant from './opportunity_status_changed_instant';

/** Every trigger, keyed by its key. */
export default {
  [userList.key]: userList,
  [tagList.key]: tagList,
  [businessList.key]: businessList,
  [customFieldList.key]: customFieldList,
  [contactList.key]: contactList,
  [contactNew.key]: contactNew,
  [contactUpdated.key]: contactUpdated,
  [contactTagAdded.key]: contactTagAdded,
  [taskList.key]: taskList,
  [taskNew.key]: taskNew,
  [taskCompleted.key]: taskCompleted,
  [taskUpdated.key]: taskUpdated,
  [noteList.key]: noteList,
  [noteNew.key]: noteNew,
  [noteUpdated.key]: noteUpdated,
  [calendarList.key]: calendarList,
  [appointmentList.key]: appointmentList,
  [appointmentNew.key]: appointmentNew,
  [appointmentUpdated.key]: appointmentUpdated,
  [pipelineList.key]: pipelineList,
  [pipelineStageList.key]: pipelineStageList,
  [lostReasonList.key]: lostReasonList,
  [opportunityList.key]: opportunityList,
  [opportunityNew.key]: opportunityNew,
  [opportunityStageChanged.key]: opportunityStageChanged,
  [opportunityStatusChanged.key]: opportunityStatusChanged,
  [workflowList.key]: workflowList,
  [campaignList.key]: campaignList,
  [formList.key]: formList,
  [formSubmissionNew.key]: formSubmissionNew,
  // Instant (REST hook) triggers, through the relay (relay/README.md).
  [contactNewInstant.key]: contactNewInstant,
  [contactUpdatedInstant.key]: contactUpdatedInstant,
  [contactDeletedInstant.key]: contactDeletedInstant,
  [contactTagAddedInstant.key]: contactTagAddedInstant,
  [contactTagRemovedInstant.key]: contactTagRemovedInstant,
  [taskNewInstant.key]: taskNewInstant,
  [taskCompletedInstant.key]: taskCompletedInstant,
  [noteNewInstant.key]: noteNewInstant,
  [noteUpdatedInstant.key]: noteUpdatedInstant,
  [appointmentNewInstant.key]: appointmentNewInstant,
  [appointmentUpdatedInstant.key]: appointmentUpdatedInstant,
  [appointmentDeletedInstant.key]: appointmentDeletedInstant,
  [opportunityNewInstant.key]: opportunityNewInstant,
  [opportunityStageChangedInstant.key]: opportunityStageChangedInstant,
  [opportunityStatusChangedInstant.key]: opportunityStatusChangedInstant,
};
