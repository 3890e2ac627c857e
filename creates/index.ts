import contactCreate from './contact_create';
import contactDelete from './contact_delete';
import contactTagAdd from './contact_tag_add';
import contactTagRemove from './contact_tag_remove';
import contactUpdate from './contact_update';
import contactUpsert from './contact_upsert';
import tagCreate from './tag_create';
import noteCreate from './note_create';
import noteDelete from './note_delete';
import noteUpdate from './note_update';
import taskComplete from './task_complete';
import taskCreate from './task_create';
import taskDelete from './task_delete';
import taskUpdate from './task_update';
import appointmentCancel from './appointment_cancel';
import appointmentCreate from './appointment_create';
import appointmentDelete from './appointment_delete';
import appointmentUpdate from './appointment_update';
import opportunityCreate from './opportunity_create';
import opportunityUpdate from './opportunity_update';
import opportunityUpsert from './opportunity_upsert';
import opportunityDelete from './opportunity_delete';
import contactWorkflowAdd from './contact_workflow_add';
import contactWorkflowRemove from './contact_workflow_remove';
import contactCampaignAdd from './contact_campaign_add';
import contactCampaignRemove from './contact_campaign_remove';
import apiRequest from './api_request';

/** Every action, keyed by its key. */
export default {
  [contactCreate.key]: contactCreate,
  [contactUpdate.key]: contactUpdate,
  [contactUpsert.key]: contactUpsert,
  [contactDelete.key]: contactDelete,
  [contactTagAdd.key]: contactTagAdd,
  [contactTagRemove.key]: contactTagRemove,
  [tagCreate.key]: tagCreate,
  [taskCreate.key]: taskCreate,
  [taskUpdate.key]: taskUpdate,
  [taskComplete.key]: taskComplete,
  [taskDelete.key]: taskDelete,
  [noteCreate.key]: noteCreate,
  [noteUpdate.key]: noteUpdate,
  [noteDelete.key]: noteDelete,
  [appointmentCreate.key]: appointmentCreate,
  [appointmentUpdate.key]: appointmentUpdate,
  [appointmentCancel.key]: appointmentCancel,
  [appointmentDelete.key]: appointmentDelete,
  [opportunityCreate.key]: opportunityCreate,
  [opportunityUpdate.key]: opportunityUpdate,
  [opportunityUpsert.key]: opportunityUpsert,
  [opportunityDelete.key]: opportunityDelete,
  [contactWorkflowAdd.key]: contactWorkflowAdd,
  [contactWorkflowRemove.key]: contactWorkflowRemove,
  [contactCampaignAdd.key]: contactCampaignAdd,
  [contactCampaignRemove.key]: contactCampaignRemove,
  [apiRequest.key]: apiRequest,
};
