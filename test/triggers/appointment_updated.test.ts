import nock from 'nock';
import { appointmentChangeSample } from '../../lib/appointment/schema';
import { perform as performUpdated } from '../../triggers/appointment_updated';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import { contactReads, firstPoll, laterPoll, newZap } from '../helpers/polls';
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
      nock(API, CONTACTS_VERSION)
        .get(`/contacts/${String(event.contactId)}`)
        .reply(200, { contact: { id: event.contactId, firstNameRaw: 'Lena', firstName: 'lena', lastName: 'Vogt', email: 'lena.vogt@example.com' } });
      return (await appTester(performUpdated, { authData, inputData: { calendarId: CAL }, meta: first ? firstPoll(zap) : laterPoll(zap) })) as Row[];
    };
    await poll(base, true);
    // Saved again: HighLevel stamps a new dateUpdated; the start is the same instant written with another offset.
    expect(await poll({ ...base, dateUpdated: '2026-06-19T10:00:00.000Z', startTime: '2026-06-24T09:00:00Z' })).toEqual([]);
    const moved = await poll({ ...base, dateUpdated: '2026-06-19T11:00:00.000Z', startTime: '2026-06-25T11:00:00+02:00' });
    expect(moved.map((r) => r.id)).toEqual([`${String(base.id)}:2026-06-19T11:00:00.000Z`]);
    // A change the check found gets its contact's name and email, as the instant trigger has them.
    expect(moved[0]).toMatchObject({ contactName: 'Lena Vogt', contactEmail: 'lena.vogt@example.com' });
    const cancelled = await poll({ ...base, dateUpdated: '2026-06-19T12:00:00.000Z', startTime: '2026-06-25T11:00:00+02:00', appointmentStatus: 'cancelled' });
    expect(cancelled.map((r) => r.appointmentStatus)).toEqual(['cancelled']);
    const back = await poll({ ...base, dateUpdated: '2026-06-19T13:00:00.000Z', startTime: '2026-06-25T11:00:00+02:00' });
    expect(back.map((r) => r.appointmentStatus)).toEqual(['confirmed']);
  });

  it('a change whose contact is beyond the 10 read a check is held and passed on by the next check, named', async () => {
    const zap = newZap();
    const base = events.events[1] as Row;
    const booked = Array.from({ length: 11 }, (_, i) => ({
      ...base,
      id: `ApMany${String(i).padStart(15, '0')}`,
      contactId: `CtMany${String(i).padStart(14, '0')}`,
    }));
    const poll = async (list: Row[], first = false) => {
      nock.cleanAll();
      nock(API, CALENDARS_VERSION).get('/calendars/events').query(true).reply(200, { events: list });
      const { ids: reads } = contactReads(/^\/contacts\/CtMany\d+$/, (id) => [200, { contact: { id, firstName: 'Many', lastName: id.slice(-2) } }]);
      const items = (await appTester(performUpdated, { authData, inputData: { calendarId: CAL }, meta: first ? firstPoll(zap) : laterPoll(zap) })) as Row[];
      return { ids: items.map((r) => [r.appointmentId, r.contactName]), reads: reads.sort() };
    };
    await poll(booked, true);
    const moved = booked.map((b, i) => ({
      ...b,
      startTime: '2026-06-26T11:00:00+02:00',
      dateUpdated: new Date(Date.parse('2026-06-19T12:00:00.000Z') - i * 1000).toISOString(),
    }));
    const first = await poll(moved);
    expect(first).toEqual({
      ids: moved.slice(0, 10).map((b) => [b.id, `Many ${String(b.contactId).slice(-2)}`]),
      reads: moved.slice(0, 10).map((b) => b.contactId),
    });
    expect(await poll(moved)).toEqual({ ids: [[moved[10]?.id, 'Many 10']], reads: [moved[10]?.contactId] });
    expect(await poll(moved)).toEqual({ ids: [], reads: [] });
    nock.cleanAll();
  });
});
