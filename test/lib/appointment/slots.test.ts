import type { Bundle, ZObject } from 'zapier-platform-core';
import { DEFAULT_DAYS, MAX_DAYS, slotWindow } from '../../../lib/appointment/slots';
import { parseTime } from '../../../lib/time';
import { appTester, authData, thrown } from '../../helpers/app';

/** The window Find Free Slots asks HighLevel for (lib/appointment/slots.ts): days from midnight to the end of the day. */
const windowOf = async (from: string, until: string | undefined, zone: string | undefined) =>
  appTester(
    (z: ZObject, _bundle: Bundle) => {
      const { start, end } = slotWindow(z, { from: parseTime('From', from), until: until === undefined ? undefined : parseTime('Until', until) }, zone);
      return { start: start.toISO(), end: end.toISO() };
    },
    { authData },
  );

describe('slotWindow', () => {
  it(`runs ${DEFAULT_DAYS} days from From's midnight when Until is empty`, async () => {
    expect(await windowOf('2026-06-24', undefined, 'Europe/Berlin')).toEqual({
      start: '2026-06-24T00:00:00.000+02:00',
      end: '2026-06-30T23:59:59.999+02:00',
    });
  });

  it('starts at a given time of day and ends at the end of Until’s day', async () => {
    expect(await windowOf('2026-06-24 14:00', '2026-06-25', 'Europe/Berlin')).toEqual({
      start: '2026-06-24T14:00:00.000+02:00',
      end: '2026-06-25T23:59:59.999+02:00',
    });
  });

  it(`takes ${MAX_DAYS} whole days across a fall-back night (an hour longer), but not a day more`, async () => {
    expect((await windowOf('2026-10-01', '2026-10-31', 'Europe/Berlin')).end).toBe('2026-10-31T23:59:59.999+01:00');
    expect((await thrown(windowOf('2026-10-01', '2026-11-01', 'Europe/Berlin'))).message).toMatch(
      new RegExp(`at most ${MAX_DAYS} days at a time; 2026-10-01 to 2026-11-01 is \\d+ days`),
    );
  });

  it('refuses an Until before From, naming both', async () => {
    expect((await thrown(windowOf('2026-06-24T10:00:00Z', '2026-06-24T09:00:00Z', undefined))).message).toMatch(/^Until \(.+\) must be after From \(.+\)\.$/);
  });
});
