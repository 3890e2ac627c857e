import { HIGHLEVEL_THROTTLE } from '../../../lib/http/throttle';
import App from '../../../index';

/** HighLevel: 100 requests per 10 s per location (docs/highlevel-api.md §3); Zapier: fixed windows of invocations. */
const CEILING = 100;
const SPAN_S = 10;

describe('the declared throttle (issue 11: the whole budget)', () => {
  const { window, limit } = HIGHLEVEL_THROTTLE;

  it('lets one-request actions use at least 90 % of the ceiling on average', () => {
    expect((SPAN_S / window) * limit).toBeGreaterThanOrEqual(0.9 * CEILING);
  });

  it('never lets more than the ceiling start in any 10-second span, however the windows fall', () => {
    // A span that starts inside a window touches ceil(span / window) + 1 windows when it is not aligned.
    const windowsTouched = Math.ceil(SPAN_S / window) + 1;
    expect(windowsTouched * limit).toBeLessThanOrEqual(CEILING);
  });

  it('is one count per connection shared by every action (scope auth, not action), declared on the app', () => {
    expect(HIGHLEVEL_THROTTLE.scope).toEqual(['auth']);
    expect((App as unknown as { throttle?: unknown }).throttle).toEqual(HIGHLEVEL_THROTTLE);
  });
});
