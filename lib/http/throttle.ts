/**
 * HighLevel allows 100 requests per 10 seconds per location and app (docs/highlevel-api.md §3). Zapier's throttle counts
 * action invocations, not requests; an action makes one or two requests (find-or-create, update-then-read), and
 * polls of the same connection share the budget, so actions of one connection are held to 40 per 10 seconds.
 */
export const HIGHLEVEL_THROTTLE = { window: 10, limit: 40, scope: ['auth' as const] };
