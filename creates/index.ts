import contactCreate from './contact_create';

/** Every action, keyed by its key. */
export default {
  [contactCreate.key]: contactCreate,
};
