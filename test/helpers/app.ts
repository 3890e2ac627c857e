import * as zapier from 'zapier-platform-core';
import App from '../../index';
import { SCOPE_STRING } from '../../lib/http/scopes';
import { gated } from '../../lib/input';

export { App };
const tester = zapier.createAppTester(App);
/** Every function of the app's definition, for appFunction below. */
const appFunctions = new Set<unknown>();
const collect = (node: unknown, seen = new Set<unknown>()): void => {
  if (typeof node === 'function') appFunctions.add(node);
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  for (const value of Object.values(node)) collect(value, seen);
};
collect(App);
/** The app's own function for `fn`: `fn` when the app holds it, else the app's gated copy of it, else `fn` (an ad-hoc function). */
const appFunction = (fn: unknown): unknown => {
  if (typeof fn !== 'function' || appFunctions.has(fn)) return fn;
  const gatedFn = gated(fn as never);
  return appFunctions.has(gatedFn) ? gatedFn : fn;
};
/**
 * The app tester, given an operation's function as its file exports it: the app holds that function behind the input
 * gate (index.ts, lib/input.ts `gated`, one wrapper per function), so the tester is handed the app's own function and
 * runs the operation as Zapier does (its method path, with the platform's checks of a trigger's or search's result).
 */
export const appTester = ((method: unknown, bundle?: object, clear?: boolean) =>
  (tester as (m: unknown, b?: object, c?: boolean) => Promise<unknown>)(appFunction(method), bundle, clear)) as typeof tester;

// Each test is a fresh Zapier world: the tester's in-memory z.cache (custom fields, replay records, refresh results)
// starts empty, so no test meets another's records. test/setup.ts calls this before every test of every file (a hook
// registered here would run only for the first file of a worker, since files share this module).
(globalThis as unknown as Record<symbol, () => void>)[Symbol.for('highlevel-zapier.test.reset-tester')] = () => {
  (tester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
};

export const API = 'https://services.leadconnectorhq.com';
export const LOCATION_ID = 've9EPM428h8vShlRW1KT';
export const COMPANY_ID = 'Cm5nY7pQ2rS4tU6vW8xZ';
export const USER_ID = 'Yh3pQ5Wmg4rVd8xNt2Ke';

/** A connection as Zapier stores it after the OAuth flow (fake values, never real secrets). */
export const authData = {
  access_token: 'fake-access-token',
  refresh_token: 'fake-refresh-token',
  locationId: LOCATION_ID,
  companyId: COMPANY_ID,
  userId: USER_ID,
  scope: SCOPE_STRING,
};

/** Matches the Version header HighLevel wants for the endpoint group (docs/highlevel-api.md §1). */
export const CONTACTS_VERSION = { reqheaders: { version: '2021-07-28', authorization: 'Bearer fake-access-token' } };
export const CALENDARS_VERSION = { reqheaders: { version: '2021-04-15', authorization: 'Bearer fake-access-token' } };

export interface ThrownError {
  name: string;
  message: string;
  code?: string;
  status?: number;
}

/** Awaits a rejection and reads it as a user would see it (z.errors.Error serialises message/code/status as JSON). */
export const thrown = async (promise: Promise<unknown>): Promise<ThrownError> => {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { delay?: number };
    try {
      const parsed = JSON.parse(e.message) as { message: string; code?: string; status?: number };
      return { name: e.name, ...parsed };
    } catch {
      return { name: e.name, message: e.message };
    }
  }
  throw new Error('Expected the operation to fail, but it succeeded.');
};
