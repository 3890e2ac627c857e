import nock from 'nock';
import { perform as appointmentCreate } from '../../../creates/appointment_create';
import { perform as contactCreate } from '../../../creates/contact_create';
import { perform as taskCreate } from '../../../creates/task_create';
import { perform as appointmentFind } from '../../../searches/appointment_find';
import { perform as appointmentsOfContact } from '../../../searches/appointment_find_by_contact';
import { perform as opportunityFind } from '../../../searches/opportunity_find';
import { perform as appointmentNew } from '../../../triggers/appointment_new';
import { perform as taskNew } from '../../../triggers/task_new';
import { personOf } from '../../../lib/user/names';
import { API, CALENDARS_VERSION, COMPANY_ID, CONTACTS_VERSION, LOCATION_ID, USER_ID, appTester, authData } from '../../helpers/app';
import { CAL, NOW, eventsOn } from '../../helpers/appointments';
import { contactReads, pagedTaskSearch } from '../../helpers/polls';
import { CONTACT_ID, nockOpportunityFields, nockPipelines, searchQuery } from '../../helpers/opportunities';
import created from '../../fixtures/appointment_created.json';
import calendars from '../../fixtures/calendars.json';
import contact from '../../fixtures/contact.json';
import searchFixture from '../../fixtures/opportunity_search.json';
import taskFixture from '../../fixtures/task.json';
import taskSearch from '../../fixtures/task_search.json';

type Row = Record<string, unknown>;

const ANNA = { id: USER_ID, name: 'Anna Schmidt', firstName: 'Anna', lastName: 'Schmidt', email: 'anna@pilates-berlin.example.com' };
const USER_LIST = { users: [ANNA, { id: 'OtherUser0000000000', firstName: 'Ben', lastName: '', email: '' }], count: 2 };

/** Each run starts with an empty z.cache (`true`), so every list is read again. */
/** The one user-list read the names come from (GET /users/search with the connection's company id, first page). */
const nockUsers = (reply: [number, object] = [200, USER_LIST]) =>
  nock(API, CONTACTS_VERSION)
    .get('/users/search')
    .query({ companyId: COMPANY_ID, locationId: LOCATION_ID, skip: '0', limit: '100' })
    .once()
    .reply(...reply);
const nockCalendars = () => nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).once().reply(200, calendars);
const nockContact = () => nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).once().reply(200, contact);

// Date.now() is frozen only where the appointment poll window needs it: the request throttle counts with the clock.
afterEach(() => vi.restoreAllMocks());

describe('names beside IDs (lib/user/names.ts, lib/appointment/names.ts)', () => {
  it("reads a user's name from `name`, else first and last name; null, never empty, when there is none", () => {
    expect(personOf(ANNA)).toEqual({ name: 'Anna Schmidt', email: 'anna@pilates-berlin.example.com' });
    expect(personOf({ id: 'x', firstName: 'Ben', lastName: ' ', email: '' })).toEqual({ name: 'Ben', email: null });
    expect(personOf({ id: 'x' })).toEqual({ name: null, email: null });
    expect(personOf(undefined)).toEqual({ name: null, email: null });
  });

  it('Create Contact: the assigned user from the user list, read beside the write', async () => {
    const write = nock(API, CONTACTS_VERSION).post('/contacts/').reply(201, contact);
    const users = nockUsers();
    const result = (await appTester(contactCreate, { authData, inputData: { email: 'lena.vogt@example.com', assignedTo: USER_ID } }, true)) as Row;
    expect(write.isDone() && users.isDone()).toBe(true);
    expect(result).toMatchObject({ assignedTo: USER_ID, assignedToName: 'Anna Schmidt', assignedToEmail: 'anna@pilates-berlin.example.com' });
  });

  it('Create Contact: no assignee, no user-list read, null names', async () => {
    const write = nock(API, CONTACTS_VERSION)
      .post('/contacts/')
      .reply(201, { contact: { ...contact.contact, assignedTo: undefined } });
    const users = nockUsers();
    const result = (await appTester(contactCreate, { authData, inputData: { email: 'lena.vogt@example.com' } }, true)) as Row;
    expect(write.isDone()).toBe(true);
    expect(users.isDone()).toBe(false);
    expect(result).toMatchObject({ assignedTo: '', assignedToName: null, assignedToEmail: null });
  });

  it('a user list that fails does not fail the step: the output is complete, with null names', async () => {
    const write = nock(API, CONTACTS_VERSION).post(`/contacts/${CONTACT_ID}/tasks`).reply(201, taskFixture);
    const users = nockUsers([403, { statusCode: 403, message: 'The token does not have access to this scope' }]);
    const result = (await appTester(
      taskCreate,
      {
        authData,
        inputData: { contactId: CONTACT_ID, title: 'Follow up', dueDate: '2026-07-01T15:00:00Z', assignedTo: USER_ID },
      },
      true,
    )) as Row;
    expect(write.isDone() && users.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'k3QdT8vLm2Ws5Xy7Za1B', assignedTo: USER_ID, assignedToName: null, assignedToEmail: null, status: 'open' });
  });

  it('Find Opportunity: the owner beside assignedTo, the user list read with the pipeline list', async () => {
    const search = nock(API, CONTACTS_VERSION)
      .get('/opportunities/search')
      .query(searchQuery({ contact_id: CONTACT_ID, status: 'open' }))
      .reply(200, searchFixture);
    nockPipelines();
    nockOpportunityFields();
    const users = nockUsers();
    const [first] = (await appTester(opportunityFind, { authData, inputData: { contactId: CONTACT_ID, status: 'open' } }, true)) as Row[];
    expect(search.isDone() && users.isDone()).toBe(true);
    expect(first).toMatchObject({
      assignedTo: USER_ID,
      assignedToName: 'Anna Schmidt',
      assignedToEmail: 'anna@pilates-berlin.example.com',
      pipelineName: 'Trainees',
    });
  });

  it('Create Appointment: calendar, assigned user and contact names, read beside the booking (one request each)', async () => {
    const book = nock(API, CALENDARS_VERSION).post('/calendars/events/appointments').reply(200, created);
    const reads = [nockUsers(), nockCalendars(), nockContact()];
    const result = (await appTester(
      appointmentCreate,
      {
        authData,
        inputData: { calendarId: CAL, contactId: CONTACT_ID, startTime: '2026-06-24T11:00:00+02:00', duration: '60', assignedUserId: USER_ID },
      },
      true,
    )) as Row;
    expect(book.isDone() && reads.every((r) => r.isDone())).toBe(true);
    expect(result).toMatchObject({
      id: 'Ap7kQ2mN4pR6sT8uV0wX',
      calendarName: 'Pilates 1:1',
      contactName: 'Lena Vogt',
      contactEmail: 'lena.vogt@example.com',
      assignedUserName: 'Anna Schmidt',
      assignedUserEmail: 'anna@pilates-berlin.example.com',
    });
  });

  it('Find Appointment: a contact that cannot be read leaves its names null; the rest is filled in', async () => {
    const get = nock(API, CALENDARS_VERSION)
      .get('/calendars/events/appointments/Ap7kQ2mN4pR6sT8uV0wX')
      .reply(200, { event: { ...created, dateAdded: '2026-06-04T09:25:00.000Z', dateUpdated: '2026-06-04T09:25:00.000Z' } });
    const reads = [nockUsers(), nockCalendars(), nock(API, CONTACTS_VERSION).get(`/contacts/${CONTACT_ID}`).reply(404, { message: 'Contact not found' })];
    const [found] = (await appTester(appointmentFind, { authData, inputData: { appointmentId: 'Ap7kQ2mN4pR6sT8uV0wX' } }, true)) as Row[];
    expect(get.isDone() && reads.every((r) => r.isDone())).toBe(true);
    expect(found).toMatchObject({ calendarName: 'Pilates 1:1', assignedUserName: 'Anna Schmidt', contactName: null, contactEmail: null });
  });

  it('Find Appointments for Contact: the contact is read once for all of its appointments, beside the list', async () => {
    const list = nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT_ID}/appointments`)
      .reply(200, { events: [created, { ...created, id: 'ApSecond000000000000' }] });
    const reads = [nockUsers(), nockCalendars(), nockContact()];
    const found = (await appTester(appointmentsOfContact, { authData, inputData: { contactId: CONTACT_ID } }, true)) as Row[];
    expect(list.isDone() && reads.every((r) => r.isDone())).toBe(true);
    expect(found.map((a) => [a.contactName, a.calendarName])).toEqual([
      ['Lena Vogt', 'Pilates 1:1'],
      ['Lena Vogt', 'Pilates 1:1'],
    ]);
  });

  it("New Appointment (polling): calendar and user names from one list read each, the contact's name from one read per contact", async () => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    const events = eventsOn(CAL);
    const reads = [nockUsers(), nockCalendars()];
    const { ids: contactsRead } = contactReads(/^\/contacts\/[^/]+$/, () => [200, contact]);
    const results = (await appTester(appointmentNew, { authData, inputData: { calendarId: CAL } }, true)) as Row[];
    nock.cleanAll();
    expect(events.isDone() && reads.every((r) => r.isDone())).toBe(true);
    expect(results.length).toBeGreaterThan(0);
    const withContact = results.filter((a) => a.contactId);
    // As the instant trigger names it (lib/appointment/hooks.ts): each distinct contact read once.
    expect(contactsRead).toHaveLength(new Set(withContact.map((a) => a.contactId)).size);
    for (const a of withContact) expect(a.contactName).toBe(contact.contact.firstName + ' ' + contact.contact.lastName);
    for (const a of results) if (a.calendarId === CAL) expect(a.calendarName).toBe('Pilates 1:1');
  });

  it('New Task (polling): assignee names from one user-list read', async () => {
    const search = pagedTaskSearch(() => taskSearch.tasks.map((t) => ({ ...t, assignedTo: USER_ID })));
    nock(API, CONTACTS_VERSION).post(`/locations/${LOCATION_ID}/tasks/search`).times(4).reply(search.reply);
    const users = nockUsers();
    const results = (await appTester(taskNew, { authData, inputData: {} }, true)) as Row[];
    expect(search.bodies.length).toBeGreaterThan(0);
    expect(users.isDone()).toBe(true);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((t) => t.assignedToName === 'Anna Schmidt')).toBe(true);
  });
});
