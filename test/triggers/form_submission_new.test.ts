import nock from 'nock';
import App from '../../index';
import { pollDays } from '../../lib/form/api';
import { FORM_SUBMISSION_NEW_KEY, perform } from '../../triggers/form_submission_new';
import { API, CONTACTS_VERSION, LOCATION_ID, appTester, authData, thrown } from '../helpers/app';
import submissions from '../fixtures/form_submissions.json';

const query = (over: Record<string, string> = {}) => ({ locationId: LOCATION_ID, ...pollDays(), page: '1', limit: '100', ...over });

describe('triggers.form_submission_new', () => {
  beforeAll(() => {
    vi.useFakeTimers({ now: new Date('2026-06-15T10:00:00.000Z'), toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('reads the last two days (whole days, with a day to spare), newest first, answers in readable form', async () => {
    expect(pollDays()).toEqual({ startAt: '2026-06-13', endAt: '2026-06-16' });
    const scope = nock(API, CONTACTS_VERSION).get('/forms/submissions').query(query()).reply(200, submissions);
    const results = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(results.map((r) => r.id)).toEqual(['9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', '38303ec7-629a-49e2-888a-cf8bf0b1f97e']);
    expect(results[1]).toMatchObject({
      formId: 'YSWdvS4Is98wtIDGnpmI',
      pageUrl: 'https://pilatesstudio-berlin.example/trial',
      source: 'Direct traffic',
      answersText: 'full_name: Lena Vogt\nemail: lena.vogt@example.com\nmessage: I would like to try a reformer class.\nkL9pM2xQ7rT4vW1yZ3aB: Reformer, Mat',
      contactUrl: expect.stringContaining('/contacts/detail/ocQHyuzHvysMo5N5VsXc'),
    });
    expect(results[1].answers).not.toHaveProperty('eventData');
  });

  it('reads every page of the window (the order is not documented), at most five, in parallel after the first', async () => {
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => ({ id: `sub-${n}-${i}`, createdAt: `2026-06-14T0${n}:00:00.000Z` }));
    const scopes = [1, 2, 3, 4, 5].map((n) =>
      nock(API, CONTACTS_VERSION)
        .get('/forms/submissions')
        .query(query({ page: String(n) }))
        .reply(200, { submissions: page(n), meta: { total: 700 } }),
    );
    const results = (await appTester(perform, { authData })) as Record<string, unknown>[];
    expect(scopes.every((s) => s.isDone())).toBe(true);
    expect(results).toHaveLength(500);
    expect(results[0].createdAt).toBe('2026-06-14T05:00:00.000Z');
  });

  it('narrows to one form', async () => {
    const scope = nock(API, CONTACTS_VERSION)
      .get('/forms/submissions')
      .query(query({ formId: 'YSWdvS4Is98wtIDGnpmI' }))
      .reply(200, { submissions: [], meta: { total: 0 } });
    expect(await appTester(perform, { authData, inputData: { formId: 'YSWdvS4Is98wtIDGnpmI' } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('rejects a hostile form id with no request sent', async () => {
    const any = nock(API).get(/.*/).reply(200, {});
    expect((await thrown(appTester(perform, { authData, inputData: { formId: '../x' } }))).message).toMatch(/Form "\.\.\/x" is not a valid HighLevel ID/);
    expect(any.isDone()).toBe(false);
  });

  it('states its window and budget', () => {
    expect(App.triggers?.[FORM_SUBMISSION_NEW_KEY]?.display.description).toMatch(/last two days, up to 500 \(5 requests of 100\)/);
  });
});
