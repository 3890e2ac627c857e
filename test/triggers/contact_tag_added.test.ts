import nock from 'nock';
import App from '../../index';
import { CONTACT_TAG_ADDED_KEY, perform } from '../../triggers/contact_tag_added';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import { firstPoll, fullReads, laterPoll, newZap, pagedSearch, searchItem, thinItem, type SearchBody } from '../helpers/polls';
import searchFixture from '../fixtures/contact_search.json';

type Row = Record<string, unknown>;

/** `n` contacts carrying `tag`, newest added first. */
const tagged = (from: number, n: number, tag = 'tc-enrolled'): Row[] =>
  Array.from({ length: n }, (_, i) =>
    searchItem(from + i, { added: new Date(Date.parse('2026-06-01T12:00:00.000Z') - (from + i) * 1000).toISOString() }, { tags: [tag] }),
  );

const pollWith = async (zap: string, items: Row[], first = false, tag = 'tc-enrolled'): Promise<{ items: Row[]; bodies: SearchBody[] }> => {
  nock.cleanAll();
  const search = pagedSearch(items);
  nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
  const result = (await appTester(perform, { authData, inputData: { tag }, meta: first ? firstPoll(zap) : laterPoll(zap) })) as Row[];
  return { items: result, bodies: search.bodies };
};

describe('triggers.contact_tag_added', () => {
  it('without a Zap (sample): the 100 most recently changed contacts with the tag, one request; a thin sample item read in full', async () => {
    const thin = { ...searchFixture.contacts[0], tags: ['tc-enrolled'] };
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', {
        locationId: LOCATION_ID,
        pageLimit: 100,
        filters: [{ field: 'tags', operator: 'eq', value: 'tc-enrolled' }],
        sort: [{ field: 'dateUpdated', direction: 'desc' }],
      })
      .reply(200, { contacts: [thin] });
    // The item has the names only lower-cased (docs/highlevel-api.md §14.1): "Test trigger" shows the contact in full.
    const full = nock(API, CONTACTS_VERSION)
      .get(`/contacts/${thin.id}`)
      .reply(200, { contact: { ...thin, firstName: 'Jonas', lastName: 'Becker', website: 'https://becker.example.com' } });
    const results = (await appTester(perform, { authData, inputData: { tag: ' tc-enrolled ' } })) as Row[];
    expect(scope.isDone() && full.isDone()).toBe(true);
    expect(results.map((r) => [r.id, r.tagAddedId, r.name, r.website])).toEqual([
      ['pR4sT6uV8wX0yZ2aB4cD', 'pR4sT6uV8wX0yZ2aB4cD:2026-06-11T10:15:42.318Z', 'Jonas Becker', 'https://becker.example.com'],
    ]);
  });

  it('filters on the tag as typed OR lower-cased, and keeps only contacts that carry it', async () => {
    let sent: SearchBody | undefined;
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search', (b: SearchBody) => {
        sent = b;
        return true;
      })
      .reply(200, {
        contacts: [
          searchItem(1, { added: '2026-06-01T00:00:00.000Z' }, { tags: ['vip'] }),
          searchItem(2, { added: '2026-06-01T00:00:00.000Z' }, { tags: ['vipx'] }),
        ],
      });
    const results = (await appTester(perform, { authData, inputData: { tag: 'VIP' } })) as Row[];
    expect(sent?.filters).toEqual([
      {
        group: 'OR',
        filters: [
          { field: 'tags', operator: 'eq', value: 'VIP' },
          { field: 'tags', operator: 'eq', value: 'vip' },
        ],
      },
    ]);
    expect(results).toHaveLength(1);
  });

  it('the first poll seeds every tagged contact (pages of 500 by dateAdded); an edit of one of them later reports nothing', async () => {
    const zap = newZap();
    const all = tagged(0, 601);
    const seed = await pollWith(zap, all, true);
    expect(seed.bodies.map((b) => [b.pageLimit, b.sort?.[0]?.field])).toEqual([
      [500, 'dateAdded'],
      [500, 'dateAdded'],
    ]);
    // The oldest tagged contact is edited (no tag change): a new dateUpdated, still tagged.
    const edited = [...all.slice(0, 600), { ...all[600], dateUpdated: '2026-06-03T00:00:00.000Z', city: 'Bonn' }];
    expect((await pollWith(zap, edited)).items).toEqual([]);
  });

  it('fires once when the tag is added, again after it was removed and added back', async () => {
    const zap = newZap();
    const base = tagged(0, 30);
    await pollWith(zap, base, true);
    const newcomer = tagged(100, 1);
    const added = await pollWith(zap, [...newcomer, ...base]);
    expect(added.items.map((i) => i.id)).toEqual([newcomer[0]?.id]);
    expect(String(added.items[0]?.tagAddedId)).toMatch(new RegExp(`^${String(newcomer[0]?.id)}:\\d{4}-\\d{2}-\\d{2}T`));
    expect((await pollWith(zap, [...newcomer, ...base])).items).toEqual([]);
    // Removed: no longer in the tag search.
    expect((await pollWith(zap, base)).items).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await pollWith(zap, [...newcomer, ...base]);
    expect(again.items.map((i) => i.id)).toEqual([newcomer[0]?.id]);
    expect(again.items[0]?.tagAddedId).not.toBe(added.items[0]?.tagAddedId);
  });

  it('thin search items: a contact that got the tag is read in full first; one held for the next check keeps the id of when it was seen', async () => {
    const zap = newZap();
    const thin = (from: number, n: number) => tagged(from, n).map((c, i) => thinItem(from + i, { added: String(c.dateAdded) }, { tags: ['tc-enrolled'] }));
    const base = thin(0, 5);
    await pollWith(zap, base, true);
    const newcomers = thin(100, 10);
    nock.cleanAll();
    const search = pagedSearch([...newcomers, ...base]);
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
    let reads = fullReads([...newcomers, ...base]);
    const first = (await appTester(perform, { authData, inputData: { tag: 'tc-enrolled' }, meta: laterPoll(zap) })) as Row[];
    expect(reads.ids).toHaveLength(9);
    expect(first.every((i) => String(i.firstName).startsWith('Person') && String(i.website).endsWith('.example.com'))).toBe(true);
    const [held] = newcomers.map((c) => String(c.id)).filter((id) => !reads.ids.includes(id));
    const seenAt = String(first[0]?.tagAddedId).split(':').slice(1).join(':');
    nock.cleanAll();
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .times(10)
      .reply(pagedSearch([...newcomers, ...base]).reply);
    reads = fullReads([...newcomers, ...base]);
    const second = (await appTester(perform, { authData, inputData: { tag: 'tc-enrolled' }, meta: laterPoll(zap) })) as Row[];
    expect(reads.ids).toEqual([held]);
    expect(second.map((i) => i.tagAddedId)).toEqual([`${held}:${seenAt}`]);
    nock.cleanAll();
  });

  it('a poll that lost its memory re-seeds and reports nothing', async () => {
    expect((await pollWith(newZap(), tagged(0, 10))).items).toEqual([]);
  });

  it('needs a tag and sends nothing without one', async () => {
    const scope = nock(API).post('/contacts/search').reply(200, searchFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { tag: '  ' } }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Tag is required/) });
    expect(scope.isDone()).toBe(false);
  });

  it('offers the tag as a required dropdown, dedupes on tagAddedId (primary) and states its reach', () => {
    const trigger = App.triggers?.[CONTACT_TAG_ADDED_KEY];
    expect(trigger?.operation.inputFields?.[0]).toMatchObject({ key: 'tag', required: true, dynamic: 'tag_list.name.name' });
    expect(trigger?.operation.outputFields).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'tagAddedId', primary: true })]));
    expect(trigger?.display.description).toMatch(/once each time it is added \(removed and added again, it triggers again\)/);
    expect(trigger?.display.description).toMatch(/more than 5,000 contacts only the newest 5,000 are watched/);
  });
});
