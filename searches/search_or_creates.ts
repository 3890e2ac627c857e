import {
  CONTACT_CREATE_KEY,
  CONTACT_FIND_KEY,
  CONTACT_UPDATE_KEY,
  OPPORTUNITY_CREATE_KEY,
  OPPORTUNITY_FIND_KEY,
  OPPORTUNITY_UPDATE_KEY,
  TASK_CREATE_KEY,
  TASK_FIND_KEY,
} from '../lib/keys';

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
  [OPPORTUNITY_FIND_KEY]: {
    key: OPPORTUNITY_FIND_KEY,
    display: {
      label: 'Find or Create Opportunity',
      description: 'Finds an opportunity by contact, pipeline, stage, status or name, creates it if none is found, and can update the one it found.',
    },
    search: OPPORTUNITY_FIND_KEY,
    create: OPPORTUNITY_CREATE_KEY,
    // The found opportunity's id feeds Update Opportunity's "Opportunity" field when the user opts to update it.
    update: OPPORTUNITY_UPDATE_KEY,
    updateInputFromSearchOutput: { opportunityId: 'id' },
  },
};
