import { unprocessable } from '../http';
import type { RouteResult } from '../http';
import type { AuthedContext } from '../router';
import { assertLocation } from '../router';
import type { Opportunity } from '../types';
import { validateQuery } from '../validate';
import { renderSearchOpportunity } from './opportunity';

/**
 * GET /opportunities/search (docs/highlevel-api.md §6.10, spec: search-opportunity): snake-case `location_id` (R),
 * filters, page or cursor paging, at most 100 per page. Choices where the spec is silent (sandbox/README.md): without
 * `order` the answer is oldest first; `order` takes `added_asc` or `added_desc` only; `q` matches the opportunity name
 * and the contact's name, email and phone; `date`/`endDate` (mm-dd-yyyy) bound `createdAt` in UTC days.
 */
const QUERY = {
  location_id: { type: 'string', required: true },
  q: { type: 'string' },
  pipeline_id: { type: 'string' },
  pipeline_stage_id: { type: 'string' },
  contact_id: { type: 'string' },
  status: { type: 'string' },
  assigned_to: { type: 'string' },
  campaignId: { type: 'string' },
  id: { type: 'string' },
  order: { type: 'string' },
  endDate: { type: 'string' },
  startAfter: { type: 'numeric' },
  startAfterId: { type: 'string' },
  date: { type: 'string' },
  country: { type: 'string' },
  page: { type: 'numeric' },
  limit: { type: 'numeric', max: 100 },
  getTasks: { type: 'boolean' },
  getNotes: { type: 'boolean' },
  getCalendarEvents: { type: 'boolean' },
} as const;

const STATUSES = ['open', 'won', 'lost', 'abandoned', 'all'];
const ORDERS = ['added_asc', 'added_desc'];

/** mm-dd-yyyy → epoch ms of that UTC day's start; 422 for anything else. */
function day(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  const at = m ? Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])) : NaN;
  if (Number.isNaN(at)) throw unprocessable([`${name} must be a date in the format mm-dd-yyyy`]);
  return at;
}

export function searchOpportunities(ctx: AuthedContext): RouteResult {
  const q = validateQuery(ctx.query, QUERY);
  assertLocation(ctx, q.location_id);
  if (q.status !== undefined && !STATUSES.includes(q.status)) throw unprocessable([`status must be one of the following values: ${STATUSES.join(', ')}`]);
  if (q.order !== undefined && !ORDERS.includes(q.order)) throw unprocessable([`order must be one of the following values: ${ORDERS.join(', ')}`]);
  const from = day('date', q.date);
  const to = day('endDate', q.endDate);
  const needle = q.q?.toLowerCase();
  const { state } = ctx;
  const matches = (o: Opportunity): boolean => {
    const contact = state.contacts.get(o.contactId);
    const created = Date.parse(o.createdAt);
    if (o.locationId !== ctx.token.locationId) return false;
    if (q.pipeline_id && o.pipelineId !== q.pipeline_id) return false;
    if (q.pipeline_stage_id && o.pipelineStageId !== q.pipeline_stage_id) return false;
    if (q.contact_id && o.contactId !== q.contact_id) return false;
    if (q.status && q.status !== 'all' && o.status !== q.status) return false;
    if (q.assigned_to && o.assignedTo !== q.assigned_to) return false;
    if (q.id && o.id !== q.id) return false;
    if (q.campaignId) return false; // no opportunity in the sandbox comes from a campaign
    if (q.country && contact?.country !== q.country) return false;
    if (from !== undefined && created < from) return false;
    if (to !== undefined && created >= to + 86_400_000) return false;
    if (needle && ![o.name, contact?.name, contact?.email, contact?.phone].some((v) => v?.toLowerCase().includes(needle))) return false;
    return true;
  };
  const desc = q.order === 'added_desc';
  const sorted = [...state.sales.opportunities.values()]
    .filter(matches)
    .sort((a, b) => (Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1)) * (desc ? -1 : 1));
  const limit = Number(q.limit ?? 20);
  let start = (Math.max(1, Number(q.page ?? 1)) - 1) * limit;
  if (q.startAfter !== undefined && q.startAfterId !== undefined) {
    const index = sorted.findIndex((o) => o.id === q.startAfterId);
    start = index < 0 ? sorted.length : index + 1;
  }
  const page = sorted.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start + limit < sorted.length;
  const currentPage = Math.floor(start / limit) + 1;
  return {
    body: {
      opportunities: page.map((o) => renderSearchOpportunity(state, o)),
      meta: {
        total: sorted.length,
        ...(more && last
          ? {
              startAfterId: last.id,
              startAfter: Date.parse(last.createdAt),
              nextPageUrl: `/opportunities/search?location_id=${ctx.token.locationId}&limit=${limit}&startAfter=${Date.parse(last.createdAt)}&startAfterId=${last.id}`,
              nextPage: currentPage + 1,
            }
          : {}),
        currentPage,
        ...(currentPage > 1 ? { prevPage: currentPage - 1 } : {}),
      },
      aggregations: {},
    },
  };
}
