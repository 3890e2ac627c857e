import nock from 'nock';
import { perform } from '../../searches/appointment_find_by_contact';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import events from '../fixtures/appointment_contact_events.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const NOW = Date.parse('2026-06-20T12:00:00Z');
/** The zone-less times of this endpoint are read in the location's zone (docs/highlevel-api.md §14.2). */
const locationIn = (timezone: string) =>
  nock(API, CONTACTS_VERSION)
    .get(`/locations/${LOCATION_ID}`)
    .optionally()
    .reply(200, { location: { id: LOCATION_ID, name: 'Studio', timezone } });

describe('searches.appointment_find_by_contact', () => {
  beforeEach(() => vi.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => vi.restoreAllMocks());

  it("lists the contact's appointments (contacts Version), upcoming soonest first, then past most recent first", async () => {
    const scope = nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/appointments`).reply(200, events);
    locationIn('Europe/Berlin');
    const results = (await appTester(perform, { authData, inputData: { contactId: CONTACT } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['Ap7kQ2mN4pR6sT8uV0wX', 'ApNext2bC3dE4fG5hI6j', 'ApOld1aB2cD3eF4gH5iJ']);
    // "YYYY-MM-DD HH:mm:ss" answers carry no zone: they are read in the location's zone, never as UTC.
    expect(results[2]).toMatchObject({ startTime: '2026-06-01T08:00:00+02:00', dateAdded: '2026-05-20T08:00:00+02:00', appointmentStatus: 'showed' });
  });

  it('filters by status and to upcoming ones', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/appointments`).reply(200, events);
    locationIn('Europe/Berlin');
    const showed = (await appTester(perform, { authData, inputData: { contactId: CONTACT, status: 'showed' } })) as Record<string, unknown>[];
    expect(showed.map((r) => r.id)).toEqual(['ApOld1aB2cD3eF4gH5iJ']);
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/appointments`).reply(200, events);
    locationIn('Europe/Berlin');
    const upcoming = (await appTester(perform, { authData, inputData: { contactId: CONTACT, upcomingOnly: 'true' } })) as Record<string, unknown>[];
    expect(upcoming.map((r) => r.id)).toEqual(['Ap7kQ2mN4pR6sT8uV0wX', 'ApNext2bC3dE4fG5hI6j']);
  });

  it('decides "upcoming" in the location\'s zone: 13:30 in Berlin has passed at 12:00 UTC (14:00 there)', async () => {
    const at = (id: string, start: string) => ({
      id,
      calendarId: 'Cal3bD5fH7jL9nP1rT3v',
      title: id,
      startTime: start,
      endTime: start,
      appointmentStatus: 'confirmed',
    });
    nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT}/appointments`)
      .reply(200, { events: [at('ApPast0000000000000a', '2026-06-20 13:30:00'), at('ApSoon0000000000000b', '2026-06-20 14:30:00')] });
    nock(API, CONTACTS_VERSION)
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, timezone: 'Europe/Berlin' } });
    const upcoming = (await appTester(perform, {
      authData: { ...authData, locationId: LOCATION_ID },
      inputData: { contactId: CONTACT, upcomingOnly: 'true' },
    })) as Record<string, unknown>[];
    expect(upcoming.map((r) => [r.id, r.startTime])).toEqual([['ApSoon0000000000000b', '2026-06-20T14:30:00+02:00']]);
  });

  it('returns [] when the contact has no appointments or does not exist', async () => {
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/appointments`).reply(200, { events: [], traceId: 't' });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT } })).toEqual([]);
    nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT}/appointments`).reply(404, { statusCode: 404, message: 'Contact not found' });
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT } })).toEqual([]);
  });

  it.each([
    [{ contactId: '../locations/x' }, /Contact "..\/locations\/x" is not a valid HighLevel ID/],
    [{ contactId: CONTACT, status: 'booked?' }, /Status "booked\?" is not one of/],
  ])('rejects %j with no request sent', async (inputData, message) => {
    const scope = nock(API).get(/.*/).reply(200, events);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });
});
