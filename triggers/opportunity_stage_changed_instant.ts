import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type ZObject } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { changedSinceSeen } from '../lib/hooks/memory';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { optionalId } from '../lib/input';
import { changedAfterCreation } from '../lib/opportunity/api';
import { pipelineFilterField, stageField } from '../lib/opportunity/fields';
import { eventMatches, opportunityFromDelivery } from '../lib/opportunity/hooks';
import { pollStageChanges } from '../lib/opportunity/poll';
import { opportunityChangeOutputFields, opportunityChangeSample, toStageChange } from '../lib/opportunity/schema';

export const OPPORTUNITY_STAGE_CHANGED_INSTANT_KEY = 'opportunity_stage_changed_instant';
const EVENT = 'opportunity.stage_changed';

const filtersOf = (z: ZObject, inputData: Record<string, unknown>) => ({
  pipelineId: optionalId(z, 'Pipeline', inputData.pipelineId),
  stageId: optionalId(z, 'Stage', inputData.pipelineStageId),
});

/**
 * A relayed OpportunityStageUpdate (docs/highlevel-api.md §9.2), read in full for its change date and custom values.
 * HighLevel's doc says only "whenever an opportunity's stage field is updated", so a write of the stage it already
 * had may send one too (the sandbox does): a move is reported only when stage and change date differ from what this
 * Zap saw last of the opportunity, and, like the polling trigger, only when the stage changed after creation. Output
 * as Opportunity Stage Changed's: id `<opportunity id>:<stage id>:<lastStageChangeAt>`, the opportunity's id in
 * opportunityId. The relay applies the pipeline and stage filters; they are checked here again.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  if (!eventMatches(delivery.payload, filtersOf(z, bundle.inputData))) return [];
  const o = await opportunityFromDelivery(z, bundle, delivery.payload, { event: 'stage', receivedAt: delivery.receivedAt });
  if (!changedAfterCreation(o.lastStageChangeAt, o.createdAt)) return [];
  const seen = await changedSinceSeen(z, bundle, OPPORTUNITY_STAGE_CHANGED_INSTANT_KEY, o.id, `${o.pipelineStageId}\n${o.lastStageChangeAt ?? ''}`);
  return seen ? [toStageChange(o)] : [];
};

/** "Test trigger": Opportunity Stage Changed's read, latest move first. */
export const performList: WebhookTriggerPerformList = async (z, bundle) => pollStageChanges(z, bundle);

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'Opportunity Stage Changed', (z, bundle) => filtersOf(z, bundle.inputData));

export default defineTrigger({
  key: OPPORTUNITY_STAGE_CHANGED_INSTANT_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Opportunity Stage Changed (Instant)',
    description:
      "Triggers when an opportunity moves to another stage (optionally: in one pipeline, or into one stage). Saving the stage it already has does not trigger; the Opportunity ID field holds the opportunity's ID (the ID field is the ID of the change). Runs through the integration owner's webhook relay; without one, use Opportunity Stage Changed.",
  },
  operation: {
    type: 'hook',
    inputFields: [
      pipelineFilterField,
      { ...stageField('Only moves into this stage, e.g. `Completed`. Choose the pipeline first. Leave empty for every stage.'), key: 'pipelineStageId' },
    ],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: opportunityChangeSample,
    outputFields: [...opportunityChangeOutputFields, customOutputFields('opportunity')],
  },
});
