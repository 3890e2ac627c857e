import nock from 'nock';
import { perform as addTags } from '../../creates/contact_tag_add';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';

const ID = 'ocQHyuzHvysMo5N5VsXc';

describe('creates.contact_tag_add', () => {
  it('posts the tags as a list (comma strings split, duplicates dropped) and returns the tags now on the contact', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(`/contacts/${ID}/tags`, { tags: ['tc-enrolled', 'vip', 'newsletter'] })
      .reply(201, { tags: ['newsletter', 'tc-enrolled', 'vip'], traceId: 't' });
    const result = await appTester(addTags, { authData, inputData: { contactId: ID, tags: ['tc-enrolled, vip', 'newsletter', 'vip'] } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: ID, contactId: ID, tags: ['newsletter', 'tc-enrolled', 'vip'] });
  });

  it('accepts a single mapped string', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(`/contacts/${ID}/tags`, { tags: ['a', 'b'] })
      .reply(201, { tags: ['a', 'b'] });
    await appTester(addTags, { authData, inputData: { contactId: ID, tags: 'a,b' } });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{ contactId: ID, tags: [] }, /Tags is required: give at least one tag to add/],
    [{ contactId: ID, tags: ' , ' }, /Tags is required/],
    [{ contactId: '../locations/x', tags: ['a'] }, /is not a valid HighLevel ID/],
    [{ contactId: 'a/b', tags: ['a'] }, /is not a valid HighLevel ID/],
    [{ contactId: '%2e%2e', tags: ['a'] }, /is not a valid HighLevel ID/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const scope = nock(API).post(/.*/).reply(201, { tags: [] });
    const error = await thrown(appTester(addTags, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(scope.isDone()).toBe(false);
  });

  it('explains a 404', async () => {
    nock(API).post(`/contacts/${ID}/tags`).reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await thrown(appTester(addTags, { authData, inputData: { contactId: ID, tags: ['a'] } }));
    expect(error).toMatchObject({ status: 404, message: expect.stringMatching(/while adding tags to the contact/) });
  });
});
