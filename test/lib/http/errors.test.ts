import { mapGhlError, readErrorBody, throttleDelaySeconds, type ErrorContext } from '../../../lib/http/errors';

const headers =
  (values: Record<string, string> = {}): ErrorContext['header'] =>
  (name) =>
    values[name.toLowerCase()];
const map = (status: number, body: unknown, hdrs: Record<string, string> = {}, action = 'creating the contact') =>
  mapGhlError({ status, body, action, header: headers(hdrs) });

describe('lib/errors: readErrorBody', () => {
  it('keeps only the known, well-typed parts of an error answer', () => {
    expect(
      readErrorBody({
        statusCode: 422,
        message: ['a', 1, 'b'],
        error: 'Unprocessable Entity',
        traceId: 't1',
        meta: { contactId: 'c1', matchingField: 'email', other: 1 },
        extra: true,
      }),
    ).toEqual({ message: ['a', 'b'], error: 'Unprocessable Entity', traceId: 't1', meta: { contactId: 'c1', matchingField: 'email' } });
  });

  it.each([
    ['<html>Bad Gateway</html>', { message: '<html>Bad Gateway</html>' }],
    ['   ', {}],
    [null, {}],
    [[1, 2], {}],
    [42, {}],
  ])('reads %j', (body, expected) => {
    expect(readErrorBody(body)).toEqual(expected);
  });

  it('cuts a long text answer', () => {
    expect((readErrorBody('x'.repeat(1000)).message as string).length).toBe(300);
  });
});

describe('lib/errors: mapGhlError', () => {
  it('halts on the duplicate-contact rule and names the existing contact and field', () => {
    const mapped = map(400, {
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      meta: { contactId: 'dup123', matchingField: 'phone' },
      traceId: 'tr',
    });
    expect(mapped.kind).toBe('halt');
    expect(mapped.message).toMatch(
      /contact dup123 already exists with the same phone\. Use "Create or Update Contact" or "Find or Create Contact".*\(HighLevel trace ID: tr\)$/,
    );
  });

  it('a plain 400 says what HighLevel said', () => {
    expect(map(400, { statusCode: 400, message: 'Invalid phone' })).toEqual({
      kind: 'error',
      message: 'HighLevel rejected creating the contact (400): Invalid phone',
    });
  });

  it('joins a 422 message array and names the fields', () => {
    const mapped = map(
      422,
      { statusCode: 422, message: ['property gender should not exist', 'email must be an email'], error: 'Unprocessable Entity' },
      {},
      'updating the contact',
    );
    expect(mapped).toEqual({
      kind: 'error',
      message:
        'HighLevel rejected updating the contact because some values are not valid: property gender should not exist; email must be an email. Check the fields "gender", "email".',
    });
  });

  it('a 422 without a message still reads well', () => {
    expect(map(422, {}).message).toBe('HighLevel rejected creating the contact because some values are not valid.');
  });

  it('a 403 explains permissions and location', () => {
    const mapped = map(403, { statusCode: 403, message: 'The token does not have access to this location.' });
    expect(mapped.kind).toBe('error');
    expect(mapped.message).toMatch(
      /^HighLevel refused creating the contact \(403 Forbidden: The token does not have access to this location\.\)\. The connected user may not have access/,
    );
  });

  it('a 404 asks to check the ID', () => {
    expect(map(404, { statusCode: 404, message: 'Contact not found' }, {}, 'getting the contact').message).toBe(
      'HighLevel could not find what was asked for while getting the contact (404: Contact not found). Check that the ID is right and the record was not deleted.',
    );
  });

  it.each([
    [{ 'retry-after': '3' }, 3],
    [{ 'retry-after': '2.2' }, 3],
    [{ 'retry-after': '0' }, 1],
    [{ 'x-ratelimit-interval-milliseconds': '10000' }, 10],
    [{ 'x-ratelimit-interval-milliseconds': '1500' }, 2],
    [{ 'retry-after': 'soon', 'x-ratelimit-interval-milliseconds': '4000' }, 4],
    [{}, 10],
    // Garbled headers are clamped to a minute (issue 11: "Zapier will retry in 99999999 seconds").
    [{ 'retry-after': '99999999' }, 60],
    [{ 'x-ratelimit-interval-milliseconds': '999999999999' }, 60],
    [{ 'retry-after': '-5', 'x-ratelimit-interval-milliseconds': '0' }, 1],
    [{ 'retry-after': new Date(Date.now() + 86_400_000).toUTCString() }, 60],
  ])('a 429 with headers %j waits %i seconds', (hdrs, delay) => {
    const mapped = map(429, { statusCode: 429, message: 'Too Many Requests' }, hdrs);
    expect(mapped).toMatchObject({ kind: 'throttle', delaySeconds: delay });
    expect(mapped.message).toContain(`retry in ${delay} seconds`);
    expect(throttleDelaySeconds(headers(hdrs))).toBe(delay);
  });

  it('a Retry-After HTTP date becomes the seconds until then (clamped)', () => {
    const now = Date.parse('2026-12-01T14:13:52Z');
    expect(throttleDelaySeconds(headers({ 'retry-after': 'Tue, 01 Dec 2026 14:14:12 GMT' }), now)).toBe(20);
    expect(throttleDelaySeconds(headers({ 'retry-after': 'Tue, 01 Dec 2026 14:13:00 GMT' }), now)).toBe(1);
    expect(throttleDelaySeconds(headers({ 'retry-after': 'Wed, 02 Dec 2026 14:13:52 GMT' }), now)).toBe(60);
  });

  it('a 429 with the daily quota used up waits until the reset (between a minute and a day)', () => {
    expect(map(429, {}, { 'x-ratelimit-daily-remaining': '0', 'x-ratelimit-daily-reset': '7200000' })).toMatchObject({ kind: 'throttle', delaySeconds: 7200 });
    expect(map(429, {}, { 'x-ratelimit-daily-remaining': '0' })).toMatchObject({ delaySeconds: 3600 });
    expect(map(429, {}, { 'x-ratelimit-daily-remaining': '0', 'x-ratelimit-daily-reset': '5' })).toMatchObject({ delaySeconds: 60 });
    expect(map(429, {}, { 'x-ratelimit-daily-remaining': '0', 'x-ratelimit-daily-reset': String(10 * 86400000) })).toMatchObject({ delaySeconds: 86400 });
    expect(map(429, {}, { 'x-ratelimit-daily-remaining': '0' }).message).toMatch(/daily API limit/);
  });

  it.each([500, 502, 503, 504])('a %i is temporary and carries the trace id', (status) => {
    expect(map(status, { message: 'oops', traceId: 'tr-9' })).toEqual({
      kind: 'error',
      message: `HighLevel had a server error (${status}) while creating the contact. This is usually temporary: try again in a few minutes. (HighLevel trace ID: tr-9)`,
    });
  });

  it('other statuses fall back to what HighLevel said, or a full stop', () => {
    expect(map(409, { error: 'Conflict' }).message).toBe('HighLevel rejected creating the contact (409): Conflict');
    expect(map(418, undefined).message).toBe('HighLevel rejected creating the contact (418).');
  });
});
