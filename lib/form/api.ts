import { timeOf } from '../schema/values';
import { DateTime } from 'luxon';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { ghl, locationIdOf } from '../http/client';
import { endpoints } from '../http/endpoints';
import { Form, FormSubmissionAnswer, formSubmissionFromRest, type FormSubmissionOutput } from './schema';

/** Forms and their submissions (docs/highlevel-api.md §6.12). */

/** GET /forms/ takes at most 50 per page (offset paging, default 10). */
export const FORM_PAGE_SIZE = 50;

export const listForms = async (z: ZObject, bundle: Bundle, pageNumber: number): Promise<Form[]> => {
  const answer = await ghl(z, bundle, endpoints.formList, {
    query: { locationId: locationIdOf(z, bundle), skip: pageNumber * FORM_PAGE_SIZE, limit: FORM_PAGE_SIZE },
    answer: zod.looseObject({ forms: zod.array(Form).nullish() }),
    unreadable: 'with a form list the app cannot read',
  });
  return answer.forms ?? [];
};

/** GET /forms/submissions: at most 100 per page; a poll reads at most this many pages (500 submissions). */
export const SUBMISSION_PAGE_SIZE = 100;
export const SUBMISSION_MAX_PAGES = 5;

const SubmissionPage = lazy(() =>
  zod.looseObject({
    submissions: zod.array(FormSubmissionAnswer).nullish(),
    meta: zod.looseObject({ total: zod.number().nullish() }).nullish(),
  }),
);

/**
 * The window a poll reads: `startAt`/`endAt` are calendar days, in a zone HighLevel does not name. From two days
 * before today (UTC) to tomorrow covers "today" in every zone, with a day to spare for late polls.
 */
export const pollDays = (now = Date.now()): { startAt: string; endAt: string } => {
  const today = DateTime.fromMillis(now, { zone: 'utc' });
  return { startAt: today.minus({ days: 2 }).toFormat('yyyy-MM-dd'), endAt: today.plus({ days: 1 }).toFormat('yyyy-MM-dd') };
};

/**
 * The submissions of the window (one form, or all): page 1, then the others meta.total says there are, in parallel, up
 * to SUBMISSION_MAX_PAGES. The order of the answer is not documented, so every page of the window is read and the
 * result sorted newest first here.
 */
export const recentSubmissions = async (z: ZObject, bundle: Bundle, formId: string | undefined): Promise<FormSubmissionOutput[]> => {
  const locationId = locationIdOf(z, bundle);
  const page = (n: number) =>
    ghl(z, bundle, endpoints.formSubmissions, {
      query: { locationId, formId, ...pollDays(), page: n, limit: SUBMISSION_PAGE_SIZE },
      answer: SubmissionPage,
      unreadable: 'without a list of form submissions',
    });
  const first = await page(1);
  const firstItems = first.submissions ?? [];
  const pages =
    firstItems.length < SUBMISSION_PAGE_SIZE ? 1 : Math.min(SUBMISSION_MAX_PAGES, Math.ceil((first.meta?.total ?? Infinity) / SUBMISSION_PAGE_SIZE));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  const byId = new Map<string, FormSubmissionOutput>();
  for (const raw of [firstItems, ...rest.map((p) => p.submissions ?? [])].flat()) {
    if (!byId.has(raw.id)) byId.set(raw.id, formSubmissionFromRest(raw, locationId));
  }
  return [...byId.values()].sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt) || a.id.localeCompare(b.id));
};
