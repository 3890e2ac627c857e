import nock from 'nock';
import App from '../../index';
import { CONTACT_TAG_ADDED_KEY, perform } from '../../triggers/contact_tag_added';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import searchFixture from '../fixtures/contact_search.json';

const body = (pageLimit: number, tag: string) => ({
  locationId: LOCATION_ID,
  pageLimit,
  filters: [{ field: 'tags', operator: 'eq', value: tag }],
  sort: [{ field: 'dateUpdated', direction: 'desc' }],
});

describe('triggers.contact_tag_added', () => {
  it('lists contacts carrying the tag, recently changed first, deduped on the contact id', async () => {
    const scope = nock(API, CONTACTS_VERSION).post('/contacts/search', body(100, 'tc-enrolled')).reply(200, searchFixture);
    const results = (await appTester(perform, { authData, inputData: { tag: ' tc-enrolled ' } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['pR4sT6uV8wX0yZ2aB4cD', 'ocQHyuzHvysMo5N5VsXc']);
  });

  it('uses 500 on the first poll', async () => {
    const scope = nock(API, CONTACTS_VERSION).post('/contacts/search', body(500, 'newsletter')).reply(200, searchFixture);
    await appTester(perform, { authData, inputData: { tag: 'newsletter' }, meta: { isPopulatingDedupe: true } });
    expect(scope.isDone()).toBe(true);
  });

  it('needs a tag and sends nothing without one', async () => {
    const scope = nock(API).post('/contacts/search').reply(200, searchFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { tag: '  ' } }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Tag is required/) });
    expect(scope.isDone()).toBe(false);
  });

  it('offers the tag as a required dropdown and explains why a contact triggers once per tag', () => {
    const trigger = App.triggers?.[CONTACT_TAG_ADDED_KEY];
    expect(trigger?.operation.inputFields?.[0]).toMatchObject({ key: 'tag', required: true, dynamic: 'tag_list.name.name' });
    expect(trigger?.display.description).toMatch(/once per tag: there is no record of when a tag was added/);
  });
});
