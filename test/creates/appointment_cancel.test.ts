import nock from 'nock';
import { perform } from '../../creates/appointment_cancel';
import { API, CALENDARS_VERSION, appTester, authData, thrown } from '../helpers/app';
import created from '../fixtures/appointment_created.json';

const ID = 'Ap7kQ2mN4pR6sT8uV0wX';

describe('creates.appointment_cancel', () => {
  it('sets the status to cancelled with one PUT and returns the appointment', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .put(`/calendars/events/appointments/${ID}`, { appointmentStatus: 'cancelled' })
      .reply(200, { ...created, appointmentStatus: 'cancelled' });
    const result = await appTester(perform, { authData, inputData: { appointmentId: ID, toNotify: '' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: ID, appointmentStatus: 'cancelled', startTime: '2026-06-24T11:00:00+02:00', dateUpdated: null });
  });

  it('can cancel silently', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .put(`/calendars/events/appointments/${ID}`, { appointmentStatus: 'cancelled', toNotify: false })
      .reply(200, created);
    await appTester(perform, { authData, inputData: { appointmentId: ID, toNotify: false } });
    expect(scope.isDone()).toBe(true);
  });

  it('rejects a bad id with no request sent', async () => {
    const scope = nock(API).put(/.*/).reply(200, created);
    const error = await thrown(appTester(perform, { authData, inputData: { appointmentId: 'x/../y' } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(scope.isDone()).toBe(false);
  });
});
