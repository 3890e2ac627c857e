import nock from 'nock';
import { perform } from '../../triggers/tag_list';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';

describe('triggers.tag_list (tag dropdown)', () => {
  it('lists the location tags with one GET, sorted by name', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}/tags`)
      .reply(200, {
        tags: [
          { id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'tc-enrolled', locationId: LOCATION_ID },
          { id: 'Tg1aB2cD3eF4gH5iJ6kL', name: 'newsletter', locationId: LOCATION_ID },
        ],
      });
    expect(await appTester(perform, { authData })).toEqual([
      { id: 'Tg1aB2cD3eF4gH5iJ6kL', name: 'newsletter' },
      { id: 'Tg7sK2mN4pQ6rS8uV0wX', name: 'tc-enrolled' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('says what was wrong when a tag comes without its name', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}/tags`)
      .reply(200, { tags: [{ id: 'Tg1aB2cD3eF4gH5iJ6kL' }] });
    const error = await thrown(appTester(perform, { authData }));
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(error.message).toMatch(/tag list the app cannot read while listing the tags of the location/);
  });

  it('checks the tags scope before sending', async () => {
    const scope = nock(API).get(/.*/).reply(200, { tags: [] });
    const error = await thrown(appTester(perform, { authData: { ...authData, scope: 'contacts.readonly' } }));
    expect(error.message).toMatch(/locations\/tags\.readonly/);
    expect(scope.isDone()).toBe(false);
  });
});
