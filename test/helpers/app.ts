import * as zapier from 'zapier-platform-core';
import App from '../../index';
import { SCOPE_STRING } from '../../lib/http/scopes';

export { App };
export const appTester = zapier.createAppTester(App);

// Each test is a fresh Zapier world: the tester's in-memory z.cache (custom fields, replay records, refresh results)
// starts empty, so no test meets another's records. test/setup.ts calls this before every test of every file (a hook
// registered here would run only for the first file of a worker, since files share this module).
(globalThis as unknown as Record<symbol, () => void>)[Symbol.for('highlevel-zapier.test.reset-tester')] = () => {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
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
