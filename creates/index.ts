import contactCreate from './contact_create';
import contactDelete from './contact_delete';
import contactTagAdd from './contact_tag_add';
import contactTagRemove from './contact_tag_remove';
import contactUpdate from './contact_update';
import contactUpsert from './contact_upsert';

/** Every action, keyed by its key. */
export default {
  [contactCreate.key]: contactCreate,
  [contactUpdate.key]: contactUpdate,
  [contactUpsert.key]: contactUpsert,
  [contactDelete.key]: contactDelete,
  [contactTagAdd.key]: contactTagAdd,
  [contactTagRemove.key]: contactTagRemove,
};
