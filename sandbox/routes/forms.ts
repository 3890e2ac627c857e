import { DateTime } from 'luxon';
import { unprocessable } from '../http';
import type { ResourceRoute } from '../router';
import { assertLocation } from '../router';
import { localDay } from '../sales_model/forms';
import { VERSION_2021_07_28 } from '../types';
import { validateQuery } from '../validate';

const V = VERSION_2021_07_28;
const SCOPE = 'forms.readonly';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Forms (docs/highlevel-api.md §6.12). GET /forms/ → {forms, total} (offset paging, `limit` ≤ 50, default 10).
 * GET /forms/submissions → {submissions, meta}: `startAt`/`endAt` are calendar days (default: the same day last month
 * to today), read in the location's time zone; the order is oldest first (not documented: the least convenient
 * reading, so a poll must look at every page); `q` matches the contact id, name, email or phone.
 */
export const formRoutes: ResourceRoute[] = [
  {
    method: 'GET',
    path: '/forms/',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      const q = validateQuery(ctx.query, {
        locationId: { type: 'string', required: true },
        skip: { type: 'numeric' },
        limit: { type: 'numeric', max: 50 },
        type: { type: 'string' },
      });
      assertLocation(ctx, q.locationId);
      const all = [...ctx.state.automation.forms.values()].filter((f) => f.locationId === ctx.token.locationId);
      const skip = Number(q.skip ?? 0);
      const limit = Number(q.limit ?? 10);
      return { body: { forms: all.slice(skip, skip + limit).map((f) => ({ ...f })), total: all.length } };
    },
  },
  {
    method: 'GET',
    path: '/forms/submissions',
    version: V,
    scope: SCOPE,
    handler: (ctx) => {
      const q = validateQuery(ctx.query, {
        locationId: { type: 'string', required: true },
        page: { type: 'numeric' },
        limit: { type: 'numeric', max: 100 },
        formId: { type: 'string' },
        q: { type: 'string' },
        startAt: { type: 'string' },
        endAt: { type: 'string' },
      });
      assertLocation(ctx, q.locationId);
      for (const key of ['startAt', 'endAt'] as const) {
        if (q[key] !== undefined && !DAY.test(q[key] ?? '')) throw unprocessable([`${key} must be a date in the format YYYY-MM-DD`]);
      }
      const today = DateTime.fromJSDate(ctx.state.now()).setZone(ctx.state.location.timezone);
      const startAt = q.startAt ?? today.minus({ months: 1 }).toFormat('yyyy-MM-dd');
      const endAt = q.endAt ?? today.toFormat('yyyy-MM-dd');
      const needle = q.q?.toLowerCase();
      const all = [...ctx.state.automation.submissions.values()]
        .filter((s) => ctx.state.automation.forms.get(s.formId)?.locationId === ctx.token.locationId)
        .filter((s) => !q.formId || s.formId === q.formId)
        .filter((s) => {
          const d = localDay(ctx.state, s.createdAt);
          return d >= startAt && d <= endAt;
        })
        .filter((s) => {
          if (!needle) return true;
          const phone = ctx.state.contacts.get(s.contactId)?.phone ?? '';
          return [s.contactId, s.name, s.email, phone].some((v) => v.toLowerCase().includes(needle));
        })
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      const limit = Number(q.limit ?? 20);
      const page = Math.max(1, Number(q.page ?? 1));
      const slice = all.slice((page - 1) * limit, page * limit);
      return {
        body: {
          submissions: slice.map((s) => structuredClone(s)),
          meta: { total: all.length, currentPage: page, nextPage: page * limit < all.length ? page + 1 : null, prevPage: page > 1 ? page - 1 : null },
        },
      };
    },
  },
];
