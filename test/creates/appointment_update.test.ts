import nock from 'nock';
import { perform } from '../../creates/appointment_update';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import created from '../fixtures/appointment_created.json';
import event from '../fixtures/appointment.json';

const ID = 'Ap7kQ2mN4pR6sT8uV0wX';
const put = (body: Record<string, unknown>, answer: Record<string, unknown> = {}) =>
  nock(API, CALENDARS_VERSION)
    .put(`/calendars/events/appointments/${ID}`, body as nock.DataMatcherMap)
    .reply(200, { ...created, ...answer });

describe('creates.appointment_update', () => {
  it('reschedules with start and end in one request and returns the merged appointment without a stale Date Updated', async () => {
    const scope = put(
      { startTime: '2026-06-25T15:00:00+02:00', endTime: '2026-06-25T16:30:00+02:00' },
      { startTime: '2026-06-25T15:00:00+02:00', endTime: '2026-06-25T16:30:00+02:00' },
    );
    const result = await appTester(perform, {
      authData,
      inputData: { appointmentId: ID, startTime: '2026-06-25T15:00:00+02:00', endTime: '2026-06-25T16:30:00+02:00', title: '', calendarId: '' },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({
      id: ID,
      startTime: '2026-06-25T15:00:00+02:00',
      endTime: '2026-06-25T16:30:00+02:00',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      dateUpdated: null,
    });
  });

  it('keeps the current length when only a new start is given (reads the appointment first) and keeps its dateAdded', async () => {
    const read = nock(API, CALENDARS_VERSION).get(`/calendars/events/appointments/${ID}`).reply(200, event);
    const scope = put(
      { startTime: '2026-06-26T09:00:00+02:00', endTime: '2026-06-26T10:00:00+02:00' },
      { startTime: '2026-06-26T09:00:00+02:00', endTime: '2026-06-26T10:00:00+02:00' },
    );
    const result = await appTester(perform, { authData, inputData: { appointmentId: ID, startTime: '2026-06-26T09:00:00+02:00' } });
    expect(read.isDone() && scope.isDone()).toBe(true);
    expect(result).toMatchObject({ notes: 'Booked from TrainerCentral', dateAdded: '2026-06-04T09:25:00.000Z', dateUpdated: null });
  });

  it('reads a local start in the location zone, in parallel with the current appointment', async () => {
    const read = nock(API, CALENDARS_VERSION).get(`/calendars/events/appointments/${ID}`).reply(200, event);
    const zone = nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, timezone: 'Europe/Berlin' } });
    const scope = put({ startTime: '2026-10-25T02:30:00+02:00', endTime: '2026-10-25T02:30:00+01:00' });
    await appTester(perform, { authData, inputData: { appointmentId: ID, startTime: '2026-10-25 02:30' } });
    // 02:30 happens twice that night in Berlin: the first one (+02:00); one hour later the clock shows 02:30 again (+01:00).
    expect(read.isDone() && zone.isDone() && scope.isDone()).toBe(true);
  });

  it('counts a new duration from the current start', async () => {
    nock(API, CALENDARS_VERSION).get(`/calendars/events/appointments/${ID}`).reply(200, event);
    const scope = put({ endTime: '2026-06-24T11:45:00+02:00' });
    await appTester(perform, { authData, inputData: { appointmentId: ID, duration: 45 } });
    expect(scope.isDone()).toBe(true);
  });

  it('changes status and assignee only, with one request', async () => {
    const scope = put(
      { appointmentStatus: 'showed', assignedUserId: 'Us2bC4dE6fG8hI0jK2lM', toNotify: false },
      { appointmentStatus: 'showed', assignedUserId: 'Us2bC4dE6fG8hI0jK2lM' },
    );
    const result = await appTester(perform, {
      authData,
      inputData: { appointmentId: ID, appointmentStatus: 'showed', assignedUserId: 'Us2bC4dE6fG8hI0jK2lM', toNotify: 'no' },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ appointmentStatus: 'showed', assignedUserId: 'Us2bC4dE6fG8hI0jK2lM' });
    expect(result).not.toHaveProperty('toNotify');
  });

  it('moves the appointment to another calendar', async () => {
    const scope = put({ calendarId: 'CalGrp2hJ4kL6mN8pQ0r' }, { calendarId: 'CalGrp2hJ4kL6mN8pQ0r' });
    expect(await appTester(perform, { authData, inputData: { appointmentId: ID, calendarId: 'CalGrp2hJ4kL6mN8pQ0r' } })).toMatchObject({
      calendarId: 'CalGrp2hJ4kL6mN8pQ0r',
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{}, /Nothing to change/],
    [{ toNotify: 'yes' }, /Nothing to change/],
    [{ appointmentId: '../locations/x', title: 'x' }, /Appointment "..\/locations\/x" is not a valid HighLevel ID/],
    [{ calendarId: 'a b' }, /Move to Calendar "a b" is not a valid HighLevel ID/],
    [{ startTime: '2026-03-08 02:30', timeZone: 'America/New_York', duration: 30 }, /does not exist in America\/New_York/],
    [{ startTime: '2026-06-25T15:00:00+02:00', endTime: '2026-06-25T14:00:00+02:00' }, /End Time .* must be after the start/],
    [{ endTime: 'soon' }, /End Time "soon" is not a date and time/],
  ])('rejects %j with no request sent', async (override, message) => {
    const scope = nock(API).get(/.*/).reply(200, event).put(/.*/).reply(200, created);
    const error = await thrown(appTester(perform, { authData, inputData: { appointmentId: ID, ...override } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('says clearly when the appointment does not exist', async () => {
    nock(API, CALENDARS_VERSION).put(`/calendars/events/appointments/${ID}`).reply(404, { statusCode: 404, message: 'Appointment not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { appointmentId: ID, title: 'New title' } }));
    expect(error.message).toMatch(/HighLevel refused updating the appointment: HighLevel has no such appointment/);
  });

  it('halts when the new time is not free', async () => {
    nock(API, CALENDARS_VERSION)
      .put(`/calendars/events/appointments/${ID}`)
      .reply(400, { statusCode: 400, message: 'The slot you have selected is no longer available.' });
    const error = await thrown(appTester(perform, { authData, inputData: { appointmentId: ID, startTime: '2026-06-25T15:00:00+02:00', duration: 60 } }));
    expect(error.name).toBe('HaltedError');
  });
});
