import type { Bundle, ZObject } from 'zapier-platform-core';
import { afterUpsert, tagsAfterAdd } from '../../../lib/contact/write';
import { outcomeOf, withOutcome } from '../../../lib/http/outcome';
import { appTester, authData } from '../../helpers/app';

describe('tagsAfterAdd', () => {
  it('keeps the upserted tags, then the added ones, once each whatever their case', () => {
    expect(tagsAfterAdd(['vip', 'june-cohort'], ['June-Cohort', 'pilates', 'vip '])).toEqual(['vip', 'june-cohort', 'pilates']);
  });

  it('is the union whether the add answers the whole list or only the added tags', () => {
    expect(tagsAfterAdd(['vip'], ['vip', 'pilates'])).toEqual(tagsAfterAdd(['vip'], ['pilates']));
  });
});

describe('afterUpsert', () => {
  const run = (error: unknown, isNew: boolean) =>
    appTester(
      (z: ZObject, _bundle: Bundle) => {
        const out = afterUpsert(z, error, 'c1', isNew) as Error;
        return { name: out.name, message: out.message, outcome: outcomeOf(out) ?? null };
      },
      { authData },
    );

  it('says first that the contact was written, then why its tags were not, keeping what the tag request may have done', async () => {
    const failed = withOutcome(
      Object.assign(new Error(JSON.stringify({ message: 'HighLevel is busy', code: 'throttled', status: 429 })), { name: 'AppError' }),
      'unsent',
    );
    const out = await run(failed, true);
    expect(JSON.parse(out.message)).toEqual({
      message: 'HighLevel created the contact (c1), but its tags were not added: HighLevel is busy',
      code: 'throttled',
      status: 429,
    });
    expect(out.outcome).toBe('unsent');
    expect(JSON.parse((await run(failed, false)).message).message).toMatch(/^HighLevel updated the contact \(c1\)/);
  });

  it('leaves other errors as they are', async () => {
    expect(await run(new TypeError('boom'), true)).toEqual({ name: 'TypeError', message: 'boom', outcome: null });
  });
});
