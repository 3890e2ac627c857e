import nock from 'nock';
import App from '../../index';
import { CONTACT_NEW_KEY, perform } from '../../triggers/contact_new';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import { firstPoll, fullReads, laterPoll, newZap, newestFirst, pagedSearch, thinNewestFirst } from '../helpers/polls';
import searchFixture from '../fixtures/contact_search.json';

const body = (pageLimit: number) => ({ locationId: LOCATION_ID, pageLimit, sort: [{ field: 'dateAdded', direction: 'desc' }] });
type Row = Record<string, unknown>;

describe('triggers.contact_new', () => {
  it('asks for the 100 newest contacts in one search and maps them; a sample whose item has the names only lower-cased is read in full (never re-cased by guess)', async () => {
    const scope = nock(API, CONTACTS_VERSION).post('/contacts/search', body(100)).reply(200, searchFixture);
    const thin = searchFixture.contacts[0];
    const full = nock(API, CONTACTS_VERSION)
      .get(`/contacts/${thin.id}`)
      .reply(200, { contact: { ...thin, firstName: 'Jonas', lastName: 'Becker', website: 'https://becker.example.com' } });
    const results = (await appTester(perform, { authData })) as Row[];
    expect(scope.isDone() && full.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['pR4sT6uV8wX0yZ2aB4cD', 'ocQHyuzHvysMo5N5VsXc']);
    expect(results[0]).toMatchObject({
      firstName: 'Jonas',
      lastName: 'Becker',
      name: 'Jonas Becker',
      website: 'https://becker.example.com',
      email: 'jonas.becker@example.com',
      locationId: LOCATION_ID,
    });
    expect(results[1]).toMatchObject({ name: 'Lena Vogt', tags: ['tc-enrolled:pilates-level-1', 'newsletter'], dateAdded: '2026-06-04T09:20:00.000Z' });
  });

  it('fills the dedupe table with the 500 newest (the maximum) on the first poll of a Zap', async () => {
    const scope = nock(API, CONTACTS_VERSION).post('/contacts/search', body(500)).reply(200, searchFixture);
    await appTester(perform, { authData, meta: firstPoll(newZap()) });
    expect(scope.isDone()).toBe(true);
  });

  it('stays one request when fewer than a page of contacts is new', async () => {
    const zap = newZap();
    const old = newestFirst(300, '2026-06-01T12:00:00.000Z', 1000, 'added', 60_000);
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .reply(200, { contacts: old.slice(0, 500) });
    await appTester(perform, { authData, meta: firstPoll(zap) });
    const added = newestFirst(5, '2026-06-02T12:00:00.000Z');
    const search = pagedSearch([...added, ...old]);
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(5).reply(search.reply);
    const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
    expect(search.bodies).toHaveLength(1);
    expect(items.slice(0, 5).map((i) => i.id)).toEqual(added.map((a) => a.id));
  });

  it('pages on with searchAfter while a page is full and newer than the previous poll: 130 new contacts, all returned', async () => {
    const zap = newZap();
    const old = newestFirst(50, '2026-06-01T12:00:00.000Z', 1000);
    nock(API, CONTACTS_VERSION).post('/contacts/search').reply(200, { contacts: old });
    await appTester(perform, { authData, meta: firstPoll(zap) });
    const added = newestFirst(130, '2026-06-02T12:00:00.000Z');
    const search = pagedSearch([...added, ...old]);
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(5).reply(search.reply);
    const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
    expect(search.bodies.map((b) => [b.pageLimit, b.searchAfter?.[1] ?? null])).toEqual([
      [100, null],
      [100, added[99]?.id],
    ]);
    const ids = items.map((i) => i.id);
    expect(added.every((a) => ids.includes(a.id))).toBe(true);
    expect(ids.slice(0, 130)).toEqual(added.map((a) => a.id));
  });

  it('reads back 10 minutes before the newest contact it saw, for contacts the search index shows late', async () => {
    const zap = newZap();
    const seen = newestFirst(100, '2026-06-02T12:00:00.000Z', 1000);
    nock(API, CONTACTS_VERSION).post('/contacts/search').reply(200, { contacts: seen });
    await appTester(perform, { authData, meta: firstPoll(zap) });
    // Page 1: 90 contacts newer than the mark (12:00) and 10 seen ones down to 11:55; page 2 starts with one the
    // search index showed late (11:52). Without the grace the poll would stop after page 1 (its last is older than the mark).
    const added = [...newestFirst(90, '2026-06-02T13:00:00.000Z'), ...newestFirst(10, '2026-06-02T11:59:30.000Z', 3000, 'added', 30_000)];
    const late = newestFirst(1, '2026-06-02T11:52:00.000Z', 5000);
    const older = newestFirst(100, '2026-06-02T11:40:00.000Z', 6000, 'added', 60_000);
    const search = pagedSearch([...added, ...late, ...older]);
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
    const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
    expect(items.map((i) => i.id)).toContain(late[0]?.id);
    // Page 2 ends before mark − 10 min: no page 3.
    expect(search.bodies).toHaveLength(2);
  });

  it('thin search items: each new contact read in full before it is passed on, as many as the budget leaves (9 after one page), the rest by the next checks; none twice, none read again', async () => {
    const zap = newZap();
    const old = thinNewestFirst(5, '2026-06-01T12:00:00.000Z', 1000);
    nock(API, CONTACTS_VERSION).post('/contacts/search').reply(200, { contacts: old });
    await appTester(perform, { authData, meta: firstPoll(zap) });
    const added = thinNewestFirst(12, '2026-06-02T12:00:00.000Z');
    const check = async (gone: string[] = []) => {
      nock.cleanAll();
      const search = pagedSearch([...added, ...old]);
      nock(API, CONTACTS_VERSION).post('/contacts/search').times(10).reply(search.reply);
      const reads = fullReads([...added, ...old], gone);
      const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
      return { items, searches: search.bodies.length, reads: reads.ids };
    };
    const first = await check();
    expect([first.searches, first.reads]).toEqual([1, added.slice(0, 9).map((a) => a.id)]);
    // Passed on in full, newest first: the real-case names and the website the item lacked.
    expect(first.items.map((i) => [i.id, i.firstName, i.website])).toEqual(
      added.slice(0, 9).map((a) => [a.id, `Person${added.indexOf(a)}`, `https://${String(a.id)}.example.com`]),
    );
    // The three held ones next (one of them deleted meanwhile: dropped), and nothing read twice.
    const second = await check([String(added[10]?.id)]);
    expect([second.searches, second.reads]).toEqual([1, added.slice(9).map((a) => a.id)]);
    expect(second.items.map((i) => i.id)).toEqual([added[9]?.id, added[11]?.id]);
    const third = await check();
    expect([third.searches, third.reads, third.items]).toEqual([1, [], []]);
    nock.cleanAll();
  });

  it('stops at 10 requests (1,000 contacts) and says so', async () => {
    const zap = newZap();
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .reply(200, { contacts: newestFirst(10, '2026-06-01T12:00:00.000Z', 50_000) });
    await appTester(perform, { authData, meta: firstPoll(zap) });
    const search = pagedSearch(newestFirst(1500, '2026-06-03T12:00:00.000Z'));
    nock(API, CONTACTS_VERSION).post('/contacts/search').times(20).reply(search.reply);
    const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
    expect(search.bodies).toHaveLength(10);
    expect(items).toHaveLength(1000);
  });

  it('starts no further page once half of the 30 s Zapier gives a poll is gone, whatever requests remain', async () => {
    const zap = newZap();
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .reply(200, { contacts: newestFirst(10, '2026-06-01T12:00:00.000Z', 50_000) });
    await appTester(perform, { authData, meta: firstPoll(zap) });
    const search = pagedSearch(newestFirst(500, '2026-06-03T12:00:00.000Z'));
    // A HighLevel that takes 8 s per page (the clock moves on with each answer).
    const real = Date.now.bind(Date);
    let slow = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => real() + slow);
    nock(API, CONTACTS_VERSION)
      .post('/contacts/search')
      .times(10)
      .reply((uri, body) => {
        slow += 8000;
        return search.reply(uri, body);
      });
    try {
      const items = (await appTester(perform, { authData, meta: laterPoll(zap) })) as Row[];
      expect(search.bodies).toHaveLength(2);
      expect(items).toHaveLength(200);
    } finally {
      clock.mockRestore();
    }
  });

  it('states its reach and points to the instant trigger', () => {
    expect(App.triggers?.[CONTACT_NEW_KEY]?.display.description).toMatch(/up to 1,000 contacts added since the previous check .*instant New Contact trigger/);
  });

  it('returns an empty list when the location has no contacts', async () => {
    nock(API, CONTACTS_VERSION).post('/contacts/search').reply(200, { contacts: [], total: 0, traceId: 't' });
    expect(await appTester(perform, { authData })).toEqual([]);
  });

  it('says so when HighLevel answers without a contact list', async () => {
    nock(API, CONTACTS_VERSION).post('/contacts/search').reply(200, { contacts: 'nope' });
    const error = await thrown(appTester(perform, { authData }));
    expect(error.message).toMatch(/without a list of contacts/);
  });

  // Waits of 10 s or less are waited out once inside the step (test/lib/http/client.test.ts); longer ones go to Zapier.
  it('turns a 429 into ThrottledError with the delay from Retry-After', async () => {
    nock(API).post('/contacts/search').reply(429, { statusCode: 429, message: 'Too Many Requests' }, { 'Retry-After': '17' });
    const error = await thrown(appTester(perform, { authData }));
    expect(error.name).toBe('ThrottledError');
    expect(error).toMatchObject({ delay: 17 });
    expect(error.message).toMatch(/rate limit .* retry in 17 seconds/);
  });

  it('takes the delay from X-RateLimit-Interval-Milliseconds when there is no Retry-After (the app reads 429s itself)', async () => {
    nock(API)
      .post('/contacts/search')
      .reply(429, { statusCode: 429, message: 'Too Many Requests' }, { 'X-RateLimit-Interval-Milliseconds': '20000', 'X-RateLimit-Remaining': '0' });
    const error = await thrown(appTester(perform, { authData }));
    expect(error.name).toBe('ThrottledError');
    // Without flags.throwForThrottlingEarly=false the platform would throw its own "The server returned 429" with no delay.
    expect(error).toMatchObject({ delay: 20 });
    expect(error.message).toMatch(/retry in 20 seconds/);
  });

  it.each([
    [
      403,
      { statusCode: 403, message: 'The token does not have access to this location.' },
      /HighLevel refused searching contacts \(403 Forbidden: The token does not have access/,
    ],
    [
      422,
      { statusCode: 422, message: ['pageLimit must not be greater than 500'], error: 'Unprocessable Entity' },
      /rejected searching contacts because some values are not valid: pageLimit must not/,
    ],
    [502, { statusCode: 502, message: 'Bad Gateway', traceId: 'tr-1' }, /server error \(502\) while searching contacts.*trace ID: tr-1/],
  ])('explains a %i', async (status, reply, message) => {
    nock(API).post('/contacts/search').reply(status, reply);
    const error = await thrown(appTester(perform, { authData }));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(message);
  });
});
