import nock from 'nock';
import { perform } from '../../creates/task_create';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import taskFixture from '../fixtures/task.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const PATH = `/contacts/${CONTACT}/tasks`;

describe('creates.task_create', () => {
  it('sends title, body, due date (ISO UTC with time), assignee and completed=false, without locationId', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(PATH, {
        title: 'Follow up: finished Pilates Level 1',
        body: 'Lena completed the course on TrainerCentral. Offer the Level 2 bundle.',
        dueDate: '2026-07-01T15:00:00Z',
        assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
        completed: false,
      })
      .reply(201, taskFixture);
    const result = await appTester(perform, {
      authData,
      inputData: {
        contactId: CONTACT,
        title: ' Follow up: finished Pilates Level 1 ',
        body: 'Lena completed the course on TrainerCentral. Offer the Level 2 bundle.',
        dueDate: '2026-07-01 17:00',
        assignedTo: 'Yh3pQ5Wmg4rVd8xNt2Ke',
      },
      meta: { timezone: 'Europe/Berlin' },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'k3QdT8vLm2Ws5Xy7Za1B', taskId: 'k3QdT8vLm2Ws5Xy7Za1B', status: 'open', contactId: CONTACT });
  });

  it("gives a date without a time 17:00 in the user's time zone and sends completed when asked", async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(PATH, { title: 'Call back', dueDate: '2026-07-01T21:00:00Z', completed: true })
      .reply(201, { task: { ...taskFixture.task, title: 'Call back', completed: true } });
    await appTester(perform, {
      authData,
      inputData: { contactId: CONTACT, title: 'Call back', dueDate: '07/01/2026', completed: 'yes', body: '', assignedTo: '' },
      meta: { timezone: 'America/New_York' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('uses UTC when Zapier sends no time zone, and epoch milliseconds work', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(PATH, { title: 'T', dueDate: '2026-07-01T17:00:00Z', completed: false }).reply(201, taskFixture);
    await appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'T', dueDate: '1782925200000' } });
    expect(scope.isDone()).toBe(true);
  });

  it('fills in the contact when the answer leaves it out', async () => {
    const withoutContact: Record<string, unknown> = { ...taskFixture.task };
    delete withoutContact.contactId;
    nock(API, CONTACTS_VERSION).post(PATH).reply(201, { task: withoutContact });
    const result = await appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'T', dueDate: '2026-07-01' } });
    expect(result).toMatchObject({ contactId: CONTACT });
  });

  it.each([
    [{ title: 'T', dueDate: '2026-07-01' }, /Contact is required/],
    [{ contactId: '../locations/x', title: 'T', dueDate: '2026-07-01' }, /Contact "\.\.\/locations\/x" is not a valid HighLevel ID/],
    [{ contactId: CONTACT, dueDate: '2026-07-01' }, /Title is required/],
    [{ contactId: CONTACT, title: 'T' }, /Due Date is required/],
    [{ contactId: CONTACT, title: 'T', dueDate: 'next-ish week' }, /Due Date "next-ish week" is not a date and time HighLevel can use/],
    [{ contactId: CONTACT, title: 'T', dueDate: '2026-07-01', completed: 'maybe' }, /Completed must be yes or no/],
    [{ contactId: CONTACT, title: 'T', dueDate: '2026-07-01', assignedTo: 'bob smith' }, /Assigned User "bob smith" is not a valid HighLevel ID/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).post(/tasks/).reply(201, taskFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it("reports HighLevel's 404 while creating the task", async () => {
    nock(API, CONTACTS_VERSION).post(PATH).reply(404, { statusCode: 404, message: 'Contact not found', traceId: 't-1' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'T', dueDate: '2026-07-01' } }));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/creating the task/);
  });

  it('turns a 422 into one readable message', async () => {
    nock(API, CONTACTS_VERSION)
      .post(PATH)
      .reply(422, { statusCode: 422, message: ['dueDate must be a valid ISO 8601 date string'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, title: 'T', dueDate: '2026-07-01' } }));
    expect(error.message).toMatch(
      /HighLevel rejected creating the task because some values are not valid: dueDate must be a valid ISO 8601 date string\. Check the field "dueDate"\./,
    );
  });

  it('refuses a due date whose offset no clock uses instead of moving it by 25 hours (issue 11)', async () => {
    const scope = nock(API).post(/.*/).reply(201, {});
    const error = await thrown(
      appTester(perform, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc', title: 'Call', dueDate: '2026-07-01T17:00:00+25:00' } }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Due Date ".*" has the UTC offset \+25:00, which no clock uses/) });
    expect(scope.isDone()).toBe(false);
  });
});
