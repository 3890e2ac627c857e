import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { USER_LIST_KEY } from '../lib/keys';
import { listUsers, userLabel } from '../lib/user/api';

/** Users of the location for "assigned to" dropdowns, one page per "load more" (docs/highlevel-api.md §6.7). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listUsers(z, bundle, bundle.meta?.page ?? 0)).map((u) => ({ id: u.id, name: userLabel(u), email: u.email ?? '' }));

export default defineTrigger({
  key: USER_LIST_KEY,
  noun: 'User',
  display: { label: 'List Users', description: 'Triggers when a user is added to the location (lists users for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform,
    sample: { id: 'Yh3pQ5Wmg4rVd8xNt2Ke', name: 'Anna Schmidt (anna@pilates-berlin.example.com)', email: 'anna@pilates-berlin.example.com' },
    outputFields: [
      { key: 'id', label: 'User ID' },
      { key: 'name', label: 'Name' },
      { key: 'email', label: 'Email' },
    ],
  },
});
