import { InvalidInput, yesNo } from '../../../lib/input';
import { parseDueDate, resendableDate } from '../../../lib/task/fields';

describe('parseDueDate', () => {
  it.each([
    ['2026-07-01T17:00:00Z', 'UTC', '2026-07-01T17:00:00Z'],
    ['2026-07-01T17:00:00.250+02:00', 'UTC', '2026-07-01T15:00:00Z'],
    ['2026-07-01T17:00', 'America/New_York', '2026-07-01T21:00:00Z'],
    ['2026-07-01 17:00', 'Europe/Berlin', '2026-07-01T15:00:00Z'],
    ['07/01/2026 9:30', 'UTC', '2026-07-01T09:30:00Z'],
    ['July 1, 2026 5:00 PM', 'America/New_York', '2026-07-01T21:00:00Z'],
    ['Wed, 01 Jul 2026 17:00:00 +0000', 'Europe/Berlin', '2026-07-01T17:00:00Z'],
    ['07/01/2026 5:00pm', 'UTC', '2026-07-01T17:00:00Z'],
    ['1782925200000', 'Europe/Berlin', '2026-07-01T17:00:00Z'],
    ['1782925200', 'Europe/Berlin', '2026-07-01T17:00:00Z'],
  ])('reads %s in %s as %s', (value, zone, expected) => {
    expect(parseDueDate('Due Date', value, zone)).toBe(expected);
  });

  it('accepts epoch milliseconds as a number', () => {
    expect(parseDueDate('Due Date', 1782925200000, 'UTC')).toBe('2026-07-01T17:00:00Z');
  });

  it.each([
    ['2026-07-01', 'UTC', '2026-07-01T17:00:00Z'],
    ['2026-07-01', 'America/New_York', '2026-07-01T21:00:00Z'],
    ['07/01/2026', 'Europe/Berlin', '2026-07-01T15:00:00Z'],
    ['July 1, 2026', 'UTC', '2026-07-01T17:00:00Z'],
    ['1.7.2026', 'UTC', '2026-07-01T17:00:00Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T21:00:00Z'],
  ])('gives a date without a time (%s in %s) 17:00 local time', (value, zone, expected) => {
    expect(parseDueDate('Due Date', value, zone)).toBe(expected);
  });

  it.each([
    ['tomorrow-ish', /Due Date "tomorrow-ish" is not a date and time HighLevel can use/],
    ['13/45/2026', /Due Date "13\/45\/2026" is not a date and time HighLevel can use/],
    ['2026-02-30', /Due Date "2026-02-30" is not a valid date/],
    ['', /Due Date is empty/],
  ])('rejects %j naming the field', (value, message) => {
    expect(() => parseDueDate('Due Date', value, 'UTC')).toThrow(InvalidInput);
    expect(() => parseDueDate('Due Date', value, 'UTC')).toThrow(message);
  });

  it('refuses a wall-clock time the clocks skip (daylight-saving gap) rather than moving it silently', () => {
    expect(() => parseDueDate('Due Date', '2026-03-08 02:30', 'America/New_York')).toThrow(/does not exist in America\/New_York/);
  });
});

describe('resendableDate', () => {
  it('drops the milliseconds of a date HighLevel sent', () => {
    expect(resendableDate('2026-07-01T15:00:00.000Z')).toBe('2026-07-01T15:00:00Z');
  });
  it('leaves a value it cannot read as it is', () => {
    expect(resendableDate('soon')).toBe('soon');
  });
});

describe('yesNo', () => {
  it.each([
    [true, true],
    ['yes', true],
    ['TRUE', true],
    ['0', false],
    ['no', false],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(yesNo('Completed', value)).toBe(expected);
  });
  it('rejects anything else', () => {
    expect(() => yesNo('Completed', 'maybe')).toThrow(/Completed must be yes or no/);
  });
});
