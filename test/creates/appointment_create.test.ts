import nock from 'nock';
import { perform } from '../../creates/appointment_create';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import created from '../fixtures/appointment_created.json';
import calendar from '../fixtures/calendar.json';
import contact from '../fixtures/contact.json';

const CAL = 'Cal3bD5fH7jL9nP1rT3v';
const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const base = { calendarId: CAL, contactId: CONTACT };
const location = (timezone: string | null) => ({ location: { id: LOCATION_ID, name: 'Pilates Berlin', timezone }, traceId: 't' });

/** Expects exactly this appointment body and answers like HighLevel (unwrapped, no dateAdded/dateUpdated). */
const book = (body: Record<string, unknown>, answer: Record<string, unknown> = {}) =>
  nock(API, CALENDARS_VERSION)
    .post('/calendars/events/appointments', { calendarId: CAL, locationId: LOCATION_ID, contactId: CONTACT, ...body })
    .reply(200, { ...created, ...answer });

describe('creates.appointment_create', () => {
  it('books with one request when the times carry offsets and a duration is given', async () => {
    const scope = book(
      {
        startTime: '2026-06-24T11:00:00+02:00',
        endTime: '2026-06-24T12:00:00+02:00',
        title: 'Live Q&A: Core Strength',
        appointmentStatus: 'confirmed',
        assignedUserId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
        address: 'https://zoom.us/j/123456789',
        meetingLocationType: 'custom',
        description: 'Bring a mat',
        toNotify: false,
        ignoreFreeSlotValidation: true,
      },
      {},
    );
    const result = await appTester(perform, {
      authData,
      inputData: {
        ...base,
        startTime: '2026-06-24T11:00:00+02:00',
        duration: '60',
        title: ' Live Q&A: Core Strength ',
        appointmentStatus: 'Confirmed',
        assignedUserId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
        address: 'https://zoom.us/j/123456789',
        meetingLocationType: 'custom',
        description: 'Bring a mat',
        toNotify: 'false',
        ignoreFreeSlotValidation: true,
        ignoreDateRange: '',
        endTime: '',
        timeZone: '',
      },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({
      id: 'Ap7kQ2mN4pR6sT8uV0wX',
      calendarId: CAL,
      contactId: CONTACT,
      startTime: '2026-06-24T11:00:00+02:00',
      endTime: '2026-06-24T12:00:00+02:00',
      appointmentStatus: 'confirmed',
      notes: 'Bring a mat',
      dateAdded: null,
      dateUpdated: null,
    });
  });

  it('reads a local time in the location zone and takes the calendar slot length, fetching both in parallel with the contact lookup', async () => {
    const calendarScope = nock(API, CALENDARS_VERSION).get(`/calendars/${CAL}`).reply(200, calendar);
    const locationScope = nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}`).reply(200, location('Europe/Berlin'));
    const lookup = nock(API, CONTACTS_VERSION)
      .get('/contacts/search/duplicate')
      .query({ locationId: LOCATION_ID, email: 'lena.vogt@example.com' })
      .reply(200, contact);
    const booking = book({ startTime: '2026-06-24T11:00:00+02:00', endTime: '2026-06-24T11:45:00+02:00' });
    await appTester(perform, { authData, inputData: { calendarId: CAL, contactEmail: 'Lena.Vogt@Example.com', startTime: '2026-06-24 11:00' } });
    for (const scope of [calendarScope, locationScope, lookup, booking]) expect(scope.isDone()).toBe(true);
  });

  it('creates the contact from the email when none exists (by upsert, safe to replay), after every time has been checked', async () => {
    nock(API, CONTACTS_VERSION).get('/contacts/search/duplicate').query(true).reply(200, { contact: null, traceId: 't' });
    const creation = nock(API, CONTACTS_VERSION)
      .post('/contacts/upsert', { locationId: LOCATION_ID, email: 'new.learner@example.com', firstName: 'Mia' })
      .reply(200, { new: true, contact: { ...contact.contact, id: 'NewC1aB2cD3eF4gH5iJ6', email: 'new.learner@example.com' }, traceId: 't' });
    const booking = nock(API, CALENDARS_VERSION)
      .post('/calendars/events/appointments', (body: Record<string, unknown>) => body.contactId === 'NewC1aB2cD3eF4gH5iJ6')
      .reply(200, { ...created, contactId: 'NewC1aB2cD3eF4gH5iJ6' });
    const result = await appTester(perform, {
      authData,
      inputData: {
        calendarId: CAL,
        contactEmail: 'new.learner@example.com',
        contactFirstName: 'Mia',
        contactLastName: '',
        startTime: '2026-06-24T11:00:00+02:00',
        duration: 60,
      },
    });
    expect(creation.isDone() && booking.isDone()).toBe(true);
    expect(result).toMatchObject({ contactId: 'NewC1aB2cD3eF4gH5iJ6' });
  });

  it('uses the picked time zone and does not read the location', async () => {
    const scope = book({ startTime: '2026-06-24T11:00:00-04:00', endTime: '2026-06-24T11:30:00-04:00' });
    await appTester(perform, {
      authData,
      inputData: { ...base, startTime: '06/24/2026 11:00 AM', endTime: '6/24/2026 11:30 am', timeZone: 'America/New_York' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('books a TrainerCentral session from epoch milliseconds, shown in the session time zone', async () => {
    const scope = book({ startTime: '2026-06-24T11:00:00+02:00', endTime: '2026-06-24T12:00:00+02:00' });
    await appTester(perform, { authData, inputData: { ...base, startTime: '1782291600000', endTime: '1782295200000', timeZone: 'Europe/Berlin' } });
    expect(scope.isDone()).toBe(true);
  });

  it('sends epoch milliseconds without a zone as UTC with no extra request', async () => {
    const scope = book({ startTime: '2026-06-24T09:00:00+00:00', endTime: '2026-06-24T10:00:00+00:00' });
    await appTester(perform, { authData, inputData: { ...base, startTime: 1782291600000, endTime: '1782295200000' } });
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the real length across the spring-forward night (60 minutes from 01:30 EST end at 03:30 EDT)', async () => {
    const scope = book({ startTime: '2026-03-08T01:30:00-05:00', endTime: '2026-03-08T03:30:00-04:00' });
    await appTester(perform, { authData, inputData: { ...base, startTime: '2026-03-08 01:30', duration: 60, timeZone: 'America/New_York' } });
    expect(scope.isDone()).toBe(true);
  });

  it('reads an ambiguous fall-back time as the first one (-04:00)', async () => {
    const scope = book({ startTime: '2026-11-01T01:30:00-04:00', endTime: '2026-11-01T01:00:00-05:00' });
    await appTester(perform, { authData, inputData: { ...base, startTime: '2026-11-01 01:30', duration: 30, timeZone: 'America/New_York' } });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a time in the spring-forward gap of the picked zone before sending anything', async () => {
    const scope = nock(API).post(/.*/).reply(200, created);
    const error = await thrown(
      appTester(perform, { authData, inputData: { ...base, startTime: '2026-03-08 02:30', duration: 60, timeZone: 'America/New_York' } }),
    );
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/Start Time "2026-03-08 02:30" does not exist in America\/New_York/);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a gap time in the location zone after reading it, before creating a contact or booking', async () => {
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}`).reply(200, location('Europe/Berlin'));
    nock(API, CONTACTS_VERSION).get('/contacts/search/duplicate').query(true).reply(200, { contact: null });
    const writes = nock(API).post(/.*/).reply(200, created);
    const error = await thrown(
      appTester(perform, { authData, inputData: { calendarId: CAL, contactEmail: 'mia@example.com', startTime: '2026-03-29 02:30', duration: 60 } }),
    );
    expect(error.message).toMatch(/"2026-03-29 02:30" does not exist in Europe\/Berlin: the clocks jump forward an hour/);
    expect(writes.isDone()).toBe(false);
  });

  it('asks for a time zone when the location has none and a time has no offset', async () => {
    nock(API, CONTACTS_VERSION).get(`/locations/${LOCATION_ID}`).reply(200, location(null));
    const error = await thrown(appTester(perform, { authData, inputData: { ...base, startTime: '2026-06-24 11:00', duration: 60 } }));
    expect(error.message).toMatch(/location has no time zone set.*fill in Time Zone/);
  });

  it.each([
    [{ calendarId: '../locations/x' }, /Calendar "..\/locations\/x" is not a valid HighLevel ID/],
    [{ contactId: 'a/b' }, /Contact "a\/b" is not a valid HighLevel ID/],
    [{ assignedUserId: 'x?y' }, /Assigned User "x\?y" is not a valid HighLevel ID/],
    [{ contactId: '' }, /Fill in Contact, or Contact Email/],
    [{ contactId: '', contactEmail: 'not-an-email' }, /Contact Email "not-an-email" is not a valid email address/],
    [{ startTime: '' }, /Start Time is required/],
    [{ startTime: 'next tuesday' }, /Start Time "next tuesday" is not a date and time/],
    [{ startTime: '2026-06-24' }, /Start Time "2026-06-24" has no time of day/],
    [{ endTime: '2026-06-24T12:00:00+02:00', duration: 60 }, /Fill in End Time or Duration \(Minutes\), not both/],
    [{ endTime: '2026-06-24T10:00:00+02:00' }, /End Time \(2026-06-24T10:00:00\+02:00\) must be after the start/],
    [{ duration: '0' }, /Duration \(Minutes\) "0" must be a whole number of minutes from 1 to 1440/],
    [{ duration: '3600' }, /must be a whole number of minutes from 1 to 1440/],
    [{ duration: '1.5' }, /must be a whole number/],
    [{ timeZone: 'CEST' }, /Time Zone "CEST" is not a time zone/],
    [{ appointmentStatus: 'booked' }, /Status "booked" is not one of: new, confirmed, cancelled, showed, noshow, invalid/],
    [{ meetingLocationType: 'skype' }, /Meeting Type "skype" is not one of/],
    [{ toNotify: 'maybe' }, /Run Automations and Notifications must be yes or no/],
  ])('rejects %j naming the field, with no request sent', async (override, message) => {
    const scope = nock(API).get(/.*/).reply(200, {}).post(/.*/).reply(200, created);
    const error = await thrown(appTester(perform, { authData, inputData: { ...base, startTime: '2026-06-24T11:00:00+02:00', ...override } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('halts with what to do when the slot is taken', async () => {
    nock(API, CALENDARS_VERSION)
      .post('/calendars/events/appointments')
      .reply(400, { statusCode: 400, message: 'The slot you have selected is no longer available.', traceId: 'tr-9' });
    const error = await thrown(appTester(perform, { authData, inputData: { ...base, startTime: '2026-06-24T11:00:00+02:00', duration: 60 } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/That time is no longer free on this calendar; pick another time or set Ignore Free Slot Validation/);
    expect(error.message).toContain('tr-9');
  });

  it('names a calendar that does not exist (404 on reading its slot length)', async () => {
    nock(API, CALENDARS_VERSION).get(`/calendars/${CAL}`).reply(404, { statusCode: 404, message: 'Calendar not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { ...base, startTime: '2026-06-24T11:00:00+02:00' } }));
    expect(error.message).toMatch(/HighLevel refused getting the calendar: HighLevel has no such calendar in this location/);
  });

  it('names a contact that does not exist', async () => {
    nock(API, CALENDARS_VERSION).post('/calendars/events/appointments').reply(400, { statusCode: 400, message: 'Contact not found' });
    const error = await thrown(appTester(perform, { authData, inputData: { ...base, startTime: '2026-06-24T11:00:00+02:00', duration: 30 } }));
    expect(error.message).toMatch(/no such contact in this location/);
  });

  it('halts when the calendar refuses a time in the past', async () => {
    nock(API, CALENDARS_VERSION)
      .post('/calendars/events/appointments')
      .reply(422, { statusCode: 422, message: ['Appointment cannot be booked in the past'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: { ...base, startTime: '2020-06-24T11:00:00+02:00', duration: 30 } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/That time is in the past/);
  });
});
