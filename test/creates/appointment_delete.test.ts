import nock from 'nock';
import appointmentDelete, { perform } from '../../creates/appointment_delete';
import { API, CALENDARS_VERSION, appTester, authData, thrown } from '../helpers/app';

const ID = 'Ap7kQ2mN4pR6sT8uV0wX';

describe('creates.appointment_delete', () => {
  it('sends DELETE with the JSON body {} the spec requires and confirms', async () => {
    const scope = nock(API, CALENDARS_VERSION).delete(`/calendars/events/${ID}`, {}).reply(201, { succeeded: true, traceId: 't' });
    expect(await appTester(perform, { authData, inputData: { appointmentId: ID } })).toEqual({ id: ID, deleted: true });
    expect(scope.isDone()).toBe(true);
  });

  it('deletes a recurring instance by its instance id', async () => {
    const instance = `${ID}_1782291600000_3600`;
    const scope = nock(API, CALENDARS_VERSION).delete(`/calendars/events/${instance}`, {}).reply(200, { succeeded: true });
    expect(await appTester(perform, { authData, inputData: { appointmentId: instance } })).toEqual({ id: instance, deleted: true });
    expect(scope.isDone()).toBe(true);
  });

  it.each([201, 200])(
    'takes %i as deleted: the spec declares 201, no source reports 200, and the body decides (docs/highlevel-api.md §6.5)',
    async (status) => {
      nock(API, CALENDARS_VERSION).delete(`/calendars/events/${ID}`, {}).reply(status, { succeeded: true });
      expect(await appTester(perform, { authData, inputData: { appointmentId: ID } })).toEqual({ id: ID, deleted: true });
    },
  );

  it('never reports success when HighLevel says it did not delete', async () => {
    nock(API).delete(`/calendars/events/${ID}`).reply(200, { succeeded: false });
    expect((await thrown(appTester(perform, { authData, inputData: { appointmentId: ID } }))).message).toMatch(/did not delete appointment/);
  });

  it('says clearly when the appointment does not exist', async () => {
    nock(API).delete(`/calendars/events/${ID}`).reply(404, { statusCode: 404, message: 'Event not found' });
    expect((await thrown(appTester(perform, { authData, inputData: { appointmentId: ID } }))).message).toMatch(
      /HighLevel has no appointment with the ID Ap7kQ2mN4pR6sT8uV0wX: it may already have been deleted.*Nothing was deleted/,
    );
  });

  it.each(['../locations/x', '', 'a?b'])('rejects the id %p with no request sent', async (appointmentId) => {
    const scope = nock(API).delete(/.*/).reply(200, { succeeded: true });
    const error = await thrown(appTester(perform, { authData, inputData: { appointmentId } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(scope.isDone()).toBe(false);
  });

  it('warns that deleting cannot be undone', () => {
    const fields = appointmentDelete.operation.inputFields as { type?: string; helpText?: string }[];
    expect(fields.find((f) => f.type === 'copy')?.helpText).toMatch(/cannot be undone/);
  });
});
