import nock from 'nock';
import { perform } from '../../searches/contact_profile';
import { toProfile } from '../../lib/profile/schema';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import contactFixture from '../fixtures/contact.json';
import notesFixture from '../fixtures/notes.json';
import tasksFixture from '../fixtures/tasks.json';
import { contactFromRest } from '../../lib/contact/schema';
import { nockPipelines, searchQuery } from '../helpers/opportunities';
import pipelinesFixture from '../fixtures/pipelines.json';
import opportunitySearch from '../fixtures/opportunity_search.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';

/** GET /contacts/{id}/appointments answers {events} (docs/highlevel-api.md §6.5). */
const appointmentsAnswer = {
  events: [
    {
      id: 'ApPast00000000000001',
      calendarId: 'Cal3bD5fH7jL9nP1rT3v',
      locationId: LOCATION_ID,
      contactId: CONTACT,
      title: 'Intro call',
      status: 'booked',
      appointmentStatus: 'showed',
      assignedUserId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
      startTime: '2020-06-01T10:00:00+02:00',
      endTime: '2020-06-01T10:30:00+02:00',
      dateAdded: '2020-05-28T09:00:00.000Z',
      dateUpdated: '2020-06-01T10:31:00.000Z',
    },
    {
      id: 'ApNext00000000000002',
      calendarId: 'Cal3bD5fH7jL9nP1rT3v',
      locationId: LOCATION_ID,
      contactId: CONTACT,
      title: 'Live Q&A: Core Strength',
      appointmentStatus: 'confirmed',
      startTime: '2099-06-24T11:00:00+02:00',
      endTime: '2099-06-24T12:00:00+02:00',
      dateAdded: '2026-06-04T09:25:00.000Z',
      dateUpdated: '2026-06-04T09:25:00.000Z',
    },
    {
      id: 'ApCancel000000000003',
      calendarId: 'Cal3bD5fH7jL9nP1rT3v',
      title: 'Cancelled session',
      appointmentStatus: 'cancelled',
      startTime: '2099-06-01T11:00:00+02:00',
      endTime: '2099-06-01T12:00:00+02:00',
    },
  ],
  traceId: 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9',
};

/** The contact's opportunities: the first fixture item is Lena's (open, 104). */
const opportunitiesAnswer = { ...opportunitySearch, opportunities: [opportunitySearch.opportunities[0]], meta: { total: 1 } };

const ROUTES = {
  contact: [`/contacts/${CONTACT}`, contactFixture],
  tasks: [`/contacts/${CONTACT}/tasks`, tasksFixture],
  notes: [`/contacts/${CONTACT}/notes`, notesFixture],
  appointments: [`/contacts/${CONTACT}/appointments`, appointmentsAnswer],
  opportunities: ['/opportunities/search', opportunitiesAnswer, searchQuery({ contact_id: CONTACT })],
  pipelines: ['/opportunities/pipelines', pipelinesFixture, { locationId: LOCATION_ID }],
} as const;

/** Nock for the opportunity reads a profile makes besides the contact's own routes. */
const nockOpportunities = (answer: unknown = { opportunities: [], meta: { total: 0 } }) => {
  nock(API, CONTACTS_VERSION)
    .get('/opportunities/search')
    .query(searchQuery({ contact_id: CONTACT }))
    .reply(200, answer as Record<string, unknown>);
  nockPipelines();
};

type Reply = (error: Error | null, result: [number, Record<string, unknown>]) => void;

describe('searches.contact_profile', () => {
  it('has all six requests in flight before any of them is answered (they run in parallel)', async () => {
    const events: string[] = [];
    const held: (() => void)[] = [];
    const scope = nock(API, CONTACTS_VERSION);
    for (const [name, [path, body, query]] of Object.entries(ROUTES) as [string, readonly [string, unknown, Record<string, string>?]][]) {
      const route = query ? scope.get(path).query(query) : scope.get(path);
      route.reply((_uri: string, _body: unknown, cb: Reply) => {
        events.push(`arrived ${name}`);
        held.push(() => {
          events.push(`answered ${name}`);
          cb(null, [200, body as Record<string, unknown>]);
        });
        // Answer nothing until every request has arrived: requests made one after another would never get here
        // (the test then fails on its timeout instead of passing).
        if (held.length === 6) held.forEach((answer) => answer());
      });
    }
    const [profile] = (await appTester(perform, { authData, inputData: { contactId: CONTACT } })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(events.slice(0, 6).every((e) => e.startsWith('arrived'))).toBe(true);
    expect(events.slice(6).every((e) => e.startsWith('answered'))).toBe(true);
    expect(profile).toMatchObject({ id: CONTACT, taskCount: 3 });
  }, 10000);

  it('shapes the profile: flat contact fields, counts, latest note, open tasks, next appointment, opportunities, line items', async () => {
    for (const [path, body, query] of Object.values(ROUTES) as (readonly [string, Record<string, unknown>, Record<string, string>?])[]) {
      (query ? nock(API, CONTACTS_VERSION).get(path).query(query) : nock(API, CONTACTS_VERSION).get(path)).reply(200, body);
    }
    const [profile] = (await appTester(perform, { authData, inputData: { contactId: CONTACT } })) as Record<string, unknown>[];
    expect(profile).toMatchObject({
      id: CONTACT,
      name: 'Lena Vogt',
      email: 'lena.vogt@example.com',
      taskCount: 3,
      openTaskCount: 2,
      noteCount: 3,
      appointmentCount: 3,
      latestNoteBody: 'Session notes: wants the Q3 workshop offer; prefers evening classes.',
      latestNoteDate: '2026-06-12T08:41:02.193Z',
      openTasksText: 'Call back about the Q3 workshop (due 2026-06-20)\nFollow up: finished Pilates Level 1 (due 2026-07-01)',
      nextAppointmentId: 'ApNext00000000000002',
      nextAppointmentTitle: 'Live Q&A: Core Strength',
      nextAppointmentStartTime: '2099-06-24T11:00:00+02:00',
      opportunitiesIncluded: true,
      opportunityCount: 1,
      openOpportunityCount: 1,
      openOpportunityValue: 104,
    });
    expect(profile.opportunities).toEqual([expect.objectContaining({ id: 'yWQobCRIhRguQtD2llvk', pipelineName: 'Trainees', stageName: 'In Progress' })]);
    const tasks = profile.tasks as Record<string, unknown>[];
    const notes = profile.notes as Record<string, unknown>[];
    const appointments = profile.appointments as Record<string, unknown>[];
    expect(tasks.map((t) => t.taskId)).toEqual(['k3QdT8vLm2Ws5Xy7Za1B', 'p8RbN2cVx4Lz6Hj0Kq3W', 'Wm5Tq9Yx1Ab3Cd7Ef2Gh']);
    expect(notes.map((n) => n.noteId)).toEqual(['Nt4rW8yB2dF6hJ0kL3mP', 'Qa1Sd3Fg5Hj7Kl9Zx2Cv', 'Bn4Mq6Wr8Ty0Ui2Op4As']);
    expect(appointments.map((a) => a.id)).toEqual(['ApPast00000000000001', 'ApCancel000000000003', 'ApNext00000000000002']);
    expect(appointments[0]).toMatchObject({ appointmentStatus: 'showed', title: 'Intro call' });
  });

  it('finds nothing ([]) when the contact does not exist', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT}`)
      .reply(404, { statusCode: 404, message: 'Contact not found' })
      .get(`/contacts/${CONTACT}/tasks`)
      .reply(404, { statusCode: 404, message: 'Contact not found' })
      .get(`/contacts/${CONTACT}/notes`)
      .reply(404, { statusCode: 404, message: 'Contact not found' })
      .get(`/contacts/${CONTACT}/appointments`)
      .reply(404, { statusCode: 404, message: 'Contact not found' });
    nockOpportunities();
    expect(await appTester(perform, { authData, inputData: { contactId: CONTACT } })).toEqual([]);
  });

  it('shows empty lists and counts of 0 for a contact with nothing attached', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT}`)
      .reply(200, contactFixture)
      .get(`/contacts/${CONTACT}/tasks`)
      .reply(200, { tasks: [] })
      .get(`/contacts/${CONTACT}/notes`)
      .reply(200, { notes: [] })
      .get(`/contacts/${CONTACT}/appointments`)
      .reply(200, { events: [] });
    nockOpportunities();
    const [profile] = (await appTester(perform, { authData, inputData: { contactId: CONTACT } })) as Record<string, unknown>[];
    expect(profile).toMatchObject({
      taskCount: 0,
      openTaskCount: 0,
      noteCount: 0,
      appointmentCount: 0,
      latestNoteBody: '',
      openTasksText: '',
      nextAppointmentId: '',
      tasks: [],
      notes: [],
      appointments: [],
      opportunityCount: 0,
      openOpportunityValue: 0,
      opportunities: [],
    });
  });

  it('a connection without opportunities.readonly gets the profile without opportunities, and says so', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT}`)
      .reply(200, contactFixture)
      .get(`/contacts/${CONTACT}/tasks`)
      .reply(200, { tasks: [] })
      .get(`/contacts/${CONTACT}/notes`)
      .reply(200, { notes: [] })
      .get(`/contacts/${CONTACT}/appointments`)
      .reply(200, { events: [] });
    const search = nock(API).get('/opportunities/search').query(true).reply(200, opportunitiesAnswer);
    const [profile] = (await appTester(perform, {
      authData: { ...authData, scope: 'contacts.readonly calendars/events.readonly' },
      inputData: { contactId: CONTACT },
    })) as Record<string, unknown>[];
    expect(search.isDone()).toBe(false);
    expect(profile).toMatchObject({ id: CONTACT, opportunitiesIncluded: false, opportunityCount: 0, opportunities: [] });
  });

  it('rejects a bad contact id before sending anything', async () => {
    const scope = nock(API)
      .get(/contacts/)
      .times(4)
      .reply(200, contactFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: '../locations/x' } }));
    expect(error.message).toMatch(/Contact "\.\.\/locations\/x" is not a valid HighLevel ID/);
    expect(scope.isDone()).toBe(false);
  });

  it('fails on an error other than 404 (no half profile)', async () => {
    nock(API, CONTACTS_VERSION)
      .get(`/contacts/${CONTACT}`)
      .reply(200, contactFixture)
      .get(`/contacts/${CONTACT}/tasks`)
      .reply(200, tasksFixture)
      .get(`/contacts/${CONTACT}/notes`)
      .reply(500, { statusCode: 500, message: 'Internal server error' })
      .get(`/contacts/${CONTACT}/appointments`)
      .reply(200, appointmentsAnswer);
    nockOpportunities();
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT } }));
    expect(error.message).toMatch(/listing the notes of the contact/);
  });

  it('builds a sample whose keys a real profile has', () => {
    const profile = toProfile(contactFromRest(contactFixture.contact, LOCATION_ID), { tasks: [], notes: [], appointments: [] });
    expect(Object.keys(profile)).toEqual(
      expect.arrayContaining(['taskCount', 'latestNoteBody', 'openTasksText', 'nextAppointmentStartTime', 'tasks', 'opportunityCount', 'opportunities']),
    );
  });
});
