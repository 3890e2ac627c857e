import nock from 'nock';
import { perform as removeTags } from '../../creates/contact_tag_remove';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const ID = 'ocQHyuzHvysMo5N5VsXc';

describe('creates.contact_tag_remove', () => {
  it('sends DELETE with a JSON body and returns the remaining tags', async () => {
    const scope = nock(API, { reqheaders: { ...CONTACTS_VERSION.reqheaders, 'content-type': /^application\/json/ } })
      .delete(`/contacts/${ID}/tags`, { tags: ['newsletter'] })
      .reply(200, { tags: ['tc-enrolled:pilates-level-1'], traceId: 't' });
    const result = await appTester(removeTags, { authData, inputData: { contactId: ID, tags: ['newsletter'] } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: ID, contactId: ID, tags: ['tc-enrolled:pilates-level-1'] });
  });

  it('needs at least one tag', async () => {
    const scope = nock(API).delete(/.*/).reply(200, { tags: [] });
    const error = await thrown(appTester(removeTags, { authData, inputData: { contactId: ID } }));
    expect(error.message).toMatch(/give at least one tag to remove/);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses to report success when the answer has no tag list', async () => {
    nock(API).delete(`/contacts/${ID}/tags`).reply(200, { succeded: true });
    const error = await thrown(appTester(removeTags, { authData, inputData: { contactId: ID, tags: ['a'] } }));
    expect(error.message).toMatch(
      /^HighLevel removed tags from the contact, but answered without the contact's tags; it sent \{"succeded":boolean\}\. Replaying this step is safe/,
    );
  });
});
