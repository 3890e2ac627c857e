import nock from 'nock';
import { perform } from '../../triggers/form_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';

describe('triggers.form_list', () => {
  it('lists forms 50 at a time (the most GET /forms/ gives), paging with skip', async () => {
    const first = nock(API, CONTACTS_VERSION)
      .get('/forms/')
      .query({ locationId: LOCATION_ID, skip: '0', limit: '50' })
      .reply(200, { forms: [{ id: 'YSWdvS4Is98wtIDGnpmI', name: 'Trial Class Signup', locationId: LOCATION_ID }], total: 51 });
    const second = nock(API, CONTACTS_VERSION).get('/forms/').query({ locationId: LOCATION_ID, skip: '50', limit: '50' }).reply(200, { forms: [], total: 51 });
    expect(await appTester(perform, { authData })).toEqual([{ id: 'YSWdvS4Is98wtIDGnpmI', name: 'Trial Class Signup' }]);
    expect(await appTester(perform, { authData, meta: { page: 1 } })).toEqual([]);
    expect(first.isDone() && second.isDone()).toBe(true);
  });
});
