import nock from 'nock';
import { perform } from '../../triggers/lost_reason_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';

describe('triggers.lost_reason_list', () => {
  it('lists the lost reasons, 100 per page, and pages with skip on "load more"', async () => {
    const first = nock(API, CONTACTS_VERSION)
      .get('/opportunities/lost-reason')
      .query({ locationId: LOCATION_ID, skip: '0', limit: '100' })
      .reply(200, { lostReasons: [{ id: 'CLu7BaljjqrEjBGKTNNe', name: 'Too expensive', locationId: LOCATION_ID }], total: 101 });
    const second = nock(API, CONTACTS_VERSION)
      .get('/opportunities/lost-reason')
      .query({ locationId: LOCATION_ID, skip: '100', limit: '100' })
      .reply(200, { lostReasons: [{ id: 'Zx1Zx1Zx1Zx1Zx1Zx1Zx', name: '' }], total: 101 });
    expect(await appTester(perform, { authData })).toEqual([{ id: 'CLu7BaljjqrEjBGKTNNe', name: 'Too expensive' }]);
    expect(await appTester(perform, { authData, meta: { page: 1 } })).toEqual([{ id: 'Zx1Zx1Zx1Zx1Zx1Zx1Zx', name: 'Zx1Zx1Zx1Zx1Zx1Zx1Zx' }]);
    expect(first.isDone() && second.isDone()).toBe(true);
  });

  it('an answer without a list is an empty list', async () => {
    nock(API).get('/opportunities/lost-reason').query(true).reply(200, { total: 0 });
    expect(await appTester(perform, { authData })).toEqual([]);
  });
});
