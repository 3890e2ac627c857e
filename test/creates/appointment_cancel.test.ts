import nock from 'nock';
import appointmentCancel, { perform } from '../../creates/appointment_cancel';
import { API, CALENDARS_VERSION, appTester, authData, thrown } from '../helpers/app';
import created from '../fixtures/appointment_created.json';

const ID = 'Ap7kQ2mN4pR6sT8uV0wX';

describe('creates.appointment_cancel', () => {
  const stored = {
    ...created,
    appointmentStatus: 'cancelled',
    dateAdded: '2026-06-04T09:25:00.000Z',
    dateUpdated: '2026-06-10T14:05:31.512Z',
  };

  it('sets the status to cancelled with one PUT, then reads the appointment back for its Date Updated', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .put(`/calendars/events/appointments/${ID}`, { appointmentStatus: 'cancelled' })
      .reply(200, { ...created, appointmentStatus: 'cancelled' })
      .get(`/calendars/events/appointments/${ID}`)
      .reply(200, { event: stored });
    const result = await appTester(perform, { authData, inputData: { appointmentId: ID, toNotify: '' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({
      id: ID,
      appointmentStatus: 'cancelled',
      startTime: '2026-06-24T11:00:00+02:00',
      dateAdded: '2026-06-04T09:25:00.000Z',
      dateUpdated: '2026-06-10T14:05:31.512Z',
    });
  });

  it('still returns the cancelled appointment (Date Updated empty) when the read back fails: the cancel happened', async () => {
    nock(API, CALENDARS_VERSION)
      .put(`/calendars/events/appointments/${ID}`, { appointmentStatus: 'cancelled' })
      .reply(200, { ...created, appointmentStatus: 'cancelled' })
      .get(`/calendars/events/appointments/${ID}`)
      .reply(503, { statusCode: 503, message: 'Service Unavailable' });
    const result = await appTester(perform, { authData, inputData: { appointmentId: ID } });
    expect(result).toMatchObject({ id: ID, appointmentStatus: 'cancelled', dateUpdated: null });
  });

  it('has a sample dated by the cancel: Date Updated after Date Added, not null', () => {
    const { sample } = appointmentCancel.operation as { sample: Record<string, unknown> };
    expect(sample.appointmentStatus).toBe('cancelled');
    expect(Date.parse(String(sample.dateUpdated))).toBeGreaterThan(Date.parse(String(sample.dateAdded)));
  });

  it('can cancel silently', async () => {
    const scope = nock(API, CALENDARS_VERSION)
      .put(`/calendars/events/appointments/${ID}`, { appointmentStatus: 'cancelled', toNotify: false })
      .reply(200, created)
      .get(`/calendars/events/appointments/${ID}`)
      .reply(200, { event: stored });
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
