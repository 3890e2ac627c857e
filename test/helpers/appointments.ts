import nock from 'nock';
import events from '../fixtures/appointment_events.json';
import { API, CALENDARS_VERSION, LOCATION_ID } from './app';

/** The appointment triggers' poll window around a fixed "now", and a nock for one calendar's events in it. */
export const CAL = 'Cal3bD5fH7jL9nP1rT3v';
export const NOW = Date.parse('2026-06-20T12:00:00Z');
const DAY = 86_400_000;
const window = { locationId: LOCATION_ID, startTime: String(NOW - 30 * DAY), endTime: String(NOW + 180 * DAY) };

export const eventsOn = (calendarId: string, body: object = events) =>
  nock(API, CALENDARS_VERSION)
    .get('/calendars/events')
    .query({ ...window, calendarId })
    .reply(200, body);

/** Freezes Date.now() at NOW for every test of the file that calls it. */
export const atNow = (): void => {
  beforeEach(() => vi.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => vi.restoreAllMocks());
};
