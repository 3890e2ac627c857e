import nock from 'nock';
import { perform } from '../../searches/calendar_free_slots';
import { freeSlotDays, freeSlotsSample } from '../../lib/appointment/calendar';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import slots from '../fixtures/free_slots.json';

const CAL = 'Cal3bD5fH7jL9nP1rT3v';
const ms = (iso: string) => String(Date.parse(iso));

describe('searches.calendar_free_slots', () => {
  it('asks for epoch-millisecond days in the picked zone (no locationId) and flattens the day map', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .get(`/calendars/${CAL}/free-slots`)
      .query({ startDate: ms('2026-06-24T00:00:00+02:00'), endDate: ms('2026-06-30T23:59:59.999+02:00'), timezone: 'Europe/Berlin' })
      .reply(200, slots);
    const results = (await appTester(perform, {
      authData,
      inputData: { calendarId: CAL, startDate: '2026-06-24', endDate: '06/30/2026', timeZone: 'Europe/Berlin' },
    })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      calendarId: CAL,
      timezone: 'Europe/Berlin',
      startDate: '2026-06-24T00:00:00+02:00',
      endDate: '2026-06-30T23:59:59+02:00',
      firstSlot: '2026-06-24T10:00:00+02:00',
      slotCount: 3,
      slots: ['2026-06-24T10:00:00+02:00', '2026-06-24T11:00:00+02:00', '2026-06-25T14:30:00+02:00'],
    });
    expect(results[0]?.days).toEqual(freeSlotsSample.days);
    expect(Object.keys(results[0] ?? {}).sort()).toEqual(Object.keys(freeSlotsSample).sort());
  });

  it('uses the location zone for days when none is picked, and 7 days by default', async () => {
    const zone = nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, timezone: 'America/New_York' } });
    const scope = nock(API, CALENDARS_VERSION)
      .get(`/calendars/${CAL}/free-slots`)
      .query({
        startDate: ms('2026-03-05T00:00:00-05:00'),
        endDate: ms('2026-03-11T23:59:59.999-04:00'),
        timezone: 'America/New_York',
        userId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
      })
      .reply(200, { '2026-03-09': { slots: ['2026-03-09T10:00:00-04:00'] }, traceId: 't' });
    const results = (await appTester(perform, { authData, inputData: { calendarId: CAL, startDate: '2026-03-05', userId: 'Yh3pQ5Wmg4rVd8xNt2Ke' } })) as Record<
      string,
      unknown
    >[];
    expect(zone.isDone() && scope.isDone()).toBe(true);
    expect(results[0]).toMatchObject({ firstSlot: '2026-03-09T10:00:00-04:00', slotCount: 1 });
  });

  it('needs no zone for instants; a time of day starts the search then', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .get(`/calendars/${CAL}/free-slots`)
      .query({ startDate: ms('2026-06-24T14:00:00+02:00'), endDate: ms('2026-06-26T12:00:00Z') })
      .reply(200, slots);
    await appTester(perform, { authData, inputData: { calendarId: CAL, startDate: '2026-06-24T14:00:00+02:00', endDate: '2026-06-26T12:00:00Z' } });
    expect(scope.isDone()).toBe(true);
  });

  it('allows 31 whole days, also across a fall-back night', async () => {
    const scope = nock(API, CALENDARS_VERSION).get(`/calendars/${CAL}/free-slots`).query(true).reply(200, slots);
    await appTester(perform, { authData, inputData: { calendarId: CAL, startDate: '2026-10-15', endDate: '2026-11-14', timeZone: 'America/New_York' } });
    expect(scope.isDone()).toBe(true);
  });

  it('returns [] when there is no free slot', async () => {
    nock(API, CALENDARS_VERSION)
      .get(`/calendars/${CAL}/free-slots`)
      .query(true)
      .reply(200, { '2026-06-24': { slots: [] }, traceId: 't' });
    expect(await appTester(perform, { authData, inputData: { calendarId: CAL, startDate: '2026-06-24', timeZone: 'UTC' } })).toEqual([]);
  });

  it.each([
    [{ startDate: '2026-06-01', endDate: '2026-07-15' }, /at most 31 days at a time; 2026-06-01 to 2026-07-15 is 45 days/],
    [{ startDate: '2026-06-01', endDate: '2026-07-02' }, /at most 31 days/],
    [{ startDate: '2026-06-24', endDate: '2026-06-20' }, /Until .* must be after From/],
    [{ startDate: 'soon' }, /From "soon" is not a date and time/],
    [{ startDate: '2026-06-24', timeZone: 'Berlin' }, /Time Zone "Berlin" is not a time zone/],
    [{ calendarId: '../locations/x', startDate: '2026-06-24' }, /Calendar "..\/locations\/x" is not a valid HighLevel ID/],
    [{ startDate: '2026-06-24', userId: 'a/b' }, /Team Member "a\/b" is not a valid HighLevel ID/],
  ])('rejects %j before sending anything', async (override, message) => {
    const scope = nock(API).get(/.*/).reply(200, slots);
    const error = await thrown(appTester(perform, { authData, inputData: { calendarId: CAL, timeZone: 'Europe/Berlin', ...override } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('ignores keys that are not dates and orders days and slots', () => {
    expect(freeSlotDays(slots).map((d) => d.date)).toEqual(['2026-06-24', '2026-06-25']);
    expect(freeSlotDays({ traceId: 'x', '2026-06-24': 'garbage' })).toEqual([]);
    expect(freeSlotDays(null)).toEqual([]);
  });
});
