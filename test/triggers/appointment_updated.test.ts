import nock from 'nock';
import { appointmentChangeSample } from '../../lib/appointment/schema';
import { perform as performUpdated } from '../../triggers/appointment_updated';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, appTester, authData, thrown } from '../helpers/app';
import events from '../fixtures/appointment_events.json';

type Row = Record<string, unknown>;

atNow();

describe('triggers.appointment_updated', () => {
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
