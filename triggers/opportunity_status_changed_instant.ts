import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList, type ZObject } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { changedSinceSeen } from '../lib/hooks/memory';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { optionalId } from '../lib/input';
import { changedAfterCreation } from '../lib/opportunity/api';
import { pipelineFilterField, statusFilterField } from '../lib/opportunity/fields';
import { eventMatches, opportunityFromDelivery } from '../lib/opportunity/hooks';
import { pollStatusChanges, statusFilterOf } from '../lib/opportunity/poll';
import { opportunityChangeOutputFields, opportunityStatusChangeSample, toStatusChange } from '../lib/opportunity/schema';

export const OPPORTUNITY_STATUS_CHANGED_INSTANT_KEY = 'opportunity_status_changed_instant';
const EVENT = 'opportunity.status_changed';

/** The Zap's filters: the pipeline, and the status HighLevel reports ("reopened" is a change back to `open`). */
const filtersOf = (z: ZObject, inputData: Record<string, unknown>) => ({
  pipelineId: optionalId(z, 'Pipeline', inputData.pipelineId),
  status: statusFilterOf(z, inputData.status).status,
});

/**
 * A relayed OpportunityStatusUpdate (docs/highlevel-api.md §9.2), read in full for its change date and custom values.
 * HighLevel's doc says only "whenever an opportunity's status field is updated", so a write of the status it already
 * had may send one too (the sandbox does): a status event is reported only when status and change date differ from
 * what this Zap saw last of the opportunity, and, like the polling trigger, only when the status changed after
 * creation. Output as Opportunity Status Changed's: id `<opportunity id>:<status>:<lastStatusChangeAt>`. The relay
 * applies the pipeline and status filters; they are checked here again.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  if (!eventMatches(delivery.payload, filtersOf(z, bundle.inputData))) return [];
  const o = await opportunityFromDelivery(z, bundle, delivery.payload, { event: 'status', receivedAt: delivery.receivedAt });
  if (!changedAfterCreation(o.lastStatusChangeAt, o.createdAt)) return [];
  const seen = await changedSinceSeen(z, bundle, OPPORTUNITY_STATUS_CHANGED_INSTANT_KEY, o.id, `${o.status}\n${o.lastStatusChangeAt ?? ''}`);
  return seen ? [toStatusChange(o)] : [];
};

/** "Test trigger": Opportunity Status Changed's read, latest change first. */
export const performList: WebhookTriggerPerformList = async (z, bundle) => pollStatusChanges(z, bundle);

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'Opportunity Status Changed', (z, bundle) => filtersOf(z, bundle.inputData));

export default defineTrigger({
  key: OPPORTUNITY_STATUS_CHANGED_INSTANT_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Opportunity Status Changed (Instant)',
    description:
      "Triggers when an opportunity is marked won, lost or abandoned, or reopened (optionally only one of these, in one pipeline). Setting the status it already has does not trigger; the Opportunity ID field holds the opportunity's ID (the ID field is the ID of the change). Runs through the integration owner's webhook relay; without one, use Opportunity Status Changed.",
  },
  operation: {
    type: 'hook',
    inputFields: [pipelineFilterField, statusFilterField],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: opportunityStatusChangeSample,
    outputFields: [...opportunityChangeOutputFields, customOutputFields('opportunity')],
  },
});
