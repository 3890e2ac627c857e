import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { SEARCH_PAGE_LIMIT } from '../lib/opportunity/api';
import { pipelineFilterField } from '../lib/opportunity/fields';
import { pollNewOpportunities } from '../lib/opportunity/poll';
import { opportunityOutputFields, opportunitySample } from '../lib/opportunity/schema';

export const OPPORTUNITY_NEW_KEY = 'opportunity_new';

/**
 * One GET /opportunities/search per poll, newest created first (order=added_desc, docs/highlevel-api.md §6.10, §8),
 * 100 opportunities; Zapier dedupes on the opportunity id. Pipeline names and custom-field names come from lists
 * reused for 10 minutes, so a poll is one request in the common case.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => pollNewOpportunities(z, bundle);

export default defineTrigger({
  key: OPPORTUNITY_NEW_KEY,
  noun: 'Opportunity',
  display: {
    label: 'New Opportunity',
    description: `Triggers when an opportunity is created (in one pipeline, or any). Each check is one request that reads the ${SEARCH_PAGE_LIMIT} most recently created opportunities; a burst of more between two checks is not all seen: use the instant New Opportunity trigger.`,
  },
  operation: {
    type: 'polling',
    inputFields: [pipelineFilterField],
    perform,
    sample: opportunitySample,
    outputFields: [...opportunityOutputFields, customOutputFields('opportunity')],
  },
});
