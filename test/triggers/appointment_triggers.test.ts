import nock from 'nock';
import { perform as performNew } from '../../triggers/appointment_new';
import { perform as performUpdated } from '../../triggers/appointment_updated';
import { perform as listAppointmentChoices } from '../../triggers/appointment_list';
import { perform as listCalendarChoices } from '../../triggers/calendar_list';
import { appointmentSample, appointmentChangeSample } from '../../lib/schemas/appointment';
import { API, CALENDARS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import calendars from '../fixtures/calendars.json';
import events from '../fixtures/appointment_events.json';

const CAL = 'Cal3bD5fH7jL9nP1rT3v';
const NOW = Date.parse('2026-06-20T12:00:00Z');
const DAY = 86_400_000;
const window = { locationId: LOCATION_ID, startTime: String(NOW - 30 * DAY), endTime: String(NOW + 180 * DAY) };
const eventsOn = (calendarId: string, body: object = events) =>
  nock(API, CALENDARS_VERSION).get('/calendars/events').query({ ...window, calendarId }).reply(200, body);

type Row = Record<string, unknown>;

describe('appointment triggers', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  describe('appointment_new', () => {
    it('lists one calendar\'s window (epoch ms strings) and returns the newest bookings first', async () => {
      const scope = eventsOn(CAL);
      const results = (await appTester(performNew, { authData, inputData: { calendarId: CAL } })) as Row[];
      expect(scope.isDone()).toBe(true);
      expect(results.map((r) => r.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ', 'Ap7kQ2mN4pR6sT8uV0wX', 'ApOld1aB2cD3eF4gH5iJ']);
      expect(Object.keys(results[1] ?? {})).toEqual(expect.arrayContaining(Object.keys(appointmentSample)));
    });

    it('watches every calendar with one request each, in parallel, deduping appointments seen twice', async () => {
      const list = nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).reply(200, calendars);
      const scopes = ['Cal3bD5fH7jL9nP1rT3v', 'CalGrp2hJ4kL6mN8pQ0r', 'CalOld7xY9zA1bC3dE5f'].map((id) =>
        eventsOn(id, id === 'CalGrp2hJ4kL6mN8pQ0r' ? { events: [events.events[1]] } : id === 'CalOld7xY9zA1bC3dE5f' ? { events: [] } : events),
      );
      const results = (await appTester(performNew, { authData, inputData: { calendarId: '' } })) as Row[];
      expect(list.isDone() && scopes.every((s) => s.isDone())).toBe(true);
      expect(results).toHaveLength(3);
    });

    it('polls at most 10 calendars, active ones first', async () => {
      const many = Array.from({ length: 12 }, (_, i) => ({ id: `Cal${String(i).padStart(17, '0')}`, name: `C${i}`, isActive: i !== 0 }));
      nock(API, CALENDARS_VERSION).get('/calendars/').query(true).reply(200, { calendars: many });
      const polled: string[] = [];
      nock(API, CALENDARS_VERSION)
        .get('/calendars/events')
        .query((q) => {
          polled.push(String(q.calendarId));
          return true;
        })
        .times(12)
        .reply(200, { events: [] });
      expect(await appTester(performNew, { authData, inputData: {} })).toEqual([]);
      expect(polled).toHaveLength(10);
      expect(polled).not.toContain(many[0]?.id);
    });

    it('rejects a bad calendar id with no request sent', async () => {
      const scope = nock(API).get(/.*/).reply(200, events);
      const error = await thrown(appTester(performNew, { authData, inputData: { calendarId: '../x' } }));
      expect(error).toMatchObject({ code: 'invalid_input' });
      expect(scope.isDone()).toBe(false);
    });

    it('names a calendar that no longer exists', async () => {
      nock(API, CALENDARS_VERSION).get('/calendars/events').query(true).reply(400, { statusCode: 400, message: 'Calendar not found' });
      expect((await thrown(appTester(performNew, { authData, inputData: { calendarId: CAL } }))).message).toMatch(/no such calendar in this location/);
    });
  });

  describe('appointment_updated', () => {
    it('returns only appointments changed after booking, most recent change first, with a change id', async () => {
      eventsOn(CAL);
      const results = (await appTester(performUpdated, { authData, inputData: { calendarId: CAL } })) as Row[];
      expect(results.map((r) => r.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ:2026-06-10T14:05:31.512Z', 'ApOld1aB2cD3eF4gH5iJ:2026-06-01T09:30:00.000Z']);
      expect(results[0]).toMatchObject({ appointmentId: 'ApNew9zY8xW7vU6tS5rQ', appointmentStatus: 'cancelled' });
      expect(Object.keys(results[0] ?? {})).toEqual(expect.arrayContaining(Object.keys(appointmentChangeSample)));
    });

    it('can trigger only on one status (e.g. cancellations)', async () => {
      eventsOn(CAL);
      const results = (await appTester(performUpdated, { authData, inputData: { calendarId: CAL, status: 'cancelled' } })) as Row[];
      expect(results.map((r) => r.appointmentId)).toEqual(['ApNew9zY8xW7vU6tS5rQ']);
    });

    it('rejects an unknown status with no request sent', async () => {
      const scope = nock(API).get(/.*/).reply(200, events);
      const error = await thrown(appTester(performUpdated, { authData, inputData: { calendarId: CAL, status: 'gone' } }));
      expect(error.message).toMatch(/Status "gone" is not one of/);
      expect(scope.isDone()).toBe(false);
    });
  });

  describe('dropdowns', () => {
    it('calendar_list: every calendar, labelled with its slot length, sorted by label', async () => {
      nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).reply(200, calendars);
      const results = (await appTester(listCalendarChoices, { authData })) as Row[];
      expect(results.map((r) => r.label)).toEqual(['Live Workshops (90 min)', 'Old Workshops (2 hours)', 'Pilates 1:1 (60 min)']);
      expect(results[2]).toEqual({ id: CAL, name: 'Pilates 1:1', label: 'Pilates 1:1 (60 min)', slotDuration: 60, slotDurationUnit: 'mins' });
    });

    it('appointment_list: upcoming first, labelled with title, local start and status', async () => {
      nock(API, CALENDARS_VERSION).get('/calendars/').query(true).reply(200, { calendars: [calendars.calendars[0]] });
      eventsOn(CAL);
      const results = (await appTester(listAppointmentChoices, { authData })) as Row[];
      expect(results).toEqual([
        { id: 'Ap7kQ2mN4pR6sT8uV0wX', label: 'Live Q&A: Core Strength, 2026-06-24 11:00 (confirmed)' },
        { id: 'ApNew9zY8xW7vU6tS5rQ', label: 'Pilates 1:1, 2026-07-02 09:00 (cancelled)' },
        { id: 'ApOld1aB2cD3eF4gH5iJ', label: 'Intro Session, 2026-06-01 10:00 (showed)' },
      ]);
    });
  });
});
