import { timeOf } from '../schema/values';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { InvalidInput, checkId, inputError, validated } from '../input';
import { replaySafeCreate } from '../http/replay';
import { OPPORTUNITY_CREATE_KEY } from '../keys';
import { createOpportunity, getOpportunityRaw, opportunityShown, searchOpportunities, setOpportunityStatus, updateOpportunity, withNames } from './api';
import { opportunityCustomFieldsBody, readOpportunityInput, type OpportunityInput } from './fields';
import { listPipelines, pipelineOfStage, requirePipeline, requireStage, type Pipeline } from './pipeline';
import type { OpportunityOutput, OpportunityUpsertOutput } from './schema';

/**
 * The three opportunity writes (docs/highlevel-api.md §6.10), each checked before anything is sent: the pipeline and
 * stage against the location's pipeline list (a stage must belong to its pipeline), the rest by lib/opportunity/fields.ts.
 */

/** The fields of the update DTO that a user gave (pipeline and stage resolved by the caller). */
const changes = (input: OpportunityInput): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  if (input.name) body.name = input.name;
  if (input.status) body.status = input.status;
  if (input.monetaryValue !== undefined) body.monetaryValue = input.monetaryValue;
  if (input.assignedTo) body.assignedTo = input.assignedTo;
  return body;
};

/** A new opportunity starts in the stage asked for, else in the pipeline's first stage (HighLevel's default is not documented). */
const placementForCreate = (z: ZObject, pipelines: Pipeline[], input: OpportunityInput) =>
  validated(z, () => {
    const pipeline = requirePipeline('Pipeline', pipelines, input.pipeline ?? '');
    // With no stages at all, requireStage explains that the pipeline needs one.
    const stage = input.stage ? requireStage('Stage', pipeline, input.stage) : (pipeline.stages[0] ?? requireStage('Stage', pipeline, ''));
    return { pipelineId: pipeline.id, pipelineStageId: stage.id };
  });

/**
 * Create Opportunity. Replay-safe (lib/http/replay.ts): a replay after a lost answer finds the opportunity its own
 * attempt wrote (same contact, pipeline and name, created since the attempt) among the contact's opportunities in the
 * pipeline (one search request) and returns it, instead of writing again, where HighLevel would refuse the second one
 * as a duplicate (400 "Can not create duplicate opportunity for the contact", or write it twice when the location
 * allows duplicates). An opportunity that was there before the attempt still meets the duplicate refusal.
 */
export const createFromInput = async (z: ZObject, bundle: Bundle): Promise<OpportunityOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const input = readOpportunityInput(z, bundle.inputData, 'create');
  const [pipelines, customFields] = await Promise.all([listPipelines(z, bundle), opportunityCustomFieldsBody(z, bundle)]);
  const body = { ...changes(input), status: input.status ?? 'open', ...placementForCreate(z, pipelines, input), contactId, customFields };
  const written = await replaySafeCreate(z, bundle, {
    operation: OPPORTUNITY_CREATE_KEY,
    input: bundle.inputData,
    sent: opportunityShown(body),
    candidates: () => searchOpportunities(z, bundle, { contactId, pipelineId: body.pipelineId, status: 'all' }),
    show: (o) => ({ fields: opportunityShown(o), dateAdded: o.createdAt }),
    write: (replay) => createOpportunity(z, bundle, body, replay),
  });
  const [created] = await withNames(z, bundle, [written]);
  return created;
};

/**
 * Where an update moves the opportunity. A new pipeline needs its stage too; a stage alone is looked up by id in every
 * pipeline, or by name in the opportunity's current pipeline (read first, one request).
 */
const placementForUpdate = async (z: ZObject, bundle: Bundle, opportunityId: string, pipelines: Pipeline[], input: OpportunityInput) => {
  if (input.pipeline) {
    return validated(z, () => {
      const pipeline = requirePipeline('Pipeline', pipelines, input.pipeline ?? '');
      if (!input.stage) {
        throw new InvalidInput(`Stage is required with Pipeline: choose the stage of "${pipeline.name}" the opportunity moves to.`);
      }
      return { pipelineId: pipeline.id, pipelineStageId: requireStage('Stage', pipeline, input.stage).id };
    });
  }
  if (!input.stage) return {};
  const byId = pipelineOfStage(pipelines, input.stage);
  if (byId) return { pipelineId: byId.id, pipelineStageId: input.stage };
  const current = await getOpportunityRaw(z, bundle, opportunityId);
  if (!current) throw missing(z, opportunityId);
  return validated(z, () => {
    const pipeline = requirePipeline("The opportunity's pipeline", pipelines, current.pipelineId);
    return { pipelineId: pipeline.id, pipelineStageId: requireStage('Stage', pipeline, input.stage ?? '').id };
  });
};

const missing = (z: ZObject, opportunityId: string) =>
  new z.errors.Error(
    `HighLevel has no opportunity with the ID ${opportunityId}: it may have been deleted, or it belongs to another location.`,
    'not_found',
    404,
  );

/**
 * PUT the given changes, then the lost reason through the status route (the only one that takes it), then read the
 * opportunity again when the status route ran, since its answer is only `{succeded}`.
 */
const applyUpdate = async (
  z: ZObject,
  bundle: Bundle,
  opportunityId: string,
  body: Record<string, unknown>,
  input: OpportunityInput,
): Promise<OpportunityOutput> => {
  const viaStatusRoute = Boolean(input.lostReasonId);
  const { status: _status, ...rest } = body;
  const putBody = viaStatusRoute ? rest : body;
  let updated: OpportunityOutput | undefined = Object.keys(putBody).length ? await updateOpportunity(z, bundle, opportunityId, putBody) : undefined;
  if (viaStatusRoute) {
    await setOpportunityStatus(z, bundle, opportunityId, 'lost', input.lostReasonId);
    updated = await getOpportunityRaw(z, bundle, opportunityId);
    if (!updated) throw missing(z, opportunityId);
  }
  if (!updated) throw new Error('applyUpdate called without changes');
  return (await withNames(z, bundle, [updated]))[0];
};

export const updateFromInput = async (z: ZObject, bundle: Bundle): Promise<OpportunityOutput> => {
  const opportunityId = checkId(z, 'Opportunity', bundle.inputData.opportunityId);
  const input = readOpportunityInput(z, bundle.inputData, 'update');
  const customFields = await opportunityCustomFieldsBody(z, bundle);
  const pipelines = input.pipeline || input.stage ? await listPipelines(z, bundle) : [];
  const placement = await placementForUpdate(z, bundle, opportunityId, pipelines, input);
  const body: Record<string, unknown> = { ...changes(input), ...placement };
  if (customFields.length) body.customFields = customFields;
  if (!Object.keys(body).length && !input.lostReasonId) {
    throw inputError(z, 'Nothing to update: fill in at least one field (for example Stage, Status or Value). Empty fields are left unchanged.');
  }
  return applyUpdate(z, bundle, opportunityId, body, input);
};

/**
 * The opportunity of the contact in the pipeline that an upsert updates: HighLevel's own rule for duplicates is one
 * per contact and pipeline (location setting `allowDuplicateOpportunity`, §6.9). Open ones win over closed ones,
 * then the most recently created. One search request (any status).
 */
export const matchOf = (items: OpportunityOutput[], contactId: string, pipelineId: string): OpportunityOutput | undefined =>
  items
    .filter((o) => o.contactId === contactId && o.pipelineId === pipelineId)
    .map((o, index) => ({ o, index }))
    .sort((a, b) => Number(b.o.status === 'open') - Number(a.o.status === 'open') || timeOf(b.o.createdAt) - timeOf(a.o.createdAt) || a.index - b.index)
    .map(({ o }) => o)[0];

/**
 * Create or Update Opportunity. HighLevel's upsert route needs followers settings and takes neither a contact nor custom
 * fields (§6.10), so the app finds (search by contact and pipeline) and then updates or creates: two requests. Two
 * runs at the same moment can both create; the duplicate setting of the location then refuses the second.
 */
export const upsertFromInput = async (z: ZObject, bundle: Bundle): Promise<OpportunityUpsertOutput> => {
  const contactId = checkId(z, 'Contact', bundle.inputData.contactId);
  const input = readOpportunityInput(z, bundle.inputData, 'upsert');
  const [pipelines, customFields] = await Promise.all([listPipelines(z, bundle), opportunityCustomFieldsBody(z, bundle)]);
  const { pipeline, stage } = validated(z, () => {
    const p = requirePipeline('Pipeline', pipelines, input.pipeline ?? '');
    return { pipeline: p, stage: input.stage ? requireStage('Stage', p, input.stage) : undefined };
  });
  const found = matchOf(await searchOpportunities(z, bundle, { contactId, pipelineId: pipeline.id, status: 'all' }), contactId, pipeline.id);
  if (!found) {
    const body = { ...changes(input), status: input.status ?? 'open', ...placementForCreate(z, pipelines, input), contactId, customFields };
    let created = await createOpportunity(z, bundle, body);
    if (input.lostReasonId) {
      await setOpportunityStatus(z, bundle, created.id, 'lost', input.lostReasonId);
      created = (await getOpportunityRaw(z, bundle, created.id)) ?? created;
    }
    return { ...(await withNames(z, bundle, [created]))[0], isNew: true };
  }
  const body: Record<string, unknown> = { ...changes(input) };
  if (stage) body.pipelineStageId = stage.id;
  if (customFields.length) body.customFields = customFields;
  if (!Object.keys(body).length && !input.lostReasonId) return { ...(await withNames(z, bundle, [found]))[0], isNew: false };
  return { ...(await applyUpdate(z, bundle, found.id, body, input)), isNew: false };
};
