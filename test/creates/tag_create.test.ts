import nock from 'nock';
import { perform } from '../../creates/tag_create';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';

describe('creates.tag_create', () => {
  it('posts {name} to the location (no other property) and returns the tag', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(`/locations/${LOCATION_ID}/tags`, { name: 'tc-enrolled' })
      .reply(200, { tag: { id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'tc-enrolled', locationId: LOCATION_ID } });
    const result = await appTester(perform, { authData, inputData: { name: '  tc-enrolled ' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'tc-enrolled', locationId: LOCATION_ID });
  });

  it.each([
    [{ name: '' }, /Tag Name is required/],
    [{ name: 'x'.repeat(101) }, /Tag Name is 101 characters long/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const scope = nock(API).post(`/locations/${LOCATION_ID}/tags`).reply(200, {});
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it("reports HighLevel's answer for a name that exists already", async () => {
    nock(API, CONTACTS_VERSION)
      .post(`/locations/${LOCATION_ID}/tags`)
      .reply(400, { statusCode: 400, message: 'A tag with this name already exists.', traceId: 'tr-1' });
    const error = await thrown(appTester(perform, { authData, inputData: { name: 'vip' } }));
    expect(error.message).toMatch(/HighLevel rejected creating the tag \(400\): A tag with this name already exists\..*tr-1/);
  });

  it('needs the locations/tags.write permission and says so before sending', async () => {
    const scope = nock(API).post(`/locations/${LOCATION_ID}/tags`).reply(200, {});
    const error = await thrown(appTester(perform, { authData: { ...authData, scope: 'contacts.write' }, inputData: { name: 'vip' } }));
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope' });
    expect(error.message).toMatch(/"locations\/tags.write" permission/);
    expect(scope.isDone()).toBe(false);
  });
});
