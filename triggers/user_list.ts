import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { endpoints } from '../lib/endpoints';
import { checkId, ghl, locationIdOf } from '../lib/http';

export const USER_LIST_KEY = 'user_list';
const PAGE_SIZE = 100;

const User = zod.looseObject({
  id: zod.string(),
  name: zod.string().nullish(),
  firstName: zod.string().nullish(),
  lastName: zod.string().nullish(),
  email: zod.string().nullish(),
});
const UserPage = zod.looseObject({ users: zod.array(User).default([]), count: zod.number().optional() });

/**
 * Users of the location for "assigned to" dropdowns: GET /users/search, one page per "load more" (REFERENCE.md §6.7).
 * It needs the company id from the token answer; a connection without one falls back to the older GET /users/,
 * which answers every user of the location at once.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const locationId = locationIdOf(z, bundle);
  const pageNumber = bundle.meta?.page ?? 0;
  const companyId = bundle.authData.companyId;
  let users: zod.infer<typeof User>[];
  if (companyId) {
    const page = UserPage.parse(
      await ghl(z, bundle, endpoints.userSearch, {
        query: { companyId: checkId(z, "The connection's company ID", companyId), locationId, skip: pageNumber * PAGE_SIZE, limit: PAGE_SIZE },
      }),
    );
    users = page.users;
  } else {
    users = pageNumber > 0 ? [] : zod.array(User).parse((await ghl(z, bundle, endpoints.userList, { query: { locationId } })) ?? []);
  }
  return users.map((u) => {
    const name = u.name || [u.firstName, u.lastName].filter(Boolean).join(' ') || u.email || u.id;
    return { id: u.id, name: u.email ? `${name} (${u.email})` : name, email: u.email ?? '' };
  });
};

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
