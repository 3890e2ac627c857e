import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { CHANGE_POLL_PAGES, SEARCH_PAGE_LIMIT } from '../lib/opportunity/api';
import { pipelineFilterField, statusFilterField } from '../lib/opportunity/fields';
import { pollStatusChanges } from '../lib/opportunity/poll';
import { opportunityChangeOutputFields, opportunityStatusChangeSample } from '../lib/opportunity/schema';

export const OPPORTUNITY_STATUS_CHANGED_KEY = 'opportunity_status_changed';

const REACH = CHANGE_POLL_PAGES * SEARCH_PAGE_LIMIT;

/**
 * Like Opportunity Stage Changed, on the status: the REACH most recently created opportunities (narrowed by HighLevel
 * to the status asked for), those whose status changed after creation, latest change first. Each change has the id
 * `<opportunity id>:<status>:<lastStatusChangeAt>`.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => pollStatusChanges(z, bundle);

export default defineTrigger({
  key: OPPORTUNITY_STATUS_CHANGED_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Opportunity Status Changed',
    description:
      `Triggers when an opportunity is marked won, lost or abandoned, or reopened (optionally only one of these, in one pipeline). Each check reads the ${REACH} most recently created opportunities ` +
      `(up to ${CHANGE_POLL_PAGES} requests); a change of an older one is not seen (the instant Opportunity Status Changed trigger sees every change). The Opportunity ID field holds the opportunity's ID (the ID field is the ID of the change).`,
  },
  operation: {
    type: 'polling',
    inputFields: [pipelineFilterField, statusFilterField],
    perform,
    sample: opportunityStatusChangeSample,
    outputFields: [...opportunityChangeOutputFields, customOutputFields('opportunity')],
  },
});
