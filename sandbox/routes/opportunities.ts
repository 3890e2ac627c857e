import { badRequest } from '../http';
import type { RouteResult } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import {
  CREATE_SHAPE,
  STATUS_SHAPE,
  UPDATE_SHAPE,
  UPSERT_SHAPE,
  applyCustomValues,
  applyFollowers,
  applyStage,
  applyStatus,
  checkLostReason,
  checkReferences,
  checkStage,
  getOpportunity,
  pipelineOf,
  rejectDuplicate,
  renderOpportunity,
  writableStatus,
} from '../sales_model/opportunity';
import { searchOpportunities } from '../sales_model/search';
import type { Opportunity } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateBody } from '../validate';

const V = VERSION_2021_07_28;
const READ = 'opportunities.readonly';
const WRITE = 'opportunities.write';

/** The stage a new opportunity starts in: the one given, else the pipeline's first (400 when it has none). */
function firstStage(pipeline: { id: string; stages: { id: string }[] }, given: unknown): string {
  const stageId = typeof given === 'string' ? given : pipeline.stages[0]?.id;
  if (!stageId) throw badRequest(`Pipeline ${pipeline.id} has no stages`);
  return stageId;
}

/** A new opportunity as the create and upsert routes store it: every date `now`, no source, custom fields or followers. */
function newOpportunity(
  ctx: AuthedContext,
  fields: { name: string; monetaryValue: number; pipelineId: string; stageId: string; status: Opportunity['status']; contactId: string; now: string },
): Opportunity {
  const { now } = fields;
  return {
    id: ctx.state.newId(),
    name: fields.name,
    monetaryValue: fields.monetaryValue,
    pipelineId: fields.pipelineId,
    pipelineStageId: fields.stageId,
    status: fields.status,
    source: '',
    lastStatusChangeAt: now,
    lastStageChangeAt: now,
    lastActionDate: now,
    createdAt: now,
    updatedAt: now,
    contactId: fields.contactId,
    locationId: ctx.token.locationId,
    customFields: [],
    followers: [],
  };
}

/** POST /opportunities/ (spec: create-opportunity) → 201 {opportunity}. Without a stage, the pipeline's first stage. */
function create(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, CREATE_SHAPE);
  assertLocation(ctx, body.locationId);
  const status = writableStatus(body.status) ?? 'open';
  checkReferences(ctx.state, body);
  const pipeline = pipelineOf(ctx.state, String(body.pipelineId));
  const stageId = firstStage(pipeline, body.pipelineStageId);
  checkStage(pipeline, stageId);
  rejectDuplicate(ctx.state, String(body.contactId), pipeline.id);
  const now = ctx.state.isoNow();
  const opportunity = newOpportunity(ctx, {
    name: String(body.name),
    monetaryValue: typeof body.monetaryValue === 'number' ? body.monetaryValue : 0,
    pipelineId: pipeline.id,
    stageId,
    status,
    contactId: String(body.contactId),
    now,
  });
  if (typeof body.assignedTo === 'string' && body.assignedTo !== '') opportunity.assignedTo = body.assignedTo;
  if (Array.isArray(body.customFields)) applyCustomValues(ctx.state, opportunity, body.customFields);
  ctx.state.sales.opportunities.set(opportunity.id, opportunity);
  ctx.emit({ type: 'OpportunityCreate', opportunity });
  return { status: 201, body: { opportunity: renderOpportunity(opportunity) } };
}

/** PUT /opportunities/:id (spec: update-opportunity): the stage must belong to the pipeline the opportunity ends up in. */
function update(ctx: AuthedContext): RouteResult {
  const opportunity = getOpportunity(ctx, ctx.params.id);
  const body = validateBody(ctx.body, UPDATE_SHAPE);
  const status = writableStatus(body.status);
  checkReferences(ctx.state, body);
  const pipeline = pipelineOf(ctx.state, typeof body.pipelineId === 'string' ? body.pipelineId : opportunity.pipelineId);
  const stageId = typeof body.pipelineStageId === 'string' ? body.pipelineStageId : opportunity.pipelineStageId;
  checkStage(pipeline, stageId);
  const now = ctx.state.isoNow();
  applyStage(opportunity, pipeline.id, stageId, now);
  applyStatus(opportunity, status, now);
  if (typeof body.name === 'string') opportunity.name = body.name;
  if (typeof body.monetaryValue === 'number') opportunity.monetaryValue = body.monetaryValue;
  if (typeof body.assignedTo === 'string') {
    if (body.assignedTo === '') delete opportunity.assignedTo;
    else opportunity.assignedTo = body.assignedTo;
  }
  if (Array.isArray(body.customFields)) applyCustomValues(ctx.state, opportunity, body.customFields);
  opportunity.updatedAt = now;
  opportunity.lastActionDate = now;
  // Every write sends OpportunityUpdate; one that writes the stage or status sends their event too, changed or not.
  ctx.emit({ type: 'OpportunityUpdate', opportunity });
  if (typeof body.pipelineStageId === 'string' || typeof body.pipelineId === 'string') ctx.emit({ type: 'OpportunityStageUpdate', opportunity });
  if (status !== undefined) ctx.emit({ type: 'OpportunityStatusUpdate', opportunity });
  return { body: { opportunity: renderOpportunity(opportunity) } };
}

/** PUT /opportunities/:id/status (spec: update-opportunity-status) → {succeded} (sic). A lost reason only with `lost`. */
function updateStatus(ctx: AuthedContext): RouteResult {
  const opportunity = getOpportunity(ctx, ctx.params.id);
  const body = validateBody(ctx.body, STATUS_SHAPE);
  const status = writableStatus(body.status);
  checkLostReason(ctx.state, body.lostReasonId, status);
  const now = ctx.state.isoNow();
  applyStatus(opportunity, status, now);
  if (typeof body.lostReasonId === 'string') opportunity.lostReasonId = body.lostReasonId;
  opportunity.updatedAt = now;
  opportunity.lastActionDate = now;
  // The status route writes the status every time: OpportunityStatusUpdate also for the status it had.
  ctx.emit({ type: 'OpportunityUpdate', opportunity });
  ctx.emit({ type: 'OpportunityStatusUpdate', opportunity });
  return { body: { succeded: true } };
}

/**
 * POST /opportunities/upsert (spec: Upsert-opportunity) → 200 {opportunity, new}. With `id`, that opportunity is updated
 * under the update route's rules (pipeline, stage of its pipeline, user, status, lost reason only with `lost`); a
 * `contactId` beside it must be the opportunity's own. Without `id`, by `contactId` and `pipelineId` (the form of
 * HighLevel's published page of 2025, and how public clients use it: they rely on it matching by contact and
 * pipeline): the contact's opportunity in that pipeline is updated (the oldest when the location allows duplicates),
 * or a new one is created under the create route's rules (a name is needed) with `new: true`. Neither: 400, nothing
 * created (sandbox/README.md).
 */
function upsert(ctx: AuthedContext): RouteResult {
  const body = validateBody(ctx.body, UPSERT_SHAPE);
  assertLocation(ctx, body.locationId);
  const status = writableStatus(body.status);
  const hasId = typeof body.id === 'string' && body.id !== '';
  if (!hasId && typeof body.contactId !== 'string') {
    throw badRequest('id or contactId is required: give the opportunity to update, or the contact whose opportunity in the pipeline is upserted');
  }
  const byId = hasId ? getOpportunity(ctx, String(body.id)) : undefined;
  checkReferences(ctx.state, body);
  const pipeline = pipelineOf(ctx.state, String(body.pipelineId));
  const found =
    byId ??
    [...ctx.state.sales.opportunities.values()]
      .filter((o) => o.contactId === body.contactId && o.pipelineId === pipeline.id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  if (found && typeof body.contactId === 'string' && body.contactId !== found.contactId) {
    throw badRequest('contactId is not the contact of this opportunity');
  }
  const now = ctx.state.isoNow();
  const isNew = !found;
  let opportunity: Opportunity;
  if (found) {
    opportunity = found;
    const stageId = typeof body.pipelineStageId === 'string' ? body.pipelineStageId : opportunity.pipelineStageId;
    checkStage(pipeline, stageId);
    checkLostReason(ctx.state, body.lostReasonId, status ?? opportunity.status);
    applyStage(opportunity, pipeline.id, stageId, now);
    applyStatus(opportunity, status, now);
  } else {
    if (typeof body.name !== 'string' || body.name.trim() === '') throw badRequest('name is required to create an opportunity');
    const stageId = firstStage(pipeline, body.pipelineStageId);
    checkStage(pipeline, stageId);
    checkLostReason(ctx.state, body.lostReasonId, status ?? 'open');
    opportunity = newOpportunity(ctx, {
      name: body.name,
      monetaryValue: 0,
      pipelineId: pipeline.id,
      stageId,
      status: status ?? 'open',
      contactId: String(body.contactId),
      now,
    });
  }
  if (typeof body.lostReasonId === 'string') opportunity.lostReasonId = body.lostReasonId;
  if (typeof body.name === 'string') opportunity.name = body.name;
  if (typeof body.monetaryValue === 'number') opportunity.monetaryValue = body.monetaryValue;
  if (typeof body.assignedTo === 'string') {
    if (body.assignedTo === '') delete opportunity.assignedTo;
    else opportunity.assignedTo = body.assignedTo;
  }
  applyFollowers(opportunity, body);
  opportunity.updatedAt = now;
  opportunity.lastActionDate = now;
  if (isNew) {
    ctx.state.sales.opportunities.set(opportunity.id, opportunity);
    ctx.emit({ type: 'OpportunityCreate', opportunity });
  } else {
    // As on update: the pipeline is always written here, so OpportunityStageUpdate goes out changed or not.
    ctx.emit({ type: 'OpportunityUpdate', opportunity });
    ctx.emit({ type: 'OpportunityStageUpdate', opportunity });
    if (status !== undefined) ctx.emit({ type: 'OpportunityStatusUpdate', opportunity });
  }
  return { body: { opportunity: renderOpportunity(opportunity), new: isNew } };
}

function remove(ctx: AuthedContext): RouteResult {
  const opportunity = getOpportunity(ctx, ctx.params.id);
  ctx.state.sales.opportunities.delete(opportunity.id);
  ctx.emit({ type: 'OpportunityDelete', opportunity });
  return { body: { succeded: true } };
}

export const opportunityRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/opportunities/search', version: V, scope: READ, handler: searchOpportunities },
  {
    method: 'GET',
    path: '/opportunities/:id',
    version: V,
    scope: READ,
    handler: (ctx) => ({ body: { opportunity: renderOpportunity(getOpportunity(ctx, ctx.params.id)) } }),
  },
  { method: 'POST', path: '/opportunities/', version: V, scope: WRITE, handler: create },
  { method: 'POST', path: '/opportunities/upsert', version: V, scope: WRITE, handler: upsert },
  { method: 'PUT', path: '/opportunities/:id', version: V, scope: WRITE, handler: update },
  { method: 'PUT', path: '/opportunities/:id/status', version: V, scope: WRITE, handler: updateStatus },
  { method: 'DELETE', path: '/opportunities/:id', version: V, scope: WRITE, handler: remove },
];
