import nock from 'nock';
import { z as zod } from 'zod';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { allowBody, ghl, locationIdOf, type CallOptions } from '../../../lib/http/client';
import { REQUEST_TIMEOUT_MS } from '../../../lib/http/deadline';
import { endpoints, V_2021_04_15, V_2021_07_28, type Endpoint } from '../../../lib/http/endpoints';
import { isEmpty } from '../../../lib/input';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../../helpers/app';
import contactFixture from '../../fixtures/contact.json';

/** Runs one ghl() call through the app's middleware, as an operation would. */
const call = (endpoint: Endpoint, options: CallOptions = {}, auth: Record<string, string> = authData) =>
  appTester((z: ZObject, bundle: Bundle) => ghl(z, bundle, endpoint, { answer: zod.unknown(), ...options }), { authData: auth });

describe('lib/http: path ids', () => {
  it.each(['ve9EPM428h8vShlRW1KT', '65f1c2d3e4a5b6c7d8e9f0a1', 'ocQHyuzHvysMo5N5VsXc_1729821600000_1800', 'a-b_c'])(
    'sends the valid id %j as it is',
    async (id) => {
      const scope = nock(API, CONTACTS_VERSION).get(`/contacts/${id}`).reply(200, contactFixture);
      await call(endpoints.contactGet, { path: { contactId: id } });
      expect(scope.isDone()).toBe(true);
    },
  );

  it('trims surrounding spaces from a mapped id', async () => {
    const scope = nock(API).get('/contacts/abc123').reply(200, contactFixture);
    await call(endpoints.contactGet, { path: { contactId: '  abc123 ' } });
    expect(scope.isDone()).toBe(true);
  });

  it.each(['../locations/x', 'a/b', '%2e%2e', '..', 'a b', 'a?b=1', 'a#b', 'a\\b', 'é', 'x'.repeat(101)])('rejects %j before sending anything', async (id) => {
    const scope = nock(API).get(/.*/).reply(200, contactFixture);
    const error = await thrown(call(endpoints.contactGet, { path: { contactId: id } }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input', status: 400 });
    expect(error.message).toMatch(/^Contact ID ".*" is not a valid HighLevel ID: IDs contain only letters, digits, "_" and "-"/);
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    ['true', /^Contact ID "true" is not a valid HighLevel ID: "true" is a word, not an ID/],
    ['NULL', /is a word, not an ID/],
    ['-1', /^Contact ID "-1" is not a valid HighLevel ID: IDs start with a letter or digit/],
    ['12345', /^Contact ID "12345" is not a valid HighLevel ID: IDs contain letters, this is a number/],
    [12345, /IDs contain letters, this is a number/],
    [true, /^Contact ID "true" is not a valid HighLevel ID: a yes\/no value was mapped here/],
    [{ id: 'abc' }, /^Contact ID got an object: map the record's ID/],
    [['a1', 'b2'], /^Contact ID got a list of 2 values: map a single ID\./],
  ])('refuses %j, which is not an id (issue 11), with no request sent', async (id, message) => {
    const scope = nock(API).get(/.*/).reply(200, contactFixture);
    const error = await thrown(call(endpoints.contactGet, { path: { contactId: id as string } }));
    expect(error).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a body or query carrying broken text, naming where it sits, with no request sent (the last check)', async () => {
    const scope = nock(API).post(/.*/).reply(201, contactFixture).get(/.*/).reply(200, {});
    const body = await thrown(call(endpoints.contactCreate, { body: { locationId: LOCATION_ID, firstName: 'Lena\ud800' } }));
    expect(body).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Not sent to HighLevel: the value for firstName contains a broken character/),
    });
    const query = await thrown(call(endpoints.contactsByBusiness, { path: { businessId: 'b1' }, query: { query: '\udfff' } }));
    expect(query.message).toMatch(/^Not sent to HighLevel: the value for query contains a broken character/);
    const object = await thrown(call(endpoints.noteCreate, { path: { contactId: 'c1' }, body: { body: 'see [object Object]' } }));
    expect(object.message).toMatch(/the value for body contains "\[object Object\]"/);
    expect(scope.isDone()).toBe(false);
  });

  it.each([undefined, '', '   '])('says a missing id (%j) is required', async (id) => {
    const error = await thrown(call(endpoints.contactGet, { path: { contactId: id } }));
    expect(error).toMatchObject({ code: 'invalid_input', message: 'Contact ID is required.' });
  });

  it("names the id with the caller's label, or the default label of the placeholder", async () => {
    expect((await thrown(call(endpoints.contactGet, { path: { contactId: 'a/b' }, labels: { contactId: 'Contact' } }))).message).toMatch(/^Contact "a\/b"/);
    expect((await thrown(call(endpoints.appointmentGet, { path: { eventId: 'a/b' } }))).message).toMatch(/^Appointment ID "a\/b"/);
    expect((await thrown(call(endpoints.taskGet, { path: { contactId: 'ok1', taskId: '../x' } }))).message).toMatch(/^Task ID "..\/x"/);
  });

  it("checks the connection's location id too", async () => {
    const error = await thrown(appTester((z: ZObject, bundle: Bundle) => locationIdOf(z, bundle), { authData: { ...authData, locationId: '' } }));
    expect(error.message).toBe("The connection's location ID is required.");
  });
});

describe('lib/http: body allow-list', () => {
  it('drops empty values but keeps false and 0', () => {
    expect(allowBody(endpoints.taskCreate, { title: 'Call', body: '', dueDate: undefined, completed: false, assignedTo: null })).toEqual({
      title: 'Call',
      completed: false,
    });
    expect(allowBody(endpoints.contactSearch, { locationId: 'L', pageLimit: 0, filters: [], query: '  ' })).toEqual({ locationId: 'L', pageLimit: 0 });
  });

  it('refuses to send a property the endpoint does not accept (HighLevel would answer 422), with no request sent', async () => {
    const scope = nock(API).put(/.*/).reply(200, {});
    const error = await thrown(
      call(endpoints.contactUpdate, { path: { contactId: 'abc' }, body: { firstName: 'A', gender: 'female', locationId: LOCATION_ID } }),
    );
    expect(error.message).toMatch(/Not sent: PUT \/contacts\/\{contactId\} does not accept gender, locationId\./);
    expect(scope.isDone()).toBe(false);
  });

  it("sends JSON with Bearer auth and the endpoint's Version, even on DELETE", async () => {
    const scope = nock(API, { reqheaders: { ...CONTACTS_VERSION.reqheaders, accept: 'application/json', 'content-type': /^application\/json/ } })
      .delete('/contacts/abc/tags', { tags: ['x'] })
      .reply(200, { tags: [] });
    await call(endpoints.contactTagsRemove, { path: { contactId: 'abc' }, body: { tags: ['x'] } });
    expect(scope.isDone()).toBe(true);
  });

  it('sends no body and no Content-Type on a GET', async () => {
    const scope = nock(API, { badheaders: ['content-type'] })
      .get('/contacts/abc')
      .reply(200, contactFixture);
    await call(endpoints.contactGet, { path: { contactId: 'abc' } });
    expect(scope.isDone()).toBe(true);
  });
});

describe('lib/http: query', () => {
  it('drops empty values and encodes "+" and "@"', async () => {
    const scope = nock(API)
      .get((path) => path === `/contacts/search/duplicate?locationId=${LOCATION_ID}&number=%2B15415550123&email=a%40b.co`)
      .reply(200, { contact: null });
    expect(
      await call(endpoints.contactDuplicate, { query: { locationId: LOCATION_ID, number: '+15415550123', email: 'a@b.co', other: '', none: undefined } }),
    ).toBeNull();
    expect(scope.isDone()).toBe(true);
  });
});

describe('lib/http: Version header per group (docs/highlevel-api.md §1)', () => {
  it('every calendar route uses 2021-04-15 and everything else 2021-07-28', () => {
    for (const [name, endpoint] of Object.entries(endpoints)) {
      const expected = endpoint.path.startsWith('/calendars') ? V_2021_04_15 : V_2021_07_28;
      expect({ name, version: endpoint.version }).toEqual({ name, version: expected });
    }
  });

  it('GET /contacts/{id}/appointments is a contacts route (2021-07-28)', () => {
    expect(endpoints.contactAppointments.version).toBe(V_2021_07_28);
  });

  it('sends the calendar Version on calendar calls', async () => {
    const scope = nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).reply(200, { calendars: [] });
    expect(await call(endpoints.calendarList, { query: { locationId: LOCATION_ID } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('lib/http: answers', () => {
  it('unwraps the envelope', async () => {
    nock(API).get('/contacts/abc').reply(200, contactFixture);
    expect(await call(endpoints.contactGet, { path: { contactId: 'abc' } })).toEqual(contactFixture.contact);
  });

  it('returns the whole answer when the envelope key is missing or the endpoint has none', async () => {
    nock(API).get('/contacts/abc').reply(200, { id: 'abc' });
    expect(await call(endpoints.contactGet, { path: { contactId: 'abc' } })).toEqual({ id: 'abc' });
    nock(API).delete('/contacts/abc').reply(200, { succeded: true, traceId: 't' });
    expect(await call(endpoints.contactDelete, { path: { contactId: 'abc' } })).toEqual({ succeded: true, traceId: 't' });
  });

  it('allow404 turns a 404 into null but keeps other errors', async () => {
    nock(API).get('/contacts/abc').reply(404, { statusCode: 404, message: 'Not found' });
    expect(await call(endpoints.contactGet, { path: { contactId: 'abc' }, allow404: true })).toBeNull();
    nock(API).get('/contacts/abc').reply(500, { statusCode: 500, message: 'boom' });
    expect((await thrown(call(endpoints.contactGet, { path: { contactId: 'abc' }, allow404: true }))).message).toMatch(
      /server error \(500\) while getting the contact/,
    );
  });

  it.each(['{"contact": {"id": "abc"', '<html>502 Bad Gateway</html>'])('says so when a 200 answer is not JSON: %j', async (text) => {
    nock(API).get('/contacts/abc').reply(200, text, { 'Content-Type': 'application/json' });
    const error = await thrown(call(endpoints.contactGet, { path: { contactId: 'abc' } }));
    expect(error).toMatchObject({
      code: 'bad_response',
      message: expect.stringMatching(
        /^HighLevel answered with text that is not valid JSON \(\d+ characters, perhaps cut off\) while getting the contact\. This is usually temporary/,
      ),
    });
  });

  it('an empty 200 answer is not an error', async () => {
    nock(API).delete('/contacts/abc').reply(200, '');
    await expect(call(endpoints.contactDelete, { path: { contactId: 'abc' } })).resolves.toBeUndefined();
  });

  it('a dropped connection becomes a network message that leaks neither the URL nor the token', async () => {
    nock(API)
      .get('/contacts/abc')
      .replyWithError(Object.assign(new Error(`socket hang up ${API}/contacts/abc Bearer fake-access-token`), { code: 'ECONNRESET' }));
    const error = await thrown(call(endpoints.contactGet, { path: { contactId: 'abc' } }));
    expect(error).toMatchObject({ name: 'AppError', code: 'network_error' });
    expect(error.message).toBe(
      'The connection to HighLevel broke (ECONNRESET) while getting the contact. This is usually a temporary network problem: try again in a few minutes.',
    );
    expect(error.message).not.toMatch(/leadconnectorhq|fake-access-token|Bearer/);
  });

  it("a connection without the endpoint's scope is stopped before sending", async () => {
    const scope = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(
      call(endpoints.calendarList, { query: { locationId: LOCATION_ID } }, { ...authData, scope: 'contacts.readonly,contacts.write' }),
    );
    // A step error, not ExpiredAuthError: that would mark the whole connection expired (issue 10).
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope', status: 403 });
    expect(error.message).toMatch(
      /^This HighLevel connection lacks the "calendars.readonly" permission, needed for listing calendars \(GET \/calendars\/\)\. Nothing was sent\. The owner of the HighLevel marketplace app must add the "calendars.readonly" scope to the app/,
    );
    expect(scope.isDone()).toBe(false);
  });
});

describe('lib/http: isEmpty', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['', true],
    ['  ', true],
    [[], true],
    [0, false],
    [false, false],
    ['0', false],
    [{}, false],
  ])('%j → %j', (value, expected) => {
    expect(isEmpty(value)).toBe(expected);
  });
});

describe('lib/http: what a failed write tells the user (issue 11)', () => {
  const createNote = (options: CallOptions = {}) =>
    call(endpoints.noteCreate, { path: { contactId: 'c1' }, body: { body: 'Call notes' }, answer: zod.looseObject({ id: zod.string() }), ...options });

  it('a connection reset after sending: may have happened, and what a replay does', async () => {
    nock(API)
      .post('/contacts/c1/notes')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await thrown(createNote());
    expect(error).toMatchObject({ code: 'network_error' });
    expect(error.message).toBe(
      'The connection to HighLevel broke (ECONNRESET) while creating the note, so HighLevel may or may not have created the note. ' +
        'Check in HighLevel whether it happened before you replay this step: a replay may do it a second time.',
    );
    const finds = await (async () => {
      nock(API)
        .post('/contacts/c1/notes')
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      return thrown(createNote({ replay: 'finds' }));
    })();
    expect(finds.message).toMatch(
      /Replaying this step is safe: it first looks for the note this attempt may have created and returns it instead of writing a second one\.$/,
    );
  });

  it('a refused connection: nothing was sent', async () => {
    nock(API)
      .post('/contacts/c1/notes')
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect((await thrown(createNote())).message).toBe(
      'Could not reach HighLevel while creating the note (ECONNREFUSED). Nothing was sent. This is usually a temporary network problem: try again in a few minutes.',
    );
  });

  it('a 5xx after a write may have written; a 5xx on a read is temporary', async () => {
    nock(API).post('/contacts/c1/notes').reply(502, { statusCode: 502, message: 'Bad Gateway', traceId: 'tr-9' });
    const error = await thrown(createNote());
    expect(error).toMatchObject({ code: 'http_502', status: 502 });
    expect(error.message).toBe(
      'HighLevel had a server error (502) while creating the note (HighLevel trace ID: tr-9), so HighLevel may or may not have created the note. ' +
        'Check in HighLevel whether it happened before you replay this step: a replay may do it a second time.',
    );
  });

  it('an idempotent write says a replay just repeats it', async () => {
    nock(API).put('/contacts/c1').reply(503, { statusCode: 503, message: 'Service Unavailable' });
    const error = await thrown(call(endpoints.contactUpdate, { path: { contactId: 'c1' }, body: { firstName: 'Lena' } }));
    expect(error.message).toMatch(
      /may or may not have updated the contact\. Replaying this step is safe: it sends the same change again, and the record ends up the same\.$/,
    );
  });

  it.each([
    [
      endpoints.contactCreate,
      { contact: { id: 12345 } },
      'without the contact it created',
      /^HighLevel created the contact, but answered without the contact it created; it sent \{"contact":\{"id":number\}\}\./,
    ],
    [
      endpoints.taskCreate,
      { task: {} },
      'without the task it created',
      /^HighLevel created the task, but answered without the task it created; it sent \{"task":\{\}\}\./,
    ],
  ])('an odd body after a write says the record was written and what came back, never a ZodError', async (endpoint, answer, unreadable, message) => {
    nock(API).post(/.*/).reply(201, answer);
    const error = await thrown(
      call(endpoint, {
        path: { contactId: 'c1' },
        body: endpoint === endpoints.taskCreate ? { title: 'T' } : { firstName: 'Lena' },
        answer: zod.looseObject({ id: zod.string() }),
        unreadable,
      }),
    );
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_response' });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Check .* in HighLevel before you replay this step: a replay would do it a second time\.$/);
    expect(error.message).not.toMatch(/Zod|invalid_type|12345/);
  });

  it('times out below Zapier’s 30 s, saying the write may have happened', async () => {
    nock(API)
      .post('/contacts/c1/notes')
      .delay(REQUEST_TIMEOUT_MS + 2000)
      .reply(201, { note: { id: 'n1' } });
    const started = Date.now();
    const error = await thrown(createNote({ replay: 'finds' }));
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(error.message).toMatch(
      /^HighLevel did not answer within 10 seconds while creating the note, so HighLevel may or may not have created the note\. Replaying this step is safe/,
    );
  }, 20_000);

  it('waits out one short 429 (nothing was executed) instead of failing the step', async () => {
    const scope = nock(API)
      .post('/contacts/c1/notes')
      .reply(429, { statusCode: 429, message: 'Too Many Requests' }, { 'Retry-After': '1' })
      .post('/contacts/c1/notes')
      .reply(201, { note: { id: 'n1' } });
    expect(await createNote()).toEqual({ id: 'n1' });
    expect(scope.isDone()).toBe(true);
  });

  it('a second 429, or a long one, becomes Zapier’s throttle with the clamped wait', async () => {
    nock(API).post('/contacts/c1/notes').times(2).reply(429, { statusCode: 429, message: 'Too Many Requests' }, { 'Retry-After': '1' });
    const twice = await thrown(createNote());
    expect(twice).toMatchObject({ name: 'ThrottledError' });
    nock(API).post('/contacts/c1/notes').reply(429, { statusCode: 429, message: 'Too Many Requests' }, { 'Retry-After': '99999999' });
    const long = await thrown(createNote());
    expect(long.message).toMatch(/Zapier will retry in 60 seconds/);
  });
});
