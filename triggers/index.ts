import businessList from './business_list';
import tagList from './tag_list';
import userList from './user_list';
import contactList from './contact_list';
import contactNew from './contact_new';
import contactTagAdded from './contact_tag_added';
import contactUpdated from './contact_updated';

/** Every trigger, keyed by its key. */
export default {
  [userList.key]: userList,
  [tagList.key]: tagList,
  [businessList.key]: businessList,
  [contactList.key]: contactList,
  [contactNew.key]: contactNew,
  [contactUpdated.key]: contactUpdated,
  [contactTagAdded.key]: contactTagAdded,
};
