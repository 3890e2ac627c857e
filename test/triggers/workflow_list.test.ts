import nock from 'nock';
import { perform } from '../../triggers/workflow_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';

describe('triggers.workflow_list', () => {
  it('lists every workflow with its status, drafts included (HighLevel does not say which statuses run)', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/workflows/')
      .query({ locationId: LOCATION_ID })
      .reply(200, {
        workflows: [
          { id: '78559bb3-b920-461e-b010-7b2a2816d2a9', name: 'Trainee Onboarding', status: 'published', version: 2, locationId: LOCATION_ID },
          { id: '11111111-2222-4333-a444-555555555555', name: 'Win-back', status: 'draft' },
          { id: '66666666-7777-4888-a999-000000000000', name: 'Unlabelled' },
        ],
      });
    expect(await appTester(perform, { authData })).toEqual([
      { id: '78559bb3-b920-461e-b010-7b2a2816d2a9', label: 'Trainee Onboarding (published)', name: 'Trainee Onboarding', status: 'published' },
      { id: '11111111-2222-4333-a444-555555555555', label: 'Win-back (draft)', name: 'Win-back', status: 'draft' },
      { id: '66666666-7777-4888-a999-000000000000', label: 'Unlabelled', name: 'Unlabelled', status: '' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('asks to reconnect when the connection lacks workflows.readonly, with no request sent', async () => {
    const scope = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(appTester(perform, { authData: { ...authData, scope: 'contacts.readonly contacts.write' } }));
    expect(error.message).toMatch(/"workflows\.readonly" permission needed for listing the workflows/);
    expect(scope.isDone()).toBe(false);
  });
});
