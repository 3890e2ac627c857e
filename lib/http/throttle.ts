/**
 * HighLevel allows 100 requests per 10 seconds per location and app (docs/highlevel-api.md §3). Zapier's throttle
 * counts invocations, not requests, in fixed windows ("the number of invocations begins at zero at the start of each
 * window", zapier-platform-schema ThrottleObjectSchema), and one configuration is one shared count for every action of
 * the connection (scope `auth`, no `action`).
 *
 * 9 per second: fixed windows of Zapier's and of HighLevel's do not line up (where each starts is not documented), so
 * a throttle of L per 10 s can let 2L through in one HighLevel window (measured: 90 per 10 s sent 168 requests into one
 * 10-second span, 39 of them answered 429). Any 10-second span holds at most 11 one-second windows, 99 starts: under the
 * ceiling however the windows fall, and still 90 per 10 s on average, 90 % of HighLevel's ceiling, since the common
 * action is one request (the custom-field list and the location are shared per connection, lib/http/cache.ts; replay
 * records live in z.cache, not HighLevel). That leaves 10 requests per 10 s on average (1 at the worst instant) for
 * polls; a poll that meets a 429 is retried by Zapier and misses nothing (its state is only saved after it succeeds).
 * Measured by `npm run bench` ("Whole budget"; README, Operations). The few actions that make two or more requests
 * (Create or Update Contact with tags, Create Appointment that makes its contact, Find Contact Profile) can go over the
 * ceiling in a span full of them: HighLevel's 429 is waited out once inside the step and otherwise becomes Zapier's
 * throttled retry; those requests were refused, so nothing is written twice (lib/http/client.ts).
 */
export const HIGHLEVEL_THROTTLE = { window: 1, limit: 9, scope: ['auth' as const] };
