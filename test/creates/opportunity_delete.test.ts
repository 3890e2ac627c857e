import nock from 'nock';
import App from '../../index';
import { OPPORTUNITY_DELETE_KEY, perform } from '../../creates/opportunity_delete';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { OPPORTUNITY_ID } from '../helpers/opportunities';

describe('creates.opportunity_delete', () => {
  it('deletes the opportunity and confirms it', async () => {
    const scope = nock(API, CONTACTS_VERSION).delete(`/opportunities/${OPPORTUNITY_ID}`).reply(200, { succeded: true, traceId: 't' });
    expect(await appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID } })).toEqual({ id: OPPORTUNITY_ID, deleted: true });
    expect(scope.isDone()).toBe(true);
  });

  it('says clearly when the opportunity does not exist', async () => {
    nock(API, CONTACTS_VERSION).delete(`/opportunities/${OPPORTUNITY_ID}`).reply(404, { statusCode: 404, message: 'Opportunity not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID } }));
    expect(error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no opportunity with the ID yWQobCRIhRguQtD2llvk/) });
  });

  it('never reports success when HighLevel says it did not delete', async () => {
    nock(API).delete(`/opportunities/${OPPORTUNITY_ID}`).reply(200, { succeded: false });
    const error = await thrown(appTester(perform, { authData, inputData: { opportunityId: OPPORTUNITY_ID } }));
    expect(error.message).toMatch(/did not delete opportunity/);
  });

  it.each(['../contacts/x', 'a/b', ''])('rejects the id %j with no request sent', async (opportunityId) => {
    const scope = nock(API).delete(/.*/).reply(200, { succeded: true });
    const error = await thrown(appTester(perform, { authData, inputData: { opportunityId } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(scope.isDone()).toBe(false);
  });

  it("shows Zapier's delete warning first", () => {
    const create = App.creates?.[OPPORTUNITY_DELETE_KEY];
    expect(create?.display.description).toMatch(/cannot be undone/);
    expect(create?.operation.inputFields?.[0]).toMatchObject({ type: 'copy', helpText: expect.stringMatching(/cannot be undone/) });
  });
});
