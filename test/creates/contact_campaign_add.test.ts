import nock from 'nock';
import { perform } from '../../creates/contact_campaign_add';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const CAMPAIGN = 'mIVALPYuTD7YjUHnFEx4';
const PATH = `/contacts/${CONTACT}/campaigns/${CAMPAIGN}`;

describe('creates.contact_campaign_add', () => {
  it('adds the contact with the empty JSON body the route requires (201)', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(PATH, {}).reply(201, { succeded: true });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT, campaignId: CAMPAIGN } })).toMatchObject({
      id: CONTACT,
      campaignId: CAMPAIGN,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('never reports success when HighLevel says it did not add the contact', async () => {
    nock(API).post(PATH).reply(201, { succeded: false });
    expect((await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, campaignId: CAMPAIGN } }))).message).toMatch(
      /did not add contact .* to the campaign/,
    );
  });

  it('asks to reconnect without contacts.write, with no request sent', async () => {
    const any = nock(API).post(/.*/).reply(201, { succeded: true });
    const error = await thrown(
      appTester(perform, { authData: { ...authData, scope: 'campaigns.readonly' }, inputData: { contactId: CONTACT, campaignId: CAMPAIGN } }),
    );
    expect(error.message).toMatch(/"contacts\.write" permission needed for adding the contact to the campaign/);
    expect(any.isDone()).toBe(false);
  });
});
