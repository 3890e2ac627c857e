import nock from 'nock';
import { perform } from '../../creates/api_request';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import pipelinesFixture from '../fixtures/pipelines.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const OTHER_LOCATION = 'SomeOtherLocation000';
const run = (inputData: Record<string, unknown>, auth: Record<string, string> = authData) => appTester(perform, { authData: auth, inputData });

describe('creates.api_request', () => {
  it('GETs a route with its group Version, filling in the required locationId, and returns status and body', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/opportunities/pipelines').query({ locationId: LOCATION_ID }).reply(200, pipelinesFixture);
    const result = await run({ method: 'GET', path: '/opportunities/pipelines' });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ status: 200, data: pipelinesFixture });
  });

  it("fills location_id (snake case) where the route needs that, and passes the user's own query", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query({ location_id: LOCATION_ID, status: 'won', limit: '5' })
      .reply(200, { opportunities: [] });
    await run({ method: 'GET', path: '/opportunities/search', query: { status: 'won', limit: '5' } });
    expect(scope.isDone()).toBe(true);
  });

  it('uses 2021-04-15 for calendar routes and replaces {locationId} in the path', async () => {
    const calendars = nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).reply(200, { calendars: [] });
    await run({ method: 'GET', path: '/calendars/' });
    const tags = nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}/tags`).reply(200, { tags: [] });
    await run({ method: 'GET', path: '/locations/{locationId}/tags' });
    expect(calendars.isDone() && tags.isDone()).toBe(true);
  });

  it('sends a JSON body exactly as given (null included) and reports a 201', async () => {
    const body = { tags: ['vip', 'tc-learner'], note: null };
    const scope = nock(API, { reqheaders: { ...CONTACTS_VERSION.reqheaders, 'content-type': /application\/json/ } })
      .post(`/contacts/${CONTACT}/tags`, body)
      .reply(201, { tags: ['vip', 'tc-learner'] });
    expect(await run({ method: 'POST', path: `/contacts/${CONTACT}/tags`, body: JSON.stringify(body) })).toEqual({
      status: 201,
      data: { tags: ['vip', 'tc-learner'] },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('lets the Version be overridden to a known value only', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .get(`/contacts/${CONTACT}`)
      .reply(200, { contact: { id: CONTACT } });
    await run({ method: 'GET', path: `/contacts/${CONTACT}`, version: '2021-04-15' });
    expect(scope.isDone()).toBe(true);
    const error = await thrown(run({ method: 'GET', path: `/contacts/${CONTACT}`, version: '2023-02-21' }));
    expect(error.message).toMatch(/Version Header must be one of 2021-07-28, 2021-04-15/);
  });

  it("reports HighLevel's errors like every other action", async () => {
    nock(API).get(`/contacts/${CONTACT}`).reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await thrown(run({ method: 'GET', path: `/contacts/${CONTACT}` }));
    expect(error.message).toMatch(/while calling GET \/contacts\/\{contactId\} \(404: Contact not found\)/);
  });

  it.each([
    ['an absolute URL', { path: 'https://evil.example.com/contacts/x' }, /is a full address/],
    ['a protocol-relative URL', { path: '//evil.example.com/contacts' }, /is a full address/],
    ['another API host', { path: 'https://services.leadconnectorhq.com/contacts/x' }, /is a full address/],
    ['a path without a leading slash', { path: 'contacts/x' }, /must start with "\/"/],
    ['traversal', { path: `/contacts/${CONTACT}/../../oauth/token` }, /must not contain empty, "\." or "\.\." segments/],
    ['encoded traversal', { path: `/contacts/%2e%2e/oauth` }, /must not contain "%"/],
    ['a backslash', { path: '/contacts\\x' }, /must not contain "%", "\\" or spaces/],
    ['a query in the path', { path: `/contacts/${CONTACT}?locationId=x` }, /put query parameters in Query Parameters/],
    ['an unknown route', { path: '/conversations/search' }, /is not a HighLevel v2 route this app knows the permission of/],
    ['a route whose scope no source names', { method: 'POST', path: '/contacts/bulk/business', body: '{}' }, /is not a HighLevel v2 route this app knows/],
    ['a route that lists other locations', { path: '/locations/search' }, /reaches past this connection's location/],
    ['the token route', { method: 'POST', path: '/oauth/token' }, /is not a HighLevel v2 route this app knows/],
    [
      'a scope the app does not ask for',
      { method: 'POST', path: '/calendars/', body: '{"name":"x"}' },
      /needs the "calendars\.write" permission, which this app does not ask HighLevel for/,
    ],
    ['another location in the path', { path: `/locations/${OTHER_LOCATION}/tags` }, /names another location \(SomeOtherLocation000\)/],
    [
      'another location in the query',
      { path: '/opportunities/pipelines', query: { locationId: OTHER_LOCATION } },
      /names another location \(locationId="SomeOtherLocation000"\)/,
    ],
    [
      'another location in the body',
      { method: 'POST', path: '/opportunities/', body: JSON.stringify({ locationId: OTHER_LOCATION, name: 'x' }) },
      /names another location/,
    ],
    [
      'another location deep in the body',
      { method: 'POST', path: '/contacts/upsert', body: JSON.stringify({ email: 'a@b.de', x: [{ location_id: OTHER_LOCATION }] }) },
      /names another location/,
    ],
    ['a body on GET', { path: '/opportunities/pipelines', body: '{}' }, /A GET request has no body/],
    ['a body that is not JSON', { method: 'POST', path: '/opportunities/', body: '{name: x}' }, /Body is not valid JSON/],
    ['a JSON body that is not an object', { method: 'POST', path: '/opportunities/', body: '"x"' }, /Body must be a JSON object or list/],
    ['an unknown method', { method: 'PATCH', path: '/opportunities/pipelines' }, /Method must be one of GET, POST, PUT, DELETE/],
    ['an id with odd characters', { path: '/contacts/a.b' }, /is not a HighLevel v2 route/],
    ['a bad query key', { path: '/opportunities/pipelines', query: { 'a b': '1' } }, /has characters a HighLevel parameter name does not use/],
  ])('refuses %s with no request sent', async (_what, over, message) => {
    const any = nock(/.*/).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
    const error = await thrown(run({ method: 'GET', ...over }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(any.isDone()).toBe(false);
  });

  it('refuses a route whose scope the connection was not granted, saying to reconnect', async () => {
    const any = nock(API).get(/.*/).reply(200, {});
    const error = await thrown(run({ method: 'GET', path: '/opportunities/pipelines' }, { ...authData, scope: 'contacts.readonly' }));
    expect(error.message).toMatch(/needs the "opportunities\.readonly" permission, which this connection was not granted: reconnect/);
    expect(any.isDone()).toBe(false);
  });

  it('accepts its own location named explicitly', async () => {
    const scope = nock(API, CONTACTS_VERSION).get('/opportunities/pipelines').query({ locationId: LOCATION_ID }).reply(200, pipelinesFixture);
    await run({ method: 'GET', path: '/opportunities/pipelines', query: { locationId: LOCATION_ID } });
    expect(scope.isDone()).toBe(true);
  });
});
