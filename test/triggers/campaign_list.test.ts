import nock from 'nock';
import { perform } from '../../triggers/campaign_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';

describe('triggers.campaign_list', () => {
  it('lists every campaign with its status', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/campaigns/')
      .query({ locationId: LOCATION_ID })
      .reply(200, { campaigns: [{ id: 'mIVALPYuTD7YjUHnFEx4', name: 'Welcome Series', status: 'published', locationId: LOCATION_ID }] });
    expect(await appTester(perform, { authData })).toEqual([
      { id: 'mIVALPYuTD7YjUHnFEx4', label: 'Welcome Series (published)', name: 'Welcome Series', status: 'published' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('an empty list is no campaigns; an answer without the list says so', async () => {
    nock(API).get('/campaigns/').query(true).reply(200, { campaigns: [] });
    expect(await appTester(perform, { authData })).toEqual([]);
    nock(API).get('/campaigns/').query(true).reply(200, { traceId: 't' });
    expect((await thrown(appTester(perform, { authData }))).message).toMatch(/with a campaign list the app cannot read while listing the campaigns/);
  });
});
