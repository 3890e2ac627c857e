import nock from 'nock';
import { perform } from '../../triggers/task_new';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import searchFixture from '../fixtures/task_search.json';

const SEARCH = `/locations/${LOCATION_ID}/tasks/search`;

describe('triggers.task_new', () => {
  it('makes ONE location-wide search without locationId in the body and returns tasks newest first', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(SEARCH, { limit: 100 }).once().reply(200, searchFixture);
    const result = (await appTester(perform, { authData, inputData: {} })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    // Newest first by the dateAdded the search items carry; undated ones keep HighLevel's order, last.
    expect(result.map((t) => t.id)).toEqual(['Wm5Tq9Yx1Ab3Cd7Ef2Gh', 'k3QdT8vLm2Ws5Xy7Za1B', 'Zc4Vb6Nm8Qw0Er2Ty5Ui']);
    expect(result[1]).toMatchObject({
      taskId: 'k3QdT8vLm2Ws5Xy7Za1B',
      title: 'Follow up: finished Pilates Level 1',
      dueDate: '2026-07-01T15:00:00.000Z',
      status: 'open',
      contactUrl: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/ocQHyuzHvysMo5N5VsXc`,
    });
  });

  it('narrows the search to one contact and one assignee, as one-item lists', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(SEARCH, { limit: 100, contactId: ['ocQHyuzHvysMo5N5VsXc'], assignedTo: ['Yh3pQ5Wmg4rVd8xNt2Ke'] })
      .reply(200, { tasks: [] });
    const result = await appTester(perform, { authData, inputData: { contactId: 'ocQHyuzHvysMo5N5VsXc', assignedTo: ' Yh3pQ5Wmg4rVd8xNt2Ke ' } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([]);
  });

  it('rejects a bad contact id before sending anything', async () => {
    const scope = nock(API).post(SEARCH).reply(200, searchFixture);
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: '../locations/x' } }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/Contact "\.\.\/locations\/x" is not a valid HighLevel ID/);
    expect(scope.isDone()).toBe(false);
  });

  it('fails the step (not the connection) when it lacks the task-search scope, without sending', async () => {
    const scope = nock(API).post(SEARCH).reply(200, searchFixture);
    const error = await thrown(appTester(perform, { authData: { ...authData, scope: 'contacts.readonly contacts.write' }, inputData: {} }));
    expect(error).toMatchObject({ name: 'AppError', code: 'missing_scope' });
    expect(error.message).toMatch(/"locations\/tasks\.readonly" permission/);
    expect(scope.isDone()).toBe(false);
  });

  it("reports HighLevel's 422 message", async () => {
    nock(API, CONTACTS_VERSION)
      .post(SEARCH)
      .reply(422, { statusCode: 422, message: ['limit must not be greater than 50'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: {} }));
    expect(error.message).toMatch(/HighLevel rejected searching tasks because some values are not valid: limit must not be greater than 50/);
  });
});
