import nock from 'nock';
import { perform } from '../../triggers/business_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';

describe('triggers.business_list (business dropdown)', () => {
  it('pages through GET /businesses/ 100 at a time (offset paging) and labels each business with its city', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/businesses/')
      .query({ locationId: LOCATION_ID, limit: '100', skip: '200' })
      .reply(200, {
        businesses: [
          { id: '65f1c2d3e4a5b6c7d8e9f0a1', name: 'Vogt Pilates', city: 'Köln' },
          { id: '65f1c2d3e4a5b6c7d8e9f0a2', name: 'Studio Nord' },
          { id: '65f1c2d3e4a5b6c7d8e9f0a3' },
        ],
      });
    expect(await appTester(perform, { authData, meta: { page: 2 } })).toEqual([
      { id: '65f1c2d3e4a5b6c7d8e9f0a1', name: 'Vogt Pilates (Köln)' },
      { id: '65f1c2d3e4a5b6c7d8e9f0a2', name: 'Studio Nord' },
      { id: '65f1c2d3e4a5b6c7d8e9f0a3', name: '65f1c2d3e4a5b6c7d8e9f0a3' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('starts at the first page', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/businesses/').query({ locationId: LOCATION_ID, limit: '100', skip: '0' }).reply(200, { businesses: [] });
    expect(await appTester(perform, { authData })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});
