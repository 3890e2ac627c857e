import type { Bundle, ZObject } from 'zapier-platform-core';
import { zod } from '../schema/zod';
import { cachedList } from '../http/cache';
import { locationIdOf } from '../http/client';
import { listUsers, User } from './api';

/**
 * The names beside assignee IDs in outputs (issue 14, point 3). They come from the location's user list, one request
 * shared per connection for a few minutes and read at most once per invocation (lib/http/cache.ts), so a poll spends
 * at most that one cached read on them. The list is the first page of GET /users/search (USER_PAGE_SIZE users, or
 * every user on GET /users/): a user past it, or one HighLevel does not list (deleted), has null names, as does any
 * assignee when the list cannot be read. A failed read never fails the step: the record was read or written already,
 * and a failed write step is replayed by Zapier.
 */
export interface Person {
  name: string | null;
  email: string | null;
}

const NOBODY: Person = { name: null, email: null };

export const cachedUsers = (z: ZObject, bundle: Bundle): Promise<User[]> =>
  cachedList(z, bundle, {
    key: `ghl:users:${locationIdOf(z, bundle)}`,
    schema: zod.array(User),
    shared: true,
    fetch: () => listUsers(z, bundle, 0),
  });

/** A user's readable name (HighLevel's `name`, else first and last name) and email; null when there is none. */
export const personOf = (user: User | undefined): Person => {
  if (!user) return NOBODY;
  const name =
    user.name?.trim() ||
    [user.firstName, user.lastName]
      .map((part) => part?.trim())
      .filter(Boolean)
      .join(' ');
  return { name: name || null, email: user.email?.trim() || null };
};

/** Why a side read failed, without anything the answer said (it may hold contact data). */
export const failureName = (error: unknown): string => (error instanceof Error ? error.name : 'error');

export type PersonLookup = (id: string) => Person;

/**
 * A reader of assignee names. With `start`, the user list is read from now on, beside the step's main request (for a
 * write whose input names an assignee); otherwise only once `lookup` gets an assignee id: with none, nothing is read.
 */
export const userNames = (z: ZObject, bundle: Bundle, { start = false }: { start?: boolean } = {}) => {
  let users: Promise<User[] | undefined> | undefined;
  const read = () =>
    (users ??= cachedUsers(z, bundle).catch((error: unknown) => {
      z.console.log(`User names could not be loaded; only the user IDs are given: ${failureName(error)}`);
      return undefined;
    }));
  if (start) void read();
  return async (ids: readonly string[]): Promise<PersonLookup> => {
    if (!ids.some(Boolean)) return () => NOBODY;
    const byId = new Map(((await read()) ?? []).map((u) => [u.id, u]));
    return (id) => (id ? personOf(byId.get(id)) : NOBODY);
  };
};

/** The lookup for these assignee ids, read now (for callers with nothing to run beside it). */
export const assigneeLookup = (z: ZObject, bundle: Bundle, ids: readonly string[]): Promise<PersonLookup> => userNames(z, bundle)(ids);
