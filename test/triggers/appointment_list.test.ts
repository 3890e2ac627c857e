import nock from 'nock';
import { perform as listAppointmentChoices } from '../../triggers/appointment_list';
import { API, CALENDARS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import calendars from '../fixtures/calendars.json';
import events from '../fixtures/appointment_events.json';

const CAL = 'Cal3bD5fH7jL9nP1rT3v';
const NOW = Date.parse('2026-06-20T12:00:00Z');
const DAY = 86_400_000;
const window = { locationId: LOCATION_ID, startTime: String(NOW - 30 * DAY), endTime: String(NOW + 180 * DAY) };
const eventsOn = (calendarId: string, body: object = events) =>
  nock(API, CALENDARS_VERSION)
    .get('/calendars/events')
    .query({ ...window, calendarId })
    .reply(200, body);

type Row = Record<string, unknown>;

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('triggers.appointment_list', () => {
  it('appointment_list: upcoming first, labelled with title, local start and status', async () => {
    nock(API, CALENDARS_VERSION)
      .get('/calendars/')
      .query(true)
      .reply(200, { calendars: [calendars.calendars[0]] });
    eventsOn(CAL);
    const results = (await appTester(listAppointmentChoices, { authData })) as Row[];
    expect(results).toEqual([
      { id: 'Ap7kQ2mN4pR6sT8uV0wX', label: 'Live Q&A: Core Strength, 2026-06-24 11:00 (confirmed)' },
      { id: 'ApNew9zY8xW7vU6tS5rQ', label: 'Pilates 1:1, 2026-07-02 09:00 (cancelled)' },
      { id: 'ApOld1aB2cD3eF4gH5iJ', label: 'Intro Session, 2026-06-01 10:00 (showed)' },
    ]);
  });
});
