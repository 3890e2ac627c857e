import { CONTACT_CREATE_KEY } from '../creates/contact_create';
import { CONTACT_UPDATE_KEY } from '../creates/contact_update';
import { CONTACT_FIND_KEY } from './contact_find';
import { TASK_CREATE_KEY } from '../creates/task_create';
import { TASK_FIND_KEY } from './task_find';

/** Find-or-create pairs (Zapier's searchOrCreates), keyed by the search key. */
export default {
  [CONTACT_FIND_KEY]: {
    key: CONTACT_FIND_KEY,
    display: {
      label: 'Find or Create Contact',
      description: 'Finds a contact by email or phone, creates it if none is found, and can update the contact it found.',
    },
    search: CONTACT_FIND_KEY,
    create: CONTACT_CREATE_KEY,
    // The found contact's id feeds Update Contact's "Contact" field when the user opts to update it.
    update: CONTACT_UPDATE_KEY,
    updateInputFromSearchOutput: { contactId: 'id' },
  },
  [TASK_FIND_KEY]: {
    key: TASK_FIND_KEY,
    display: {
      label: 'Find or Create Task',
      description: 'Finds a task on a contact by title, and creates it if none is found.',
    },
    search: TASK_FIND_KEY,
    create: TASK_CREATE_KEY,
  },
};
