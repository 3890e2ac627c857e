import nock from 'nock';
import App from '../../index';
import { CONTACT_UPDATED_KEY, perform } from '../../triggers/contact_updated';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { expectFullRead, firstPoll, fullReads, laterPoll, newZap, newestFirst, pagedSearch, searchItem, thinNewestFirst } from '../helpers/polls';
import searchFixture from '../fixtures/contact_search.json';

type Row = Record<string, unknown>;

/** One poll of a Zap whose search answers `items` (most recently updated first). */
const pollWith = async (zap: string, items: Row[], first = false): Promise<Row[]> => {
  nock.cleanAll();
  const search = pagedSearch(items);
  nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
  return (await appTester(perform, { authData, meta: first ? firstPoll(zap) : laterPoll(zap) })) as Row[];
};

const lena = (updated: string, extra: Row = {}) =>
  searchItem(1, { added: '2026-06-01T08:00:00.000Z', updated }, { city: 'Köln', tags: ['newsletter'], customFields: [{ id: 'cfSize', value: 'M' }], ...extra });
const others = newestFirst(20, '2026-06-01T07:00:00.000Z', 100, 'updated', 60_000);

describe('triggers.contact_updated', () => {
  it('without a Zap (sample, dropdown): the 100 most recently changed, each change with its own id', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 100, sort: [{ field: 'dateUpdated', direction: 'desc' }] })
      .reply(200, searchFixture);
    const full = expectFullRead(searchFixture.contacts[0] as Row);
    const results = (await appTester(perform, { authData })) as Row[];
    expect(scope.isDone() && full.isDone()).toBe(true);
    expect(results[0]).toMatchObject({
      id: 'pR4sT6uV8wX0yZ2aB4cD:2026-06-11T10:15:42.318Z',
      name: 'Jonas Becker',
      contactId: 'pR4sT6uV8wX0yZ2aB4cD',
      url: expect.stringContaining('/contacts/detail/pR4sT6uV8wX0yZ2aB4cD'),
    });
    expect(results[1]).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc:2026-06-10T14:05:31.512Z', contactId: 'ocQHyuzHvysMo5N5VsXc' });
  });

  it('remembers what the first poll sees, reading pages of 500 (up to 10)', async () => {
    const search = pagedSearch(newestFirst(1200, '2026-06-02T12:00:00.000Z', 0, 'updated'));
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
    const items = (await appTester(perform, { authData, meta: firstPoll(newZap()) })) as Row[];
    expect(search.bodies.map((b) => b.pageLimit)).toEqual([500, 500, 500]);
    expect(items).toHaveLength(100);
  });

  it('a save that changes nothing reports nothing; a change, a tag, a custom value and a change back each report once', async () => {
    const zap = newZap();
    expect(await pollWith(zap, [lena('2026-06-02T10:00:00.000Z'), ...others], true)).toHaveLength(21);
    // Saved again with the same values: new dateUpdated, same fields.
    expect(await pollWith(zap, [lena('2026-06-02T10:05:00.000Z'), ...others])).toEqual([]);
    const moved = await pollWith(zap, [lena('2026-06-02T10:10:00.000Z', { city: 'Bonn' }), ...others]);
    expect(moved.map((i) => [i.id, i.contactId, i.city])).toEqual([[`${lena('x').id as string}:2026-06-02T10:10:00.000Z`, lena('x').id, 'Bonn']]);
    expect(await pollWith(zap, [lena('2026-06-02T10:15:00.000Z', { city: 'Bonn', tags: ['newsletter', 'vip'] }), ...others])).toHaveLength(1);
    // The same tags in another case and order are the same tags.
    expect(await pollWith(zap, [lena('2026-06-02T10:17:00.000Z', { city: 'Bonn', tags: ['VIP', 'newsletter'] }), ...others])).toEqual([]);
    const custom = { city: 'Bonn', tags: ['newsletter', 'vip'], customFields: [{ id: 'cfSize', value: 'L' }] };
    expect(await pollWith(zap, [lena('2026-06-02T10:20:00.000Z', custom), ...others])).toHaveLength(1);
    const back = await pollWith(zap, [lena('2026-06-02T10:25:00.000Z'), ...others]);
    expect(back.map((i) => i.city)).toEqual(['Köln']);
  });

  it('a contact it never saw is reported when it changed since the previous poll, not when it is merely old', async () => {
    const zap = newZap();
    await pollWith(zap, [lena('2026-06-02T10:00:00.000Z')], true);
    const fresh = searchItem(7, { added: '2026-06-02T10:30:00.000Z' });
    const old = searchItem(8, { added: '2026-05-01T10:00:00.000Z' });
    const items = await pollWith(zap, [fresh, lena('2026-06-02T10:00:00.000Z'), old]);
    expect(items.map((i) => i.contactId)).toEqual([fresh.id]);
  });

  it('a poll whose memory is gone (expired) starts over and reports nothing it cannot compare', async () => {
    const items = await pollWith(newZap(), [lena('2026-06-02T10:00:00.000Z'), ...others]);
    expect(items).toEqual([]);
  });

  it('pages on while pages are full and newer than the previous poll', async () => {
    const zap = newZap();
    const seen = newestFirst(50, '2026-06-01T12:00:00.000Z', 1000, 'updated', 60_000);
    await pollWith(zap, seen, true);
    const changed = newestFirst(250, '2026-06-02T12:00:00.000Z', 0, 'updated');
    const search = pagedSearch([...changed, ...seen]);
    nock.cleanAll();
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
    const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
    expect(search.bodies.map((b) => b.pageLimit)).toEqual([100, 100, 100]);
    expect(items).toHaveLength(250);
  });

  it('thin search items: a changed contact is read in full before it is passed on (the budget left after the search), the rest by the next check; the comparison stays on the search items', async () => {
    const zap = newZap();
    const seen = thinNewestFirst(12, '2026-06-01T12:00:00.000Z', 0, 'updated', 60_000);
    await pollWith(zap, seen, true);
    const changed: Row[] = seen.map((c) => ({
      ...c,
      city: 'Bonn',
      dateUpdated: '2026-06-02T12:00:00.000Z',
      searchAfter: [Date.parse('2026-06-02T12:00:00.000Z'), c.id],
    }));
    const check = async (items: Row[]) => {
      nock.cleanAll();
      const search = pagedSearch(items);
      nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
      const reads = fullReads(items);
      const out = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
      return { out, reads: reads.ids };
    };
    const first = await check(changed);
    expect(first.reads).toHaveLength(9);
    expect(first.out.map((i) => [i.contactId, i.city, i.firstName, i.website])).toEqual(
      first.reads.map((id) => [id, 'Bonn', `Person${id.slice(2).replace(/^0+/, '') || '0'}`, `https://${id}.example.com`]),
    );
    // Unchanged since: only the three held ones are read, and reported.
    const second = await check(changed);
    expect(second.reads).toEqual(changed.map((c) => c.id).filter((id) => !first.reads.includes(id as string)));
    expect(second.out.map((i) => i.contactId).sort()).toEqual([...second.reads].sort());
    expect((await check(changed)).reads).toEqual([]);
    nock.cleanAll();
  });

  it('tells the user which field holds the real contact id, and what a change is', () => {
    const trigger = App.triggers?.[CONTACT_UPDATED_KEY];
    expect(trigger?.display.description).toMatch(/Contact ID field holds the contact's ID/);
    expect(trigger?.display.description).toMatch(/A save that changes nothing does not trigger; changing a value back does/);
    expect(trigger?.operation.sample).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc:2026-06-10T14:05:31.512Z', contactId: 'ocQHyuzHvysMo5N5VsXc' });
  });
});
