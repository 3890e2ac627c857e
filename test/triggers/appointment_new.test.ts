import nock from 'nock';
import { appointmentSample } from '../../lib/appointment/schema';
import { perform as performNew } from '../../triggers/appointment_new';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, CALENDARS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import calendars from '../fixtures/calendars.json';
import events from '../fixtures/appointment_events.json';

type Row = Record<string, unknown>;

atNow();

describe('triggers.appointment_new', () => {
  it("lists one calendar's window (epoch ms strings) and returns the newest bookings first", async () => {
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
