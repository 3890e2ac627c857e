import contactFind from './contact_find';
import contactFindByBusiness from './contact_find_by_business';
import contactFindById from './contact_find_by_id';

/** Every search, keyed by its key. */
export default {
  [contactFind.key]: contactFind,
  [contactFindById.key]: contactFindById,
  [contactFindByBusiness.key]: contactFindByBusiness,
};
