import { DateTime } from 'luxon';
import { addMinutes, checkTimeZone, dayBounds, instantsOf, parseTime, resolveTime, slotMinutes, toHighLevelTime } from '../../lib/time';
import { InvalidInput } from '../../lib/input';

const at = (value: unknown, zone?: string): string => toHighLevelTime(resolveTime('Start Time', parseTime('Start Time', value), zone));
const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as Error).message;
  }
  throw new Error('expected InvalidInput');
};

describe('parseTime', () => {
  it.each([
    ['2026-06-24T11:00:00+02:00', 'instant'],
    ['2026-06-24T09:00:00Z', 'instant'],
    ['2026-06-24T09:00:00.000Z', 'instant'],
    ['2026-06-24 11:00 +0200', 'instant'],
    ['Wed, 24 Jun 2026 09:00:00 GMT', 'instant'],
    ['1782291600000', 'instant'],
    [1782291600000, 'instant'],
    ['1782291600', 'instant'],
    ['2026-06-24 11:00', 'local'],
    ['2026-06-24T11:00:00', 'local'],
    ['06/24/2026 11:00 AM', 'local'],
    ['6/24/2026 11:00am', 'local'],
    ['6/24/2026 11:00 p.m.', 'local'],
    ['06/24/2026 23:00', 'local'],
    ['June 24, 2026 11:00 AM', 'local'],
    ['24.06.2026 11:00', 'local'],
    ['2026-06-24', 'date'],
    ['06/24/2026', 'date'],
  ])('reads %j as %s', (value, kind) => {
    expect(parseTime('Start Time', value).kind).toBe(kind);
  });

  it.each(['', '   ', 'next tuesday', '2026-13-01 10:00', '2026-02-30 10:00', '24/24/2026 10:00', '12345', undefined, null, {}])(
    'rejects %j naming the field',
    (value) => {
      expect(failure(() => parseTime('Start Time', value))).toMatch(/^Start Time /);
    },
  );
});

describe('resolveTime', () => {
  it('keeps the offset a time carries when no zone is asked for', () => {
    expect(at('2026-06-24T11:00:00+02:00')).toBe('2026-06-24T11:00:00+02:00');
    expect(at('2026-06-24T09:00:00Z')).toBe('2026-06-24T09:00:00+00:00');
  });

  it('shows an instant in the chosen zone (same instant, zone offset)', () => {
    expect(at('2026-06-24T09:00:00Z', 'Europe/Berlin')).toBe('2026-06-24T11:00:00+02:00');
    expect(at('1782291600000', 'America/New_York')).toBe('2026-06-24T05:00:00-04:00');
    expect(at(1782291600000)).toBe('2026-06-24T09:00:00+00:00');
  });

  it('reads wall-clock times in the zone, with the offset in force on that date', () => {
    expect(at('2026-06-24 11:00', 'Europe/Berlin')).toBe('2026-06-24T11:00:00+02:00');
    expect(at('2026-01-15 11:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00+01:00');
    expect(at('06/24/2026 11:00 AM', 'America/New_York')).toBe('2026-06-24T11:00:00-04:00');
    expect(at('2026-03-29T10:00:00', 'Europe/Berlin')).toBe('2026-03-29T10:00:00+02:00');
    expect(at('2026-03-29 01:59', 'Europe/Berlin')).toBe('2026-03-29T01:59:00+01:00');
  });

  it.each([
    ['2026-03-08 02:30', 'America/New_York'],
    ['2026-03-29 02:30', 'Europe/Berlin'],
  ])('refuses %s in %s: that time does not exist (spring-forward gap)', (value, zone) => {
    const message = failure(() => at(value, zone));
    expect(message).toContain(`"${value}" does not exist in ${zone}`);
    expect(message).toContain('jump forward an hour');
  });

  it('reads an ambiguous fall-back time as the earlier instant (daylight-saving offset)', () => {
    expect(instantsOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, 'America/New_York')).toHaveLength(2);
    expect(at('2026-11-01 01:30', 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(at('2026-10-25 02:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    // With an explicit offset the user can pick the second one.
    expect(at('2026-11-01T01:30:00-05:00', 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
  });

  it('refuses a date without a time of day for an appointment', () => {
    expect(failure(() => at('2026-06-24', 'Europe/Berlin'))).toMatch(/"2026-06-24" has no time of day/);
  });
});

describe('durations across daylight-saving changes keep the real elapsed minutes', () => {
  it('spring forward: 60 minutes from 01:30 EST end at 03:30 EDT', () => {
    const start = resolveTime('Start', parseTime('Start', '2026-03-08 01:30'), 'America/New_York');
    expect(toHighLevelTime(addMinutes(start, 60))).toBe('2026-03-08T03:30:00-04:00');
    expect(addMinutes(start, 60).toMillis() - start.toMillis()).toBe(3_600_000);
  });

  it('fall back: 90 minutes from 00:30 EDT end at 01:00 EST', () => {
    const start = resolveTime('Start', parseTime('Start', '2026-11-01 00:30'), 'America/New_York');
    expect(toHighLevelTime(addMinutes(start, 90))).toBe('2026-11-01T01:00:00-05:00');
  });
});

describe('checkTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'UTC', 'America/Argentina/Buenos_Aires'])('accepts %s', (zone) => {
    expect(checkTimeZone('Time Zone', ` ${zone} `)).toBe(zone);
  });
  it.each(['Mars/Olympus', '+02:00', 'CEST or CET', '../etc'])('rejects %s', (zone) => {
    expect(failure(() => checkTimeZone('Time Zone', zone))).toMatch(/^Time Zone ".*" is not a time zone: use an IANA name/);
  });
});

describe('slotMinutes and dayBounds', () => {
  it('turns the calendar slot length into minutes, defaulting to 30', () => {
    expect(slotMinutes(45, 'mins')).toBe(45);
    expect(slotMinutes(2, 'hours')).toBe(120);
    expect(slotMinutes(undefined, undefined)).toBe(30);
    expect(slotMinutes(0, 'mins')).toBe(30);
  });

  it('gives the first and last millisecond of a day in the zone, also on DST days', () => {
    const { start, end } = dayBounds({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin');
    expect(start.toISO()).toBe('2026-03-29T00:00:00.000+01:00');
    expect(end.toISO()).toBe('2026-03-29T23:59:59.999+02:00');
    expect(end.toMillis() - start.toMillis() + 1).toBe(23 * 3_600_000);
    expect(DateTime.fromMillis(start.toMillis(), { zone: 'utc' }).toISO()).toBe('2026-03-28T23:00:00.000Z');
  });
});

describe('parseTime refuses offsets no clock uses (issue 11)', () => {
  it.each(['2026-06-24T11:00:00+25:00', '2026-06-24T11:00:00+05:99', '2026-06-24 11:00 -1500', '2026-06-24T11:00:00+14:01'])('%j', (value) => {
    expect(failure(() => parseTime('Start Time', value))).toMatch(/^Start Time ".*" has the UTC offset .*, which no clock uses/);
  });
  it('keeps the extremes in use', () => {
    expect(at('2026-06-24T11:00:00+14:00')).toBe('2026-06-24T11:00:00+14:00');
    expect(at('2026-06-24T11:00:00-12:00')).toBe('2026-06-24T11:00:00-12:00');
  });
  it('refuses objects and broken text', () => {
    expect(failure(() => parseTime('Start Time', { at: 'noon' }))).toMatch(/^Start Time got an object where a date and time is expected/);
    expect(failure(() => parseTime('Start Time', '2026-06-24 11:00\ud800'))).toMatch(/^Start Time contains a broken character/);
  });
});
