import nock from 'nock';
import { perform } from '../../creates/contact_campaign_remove';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const CAMPAIGN = 'mIVALPYuTD7YjUHnFEx4';
const PATH = `/contacts/${CONTACT}/campaigns/${CAMPAIGN}`;

describe('creates.contact_campaign_remove', () => {
  it('sends DELETE without a body', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .delete(PATH, (body) => body === '' || body === undefined)
      .reply(200, { succeded: true });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, campaignId: CAMPAIGN } })).toMatchObject({ campaignId: CAMPAIGN });
    expect(scope.isDone()).toBe(true);
  });

  it('halts when HighLevel removed nothing', async () => {
    nock(API).delete(PATH).reply(200, { succeded: false });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, campaignId: CAMPAIGN } }));
    expect([error.name, error.message]).toEqual(['HaltedError', expect.stringMatching(/not in that campaign/)]);
  });

  it.each([{ contactId: CONTACT }, { campaignId: CAMPAIGN }])('rejects %j with no request sent', async (inputData) => {
    const any = nock(API).delete(/.*/).reply(200, { succeded: true });
    expect((await thrown(appTester(perform, { authData, inputData }))).message).toMatch(/is required/);
    expect(any.isDone()).toBe(false);
  });
});
