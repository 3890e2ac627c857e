import nock from 'nock';
import { appointmentChangeSample } from '../../lib/appointment/schema';
import { perform as performUpdated } from '../../triggers/appointment_updated';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, CALENDARS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { firstPoll, laterPoll, newZap } from '../helpers/polls';
import events from '../fixtures/appointment_events.json';

type Row = Record<string, unknown>;

atNow();

describe('triggers.appointment_updated', () => {
  it('returns only appointments changed after booking, most recent change first, with a change id', async () => {
    eventsOn(CAL);
    const results = (await appTester(performUpdated, { authData, inputData: { calendarId: CAL } }, true)) as Row[];
    expect(results.map((r) => r.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ:2026-06-10T14:05:31.512Z', 'ApOld1aB2cD3eF4gH5iJ:2026-06-01T09:30:00.000Z']);
    expect(results[0]).toMatchObject({ appointmentId: 'ApNew9zY8xW7vU6tS5rQ', appointmentStatus: 'cancelled' });
    expect(Object.keys(results[0] ?? {})).toEqual(expect.arrayContaining(Object.keys(appointmentChangeSample)));
  });

  it('can trigger only on one status (e.g. cancellations)', async () => {
    eventsOn(CAL);
    const results = (await appTester(performUpdated, { authData, inputData: { calendarId: CAL, status: 'cancelled' } }, true)) as Row[];
    expect(results.map((r) => r.appointmentId)).toEqual(['ApNew9zY8xW7vU6tS5rQ']);
  });

  it('rejects an unknown status with no request sent', async () => {
    const scope = nock(API).get(/.*/).reply(200, events);
    const error = await thrown(appTester(performUpdated, { authData, inputData: { calendarId: CAL, status: 'gone' } }));
    expect(error.message).toMatch(/Only When Status Is "gone" is not one of/);
    expect(scope.isDone()).toBe(false);
  });

  it('a save that changes nothing reports nothing; a reschedule, a status change and a change back each report once', async () => {
    const zap = newZap();
    const base = events.events[1] as Row;
    const poll = async (event: Row, first = false) => {
      nock.cleanAll();
      nock(API, CALENDARS_VERSION)
        .get('/calendars/events')
        .query(true)
        .reply(200, { events: [event] });
      return (await appTester(performUpdated, { authData, inputData: { calendarId: CAL }, meta: first ? firstPoll(zap) : laterPoll(zap) })) as Row[];
    };
    await poll(base, true);
    // Saved again: HighLevel stamps a new dateUpdated; the start is the same instant written with another offset.
    expect(await poll({ ...base, dateUpdated: '2026-06-19T10:00:00.000Z', startTime: '2026-06-24T09:00:00Z' })).toEqual([]);
    const moved = await poll({ ...base, dateUpdated: '2026-06-19T11:00:00.000Z', startTime: '2026-06-25T11:00:00+02:00' });
    expect(moved.map((r) => r.id)).toEqual([`${String(base.id)}:2026-06-19T11:00:00.000Z`]);
    const cancelled = await poll({ ...base, dateUpdated: '2026-06-19T12:00:00.000Z', startTime: '2026-06-25T11:00:00+02:00', appointmentStatus: 'cancelled' });
    expect(cancelled.map((r) => r.appointmentStatus)).toEqual(['cancelled']);
    const back = await poll({ ...base, dateUpdated: '2026-06-19T13:00:00.000Z', startTime: '2026-06-25T11:00:00+02:00' });
    expect(back.map((r) => r.appointmentStatus)).toEqual(['confirmed']);
  });
});
