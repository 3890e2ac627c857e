import nock from 'nock';
import { perform } from '../../triggers/user_list';
import { API, COMPANY_ID, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';

const users = [
  { id: 'Yh3pQ5Wmg4rVd8xNt2Ke', name: 'Anna Schmidt', email: 'anna@pilates-berlin.example.com' },
  { id: 'Us2bC3dE4fG5hI6jK7lM', firstName: 'Ben', lastName: 'Koch' },
];

describe('triggers.user_list (Assigned User dropdown)', () => {
  it('pages through GET /users/search with the company id, 100 a page', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/users/search')
      .query({ companyId: COMPANY_ID, locationId: LOCATION_ID, skip: '100', limit: '100' })
      .reply(200, { users, count: 102 });
    const result = await appTester(perform, { authData, meta: { page: 1 } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([
      { id: 'Yh3pQ5Wmg4rVd8xNt2Ke', name: 'Anna Schmidt (anna@pilates-berlin.example.com)', email: 'anna@pilates-berlin.example.com' },
      { id: 'Us2bC3dE4fG5hI6jK7lM', name: 'Ben Koch', email: '' },
    ]);
  });

  it('falls back to GET /users/?locationId for a connection without a company id, all users on the first page', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/users/').query({ locationId: LOCATION_ID }).reply(200, { users });
    const first = await appTester(perform, { authData: { ...authData, companyId: '' }, meta: { page: 0 } });
    expect(scope.isDone()).toBe(true);
    expect(first).toHaveLength(2);
    expect(await appTester(perform, { authData: { ...authData, companyId: '' }, meta: { page: 1 } })).toEqual([]);
  });
});
