import nock from 'nock';
import { perform } from '../../searches/appointment_find';
import { API, CALENDARS_VERSION, appTester, authData, thrown } from '../helpers/app';
import event from '../fixtures/appointment.json';
import { AppointmentAnswer, appointmentSample } from '../../lib/appointment/schema';

const ID = 'Ap7kQ2mN4pR6sT8uV0wX';

describe('searches.appointment_find', () => {
  it('finds the appointment by id and returns it flat', async () => {
    const scope = nock(API, CALENDARS_VERSION).get(`/calendars/events/appointments/${ID}`).reply(200, event);
    const results = (await appTester(perform, { authData, inputData: { appointmentId: ID } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      id: ID,
      title: 'Live Q&A: Core Strength',
      appointmentStatus: 'confirmed',
      startTime: '2026-06-24T11:00:00+02:00',
      notes: 'Booked from TrainerCentral',
    });
    // The static sample only uses keys a live answer has (Zapier check T004).
    expect(Object.keys(results[0] ?? {})).toEqual(expect.arrayContaining(Object.keys(appointmentSample)));
  });

  it('returns [] when there is no such appointment (404)', async () => {
    nock(API, CALENDARS_VERSION).get(`/calendars/events/appointments/${ID}`).reply(404, { statusCode: 404, message: 'Appointment not found' });
    expect(await appTester(perform, { authData, inputData: { appointmentId: ID } })).toEqual([]);
  });

  it.each(['../locations/x', '', 'a b'])('rejects the id %j with no request sent', async (appointmentId) => {
    const scope = nock(API).get(/.*/).reply(200, event);
    const error = await thrown(appTester(perform, { authData, inputData: { appointmentId } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(scope.isDone()).toBe(false);
  });

  it('every fixture parses with the appointment schema', () => {
    expect(() => AppointmentAnswer.parse(event.event)).not.toThrow();
  });
});
