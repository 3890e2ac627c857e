import contactFind from './contact_find';
import contactFindByBusiness from './contact_find_by_business';
import contactFindByCustomField from './contact_find_by_custom_field';
import contactFindById from './contact_find_by_id';
import contactProfile from './contact_profile';
import noteFind from './note_find';
import taskFind from './task_find';
import appointmentFind from './appointment_find';
import appointmentFindByContact from './appointment_find_by_contact';
import calendarFreeSlots from './calendar_free_slots';
import opportunityFind from './opportunity_find';

/** Every search, keyed by its key. */
export default {
  [contactFind.key]: contactFind,
  [contactFindById.key]: contactFindById,
  [contactFindByBusiness.key]: contactFindByBusiness,
  [contactFindByCustomField.key]: contactFindByCustomField,
  [taskFind.key]: taskFind,
  [noteFind.key]: noteFind,
  [contactProfile.key]: contactProfile,
  [appointmentFind.key]: appointmentFind,
  [appointmentFindByContact.key]: appointmentFindByContact,
  [calendarFreeSlots.key]: calendarFreeSlots,
  [opportunityFind.key]: opportunityFind,
};
