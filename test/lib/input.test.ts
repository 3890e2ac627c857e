import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  InvalidInput,
  choice,
  findTextProblem,
  gated,
  isGated,
  isId,
  throughInputGate,
  isCountryCode,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizePhone,
  normalizeUrl,
  offsetMinutes,
  readInteger,
  readNumber,
  text,
} from '../../lib/input';

const fails = (run: () => unknown, message: RegExp) => {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidInput);
  expect((caught as Error).message).toMatch(message);
};

describe('lib/validate: normalizeEmail', () => {
  it.each([
    [' Lena.Vogt@Example.COM ', 'lena.vogt@example.com'],
    ['a+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail('Email', input)).toBe(expected);
  });

  it.each(['lena', 'lena@', '@example.com', 'lena@example', 'a b@example.com', 'lena@@example.com'])('rejects %j naming the field', (input) => {
    fails(
      () => normalizeEmail('Contact Email', input),
      new RegExp(`^Contact Email ".*" is not a valid email address \\(expected something like name@example.com\\)\\.$`),
    );
  });
});

describe('lib/validate: normalizePhone', () => {
  it.each([
    ['+1 (541) 555-0123', undefined, '+15415550123'],
    ['(541) 555-0123', 'US', '+15415550123'],
    ['0171 1234567', 'de', '+491711234567'],
    ['+49 171 1234567', 'US', '+491711234567'],
    ['020 7946 0958', 'GB', '+442079460958'],
  ])('%j in %j → %j', (input, country, expected) => {
    expect(normalizePhone('Phone', input, country)).toBe(expected);
  });

  it('asks for a country code when the number has none and no default country is set', () => {
    fails(
      () => normalizePhone('Phone', '0171 1234567'),
      /^Phone "0171 1234567" is not a valid phone number\. Add the country code .* or set Default Phone Country\.$/,
    );
  });

  it.each(['12', 'call me', '+1 555', ''])('rejects %j', (input) => {
    fails(() => normalizePhone('Phone', input, 'US'), /is not a valid phone number\.$/);
  });

  it('rejects a default country that is not a two-letter code', () => {
    fails(() => normalizePhone('Phone', '0171 1234567', 'Germany'), /^Default Phone Country "Germany" is not a two-letter country code/);
    fails(() => normalizePhone('Phone', '0171 1234567', 'XX'), /Default Phone Country "XX"/);
  });
});

describe('lib/validate: normalizeCountry', () => {
  it.each([
    ['de', 'DE'],
    [' US ', 'US'],
    ['Germany', 'DE'],
    ['GERMANY', 'DE'],
    ['united states', 'US'],
    ['USA', 'US'],
    ['UK', 'GB'],
    ['Deutschland', 'DE'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCountry('Country', input)).toBe(expected);
  });

  it.each(['Atlantis', 'XX', 'D'])('rejects %j', (input) => {
    fails(() => normalizeCountry('Country', input), /^Country ".*" is not a country HighLevel knows/);
  });

  it('knows the ISO codes', () => {
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('de')).toBe(false);
  });
});

describe('lib/validate: normalizeDate', () => {
  it.each([
    ['1988-05-12', '1988-05-12'],
    ['05/12/1988', '1988-05-12'],
    ['5/12/1988', '1988-05-12'],
    ['12.05.1988', '1988-05-12'],
    ['1988/05/12', '1988-05-12'],
    ['May 12, 1988', '1988-05-12'],
    ['12 May 1988', '1988-05-12'],
    ['1988-05-12T23:30:00+02:00', '1988-05-12'],
    ['579398400000', '1988-05-12'],
    ['579398400', '1988-05-12'],
    ['1781172942318', '2026-06-11'],
    ['19880512', '1988-05-12'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDate('Date of Birth', input)).toBe(expected);
  });

  it.each(['someday', '1988-13-45', '31/31/1988', ''])('rejects %j', (input) => {
    fails(() => normalizeDate('Date of Birth', input), /^Date of Birth ".*" is not a date: use YYYY-MM-DD/);
  });
});

describe('lib/validate: normalizeUrl', () => {
  it.each([
    ['https://vogt-pilates.example.com', 'https://vogt-pilates.example.com'],
    ['vogt-pilates.example.com/kurse', 'https://vogt-pilates.example.com/kurse'],
    ['http://example.com', 'http://example.com'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeUrl('Website', input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'ftp://example.com', 'localhost', 'not a url', 'data:text/html,hi'])('rejects %j', (input) => {
    fails(() => normalizeUrl('Website', input), /^Website ".*" is not a web address/);
  });
});

describe('lib/input: text refuses what would corrupt a record (issue 11)', () => {
  it.each([
    [{ first: 'Lena' }, /^First Name got an object where text is expected/],
    [['Lena', 'Vogt'], /^First Name got a list of 2 values where one text is expected/],
    [['Lena'], /^First Name got a list of 1 value where/],
    ['[object Object]', /^First Name contains "\[object Object\]"/],
    ['Lena [object Array]', /^First Name contains "\[object Object\]"/],
    ['\ud800', /^First Name contains a broken character \(half of a UTF-16 surrogate pair\)/],
    ['a\udc00b', /broken character/],
    [Number.NaN, /^First Name got NaN, which is not a number/],
  ])('%j', (value, message) => {
    fails(() => text(value, 'First Name'), message);
  });

  it.each([
    [' Lena ', 'Lena'],
    [12, '12'],
    [true, 'true'],
    ['😀 Lena', '😀 Lena'],
    ['', undefined],
    [[], undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(text(value, 'First Name')).toBe(expected);
  });

  it.each(['{{bundle.inputData.email}}', 'Hi {{ bundle.authData.x }}!', '{{process.env.SECRET}}'])(
    'refuses a Zapier field reference typed by hand (%j), saying which field and what to do (issue 21)',
    (value) => {
      fails(
        () => text(value, 'First Name'),
        /^First Name holds "\{\{.*\}\}", a Zapier field reference typed by hand: .*Remove the curly braces and insert the value/,
      );
    },
  );

  it("keeps HighLevel's own merge fields, which the platform does not refuse", () => {
    expect(text('Hi {{contact.first_name}}', 'Body')).toBe('Hi {{contact.first_name}}');
  });

  it('finds a broken string anywhere in a request, with its path', () => {
    expect(findTextProblem({ firstName: 'Lena', customFields: [{ id: 'a', field_value: ['ok', '\ud83d'] }] })).toMatchObject({
      path: 'customFields.0.field_value.1',
    });
    expect(findTextProblem({ firstName: 'Lena', tags: ['vip'], n: 3 })).toBeUndefined();
  });
});

describe('lib/input: choice takes own options only', () => {
  const choices = { confirmed: 'Confirmed', new: 'New' };
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('refuses %j', (value) => {
    fails(() => choice('Status', value, choices), /^Status ".*" is not one of: confirmed, new\.$/);
  });
  it('accepts an option in any case', () => {
    expect(choice('Status', 'Confirmed', choices)).toBe('confirmed');
  });
});

describe('lib/input: normalizeEmail lengths (RFC 5321)', () => {
  it('refuses a local part over 64 characters without echoing the address', () => {
    fails(() => normalizeEmail('Email', `${'a'.repeat(300)}@example.com`), /^Email has 300 characters before the @; email addresses allow at most 64 there/);
    expect(normalizeEmail('Email', `${'a'.repeat(64)}@example.com`)).toBe(`${'a'.repeat(64)}@example.com`);
  });
});

describe('lib/input: normalizeUrl needs a host', () => {
  it.each(['123', 'https://123', 'intranet', 'http://0x7f.1', 'https://999.1.1.1'])('refuses %j', (value) => {
    fails(() => normalizeUrl('Website', value), /^Website ".*" is not a web address/);
  });
  it.each([
    ['müller.de', 'https://müller.de'],
    ['http://192.168.1.10/admin', 'http://192.168.1.10/admin'],
    ['shop.example.co.uk', 'https://shop.example.co.uk'],
  ])('keeps %j', (value, expected) => {
    expect(normalizeUrl('Website', value)).toBe(expected);
  });
});

describe('lib/input: numbers', () => {
  it.each([
    ['12', 12],
    [' -3.5 ', -3.5],
    ['1,104.50', 1104.5],
    ['2e3', 2000],
    [7, 7],
    ['.5', 0.5],
  ])('%j → %j', (value, expected) => {
    expect(readNumber('Sessions', value)).toBe(expected);
  });
  it.each(['0x1A', 'Infinity', '12abc', '1.2.3', '1,2', '-', 'e5', true, Number.POSITIVE_INFINITY, { n: 1 }])('refuses %j', (value) => {
    fails(() => readNumber('Sessions', value), /^Sessions (must be a number|got an object)/);
  });
  it('readInteger keeps to its range and names the unit', () => {
    expect(readInteger('Duration', '60', { min: 1, max: 1440, example: '60', unit: 'minutes' })).toBe(60);
    fails(
      () => readInteger('Duration', '0x10', { min: 1, max: 1440, example: '60', unit: 'minutes' }),
      /^Duration "0x10" must be a whole number of minutes from 1 to 1440/,
    );
  });
});

describe('lib/input: offsets', () => {
  it.each([
    ['Z', 0],
    ['+02:00', 120],
    ['-0530', -330],
    ['+14:00', 840],
    ['-12', -720],
  ])('%j → %j minutes', (offset, minutes) => {
    expect(offsetMinutes(offset)).toBe(minutes);
  });
  it.each(['+25:00', '+14:30', '-15:00', '+05:99', '+5'])('%j is no clock offset', (offset) => {
    expect(offsetMinutes(offset)).toBeUndefined();
  });
  it('refuses a date of birth written with an impossible offset', () => {
    fails(() => normalizeDate('Date of Birth', '1988-05-12T23:30:00+25:00'), /has the UTC offset \+25:00, which no clock uses/);
  });
});

describe('lib/input: ids', () => {
  it.each(['ocQHyuzHvysMo5N5VsXc', '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5', 'Ev7tY2uI4oP6aS8dF0gH_1717000000000_0'])('%j is an id', (id) => {
    expect(isId(id)).toBe(true);
  });

  it.each(['', '.', '..', 'a/b', 'ab\ud800', '-1', '12345', 'true', 'removeAll', 'UPSERT', 'search', 42, null, {}])('%j is not', (value) => {
    expect(isId(value)).toBe(false);
  });
});

describe('lib/input: the gate every operation function goes through (issue 21)', () => {
  class ZapierError extends Error {
    constructor(
      message: string,
      readonly code?: string,
      readonly status?: number,
    ) {
      super(message);
    }
  }
  const z = { errors: { Error: ZapierError } } as unknown as ZObject;
  const bundle = {} as Bundle;
  type AppFunction = (z: ZObject, bundle: Bundle) => unknown;

  it('turns an InvalidInput thrown or rejected with into the Zapier error, keeping its message', async () => {
    const sync = gated<AppFunction>(() => text(['a', 'b'], 'Tag'));
    expect(() => sync(z, bundle)).toThrow(ZapierError);
    expect(() => sync(z, bundle)).toThrow(/^Tag got a list of 2 values/);
    const rejected = await (gated<AppFunction>(async () => text({}, 'Hours to Look Back'))(z, bundle) as Promise<unknown>).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(ZapierError);
    expect(rejected).toMatchObject({ code: 'invalid_input', status: 400, message: expect.stringMatching(/^Hours to Look Back got an object/) });
  });

  it('passes results and every other error through unchanged, and wraps a function once', async () => {
    const fn: AppFunction = async () => 7;
    expect(await gated(fn)(z, bundle)).toBe(7);
    expect(gated(fn)).toBe(gated(fn));
    expect(gated(gated(fn))).toBe(gated(fn));
    const other = new TypeError('x');
    expect(() =>
      gated<AppFunction>(() => {
        throw other;
      })(z, bundle),
    ).toThrow(other);
  });

  it('is applied to every function of a group of operations', () => {
    const perform = () => 1;
    const dynamic = () => [];
    const group = throughInputGate({ a: { key: 'a', operation: { perform, inputFields: [{ key: 'x' }, dynamic], sample: {} } } });
    expect(isGated(group.a.operation.perform)).toBe(true);
    expect(isGated(group.a.operation.inputFields[1])).toBe(true);
    expect(group.a.operation.inputFields[0]).toEqual({ key: 'x' });
    expect(isGated(perform)).toBe(false);
  });
});
