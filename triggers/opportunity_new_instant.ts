import { defineTrigger, type WebhookTriggerPerform, type WebhookTriggerPerformList } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { readDelivery, relaySubscription } from '../lib/hooks/relay';
import { optionalId } from '../lib/input';
import { pipelineFilterField } from '../lib/opportunity/fields';
import { eventMatches, opportunityFromDelivery } from '../lib/opportunity/hooks';
import { pollNewOpportunities } from '../lib/opportunity/poll';
import { opportunityOutputFields, opportunitySample } from '../lib/opportunity/schema';

export const OPPORTUNITY_NEW_INSTANT_KEY = 'opportunity_new_instant';
const EVENT = 'opportunity.created';

/**
 * A relayed OpportunityCreate (docs/highlevel-api.md §9.2), read in full (the body has no custom values, change dates
 * or contact details). The relay applies the pipeline filter; it is checked here again on what the event says.
 */
export const perform: WebhookTriggerPerform = async (z, bundle) => {
  const delivery = readDelivery(z, bundle, EVENT);
  if (!delivery) return [];
  if (!eventMatches(delivery.payload, { pipelineId: optionalId(z, 'Pipeline', bundle.inputData.pipelineId) })) return [];
  return [await opportunityFromDelivery(z, bundle, delivery.payload, { event: 'created', receivedAt: delivery.receivedAt })];
};

/** "Test trigger": New Opportunity's read, the most recently created opportunities. */
export const performList: WebhookTriggerPerformList = async (z, bundle) => pollNewOpportunities(z, bundle);

export const { performSubscribe, performUnsubscribe } = relaySubscription(EVENT, 'New Opportunity', (z, bundle) => ({
  pipelineId: optionalId(z, 'Pipeline', bundle.inputData.pipelineId),
}));

export default defineTrigger({
  key: OPPORTUNITY_NEW_INSTANT_KEY,
  noun: 'Opportunity',
  display: {
    label: 'New Opportunity (Instant)',
    description:
      "Triggers when an opportunity is created (in one pipeline, or any). Runs through the integration owner's webhook relay; without one, use New Opportunity.",
  },
  operation: {
    type: 'hook',
    inputFields: [pipelineFilterField],
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    sample: opportunitySample,
    outputFields: [...opportunityOutputFields, customOutputFields('opportunity')],
  },
});
