import nock from 'nock';
import { perform } from '../../creates/note_create';
import { API, CONTACTS_VERSION, appTester, authData, thrown } from '../helpers/app';
import noteFixture from '../fixtures/note.json';

const CONTACT = 'ocQHyuzHvysMo5N5VsXc';
const PATH = `/contacts/${CONTACT}/notes`;

describe('creates.note_create', () => {
  it('sends body, title, author and pinned (no locationId) and returns the flat note', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .post(PATH, {
        body: 'Session notes: wants the Q3 workshop offer; prefers evening classes.',
        title: 'Call with Lena',
        userId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
        pinned: false,
      })
      .reply(201, noteFixture);
    const result = await appTester(perform, {
      authData,
      inputData: {
        contactId: CONTACT,
        body: 'Session notes: wants the Q3 workshop offer; prefers evening classes.',
        title: 'Call with Lena',
        userId: 'Yh3pQ5Wmg4rVd8xNt2Ke',
        pinned: false,
      },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'Nt4rW8yB2dF6hJ0kL3mP', noteId: 'Nt4rW8yB2dF6hJ0kL3mP', contactId: CONTACT, dateAdded: '2026-06-12T08:41:02.193Z' });
  });

  it('leaves out the fields left empty', async () => {
    const scope = nock(API, CONTACTS_VERSION).post(PATH, { body: 'Just the text' }).reply(201, noteFixture);
    await appTester(perform, { authData, inputData: { contactId: CONTACT, body: 'Just the text', title: '', userId: '', pinned: '' } });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{ contactId: CONTACT, title: 'T' }, /Note Text is required/],
    [{ contactId: CONTACT, body: '   ' }, /Note Text is required/],
    [{ body: 'x' }, /Contact is required/],
    [{ contactId: 'ocQH yuzH', body: 'x' }, /Contact "ocQH yuzH" is not a valid HighLevel ID/],
    [{ contactId: CONTACT, body: 'x', pinned: 'sometimes' }, /Pinned must be yes or no/],
    [{ contactId: CONTACT, body: 'x', userId: 'anna@example.com' }, /Author "anna@example.com" is not a valid HighLevel ID/],
  ])('rejects %j before sending anything', async (inputData, message) => {
    const scope = nock(API).post(/notes/).reply(201, noteFixture);
    const error = await thrown(appTester(perform, { authData, inputData }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('turns a 422 into a readable message', async () => {
    nock(API, CONTACTS_VERSION)
      .post(PATH)
      .reply(422, { statusCode: 422, message: ['property locationId should not exist'], error: 'Unprocessable Entity' });
    const error = await thrown(appTester(perform, { authData, inputData: { contactId: CONTACT, body: 'x' } }));
    expect(error.message).toMatch(/HighLevel rejected creating the note because some values are not valid: property locationId should not exist/);
  });
});
