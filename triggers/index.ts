import businessList from './business_list';
import tagList from './tag_list';
import userList from './user_list';

/** Every trigger, keyed by its key. */
export default {
  [userList.key]: userList,
  [tagList.key]: tagList,
  [businessList.key]: businessList,
};
