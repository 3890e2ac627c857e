import nock from 'nock';
import { perform } from '../../triggers/contact_new';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import searchFixture from '../fixtures/contact_search.json';

const body = (pageLimit: number) => ({ locationId: LOCATION_ID, pageLimit, sort: [{ field: 'dateAdded', direction: 'desc' }] });

describe('triggers.contact_new', () => {
  it('asks for the 100 newest contacts in one search and maps them; names only lower-cased in the item stay as HighLevel sent them (never re-cased by guess)', async () => {
    const scope = nock(API, CONTACTS_VERSION).post('/contacts/search', body(100)).reply(200, searchFixture);
    const results = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['pR4sT6uV8wX0yZ2aB4cD', 'ocQHyuzHvysMo5N5VsXc']);
    expect(results[0]).toMatchObject({
      firstName: 'jonas',
      lastName: 'becker',
      name: 'jonas becker',
      email: 'jonas.becker@example.com',
      locationId: LOCATION_ID,
    });
    expect(results[1]).toMatchObject({ name: 'Lena Vogt', tags: ['tc-enrolled:pilates-level-1', 'newsletter'], dateAdded: '2026-06-04T09:20:00.000Z' });
  });

  it('fills the dedupe table with the 500 newest (the maximum) on the first poll', async () => {
    const scope = nock(API, CONTACTS_VERSION).post('/contacts/search', body(500)).reply(200, searchFixture);
    await appTester(perform, { authData, meta: { isPopulatingDedupe: true } });
    expect(scope.isDone()).toBe(true);
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
