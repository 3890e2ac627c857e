import { InvalidInput, isCountryCode, normalizeCountry, normalizeDate, normalizeEmail, normalizePhone, normalizeUrl } from '../../lib/input';

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
  ])('%p → %p', (input, expected) => {
    expect(normalizeEmail('Email', input)).toBe(expected);
  });

  it.each(['lena', 'lena@', '@example.com', 'lena@example', 'a b@example.com', 'lena@@example.com'])('rejects %p naming the field', (input) => {
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
  ])('%p in %p → %p', (input, country, expected) => {
    expect(normalizePhone('Phone', input, country)).toBe(expected);
  });

  it('asks for a country code when the number has none and no default country is set', () => {
    fails(
      () => normalizePhone('Phone', '0171 1234567'),
      /^Phone "0171 1234567" is not a valid phone number\. Add the country code .* or set Default Phone Country\.$/,
    );
  });

  it.each(['12', 'call me', '+1 555', ''])('rejects %p', (input) => {
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
  ])('%p → %p', (input, expected) => {
    expect(normalizeCountry('Country', input)).toBe(expected);
  });

  it.each(['Atlantis', 'XX', 'D'])('rejects %p', (input) => {
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
  ])('%p → %p', (input, expected) => {
    expect(normalizeDate('Date of Birth', input)).toBe(expected);
  });

  it.each(['someday', '1988-13-45', '31/31/1988', ''])('rejects %p', (input) => {
    fails(() => normalizeDate('Date of Birth', input), /^Date of Birth ".*" is not a date: use YYYY-MM-DD/);
  });
});

describe('lib/validate: normalizeUrl', () => {
  it.each([
    ['https://vogt-pilates.example.com', 'https://vogt-pilates.example.com'],
    ['vogt-pilates.example.com/kurse', 'https://vogt-pilates.example.com/kurse'],
    ['http://example.com', 'http://example.com'],
  ])('%p → %p', (input, expected) => {
    expect(normalizeUrl('Website', input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'ftp://example.com', 'localhost', 'not a url', 'data:text/html,hi'])('rejects %p', (input) => {
    fails(() => normalizeUrl('Website', input), /^Website ".*" is not a web address/);
  });
});
