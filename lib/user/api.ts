import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { checkId } from '../input';

/** Users of the location (docs/highlevel-api.md §6.7), for "assigned to" dropdowns. */
export const User = lazy(() =>
  zod.looseObject({
    id: zod.string(),
    name: zod.string().nullish(),
    firstName: zod.string().nullish(),
    lastName: zod.string().nullish(),
    email: zod.string().nullish(),
  }),
);
export type User = z.infer<typeof User>;

const UserPage = lazy(() => zod.looseObject({ users: zod.array(User).default([]), count: zod.number().optional() }));

export const USER_PAGE_SIZE = 100;

/**
 * One page of users: GET /users/search needs the company id from the token answer; a connection without one falls
 * back to the older GET /users/, which answers every user of the location at once (so it has only a first page).
 */
export const listUsers = async (z: ZObject, bundle: Bundle, pageNumber: number): Promise<User[]> => {
  const locationId = locationIdOf(z, bundle);
  const companyId = bundle.authData.companyId;
  if (companyId) {
    const page = await ghl(z, bundle, endpoints.userSearch, {
      query: { companyId: checkId(z, "The connection's company ID", companyId), locationId, skip: pageNumber * USER_PAGE_SIZE, limit: USER_PAGE_SIZE },
      answer: UserPage,
      unreadable: 'with a user list the app cannot read',
    });
    return page.users;
  }
  if (pageNumber > 0) return [];
  return (
    (await ghl(z, bundle, endpoints.userList, {
      query: { locationId },
      answer: zod.array(User).nullish(),
      unreadable: 'with a user list the app cannot read',
    })) ?? []
  );
};

/** "Anna Schmidt (anna@example.com)": what a user recognises in the user dropdown. */
export const userLabel = (u: User): string => {
  const name = u.name || [u.firstName, u.lastName].filter(Boolean).join(' ') || u.email || u.id;
  return u.email ? `${name} (${u.email})` : name;
};
