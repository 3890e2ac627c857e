import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { CHANGE_POLL_PAGES, SEARCH_PAGE_LIMIT } from '../lib/opportunity/api';
import { pipelineFilterField, stageField } from '../lib/opportunity/fields';
import { pollStageChanges } from '../lib/opportunity/poll';
import { opportunityChangeOutputFields, opportunityChangeSample } from '../lib/opportunity/schema';

export const OPPORTUNITY_STAGE_CHANGED_KEY = 'opportunity_stage_changed';

const REACH = CHANGE_POLL_PAGES * SEARCH_PAGE_LIMIT;

/**
 * HighLevel's search sorts by creation only (docs/highlevel-api.md §6.10, §7), so each poll reads the REACH most
 * recently created opportunities (CHANGE_POLL_PAGES requests, all but the first in parallel, fewer when there are fewer)
 * and keeps those whose stage changed after creation, latest change first. Each move gets its own id
 * `<opportunity id>:<stage id>:<lastStageChangeAt>`, so moving on (or back) triggers again.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => pollStageChanges(z, bundle);

export default defineTrigger({
  key: OPPORTUNITY_STAGE_CHANGED_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Opportunity Stage Changed',
    description:
      `Triggers when an opportunity moves to another stage (optionally: in one pipeline, or into one stage). Each check reads the ${REACH} most recently created opportunities ` +
      `(up to ${CHANGE_POLL_PAGES} requests); a move of an older one is not seen (the instant Opportunity Stage Changed trigger sees every move). The Opportunity ID field holds the opportunity's ID (the ID field is the ID of the change).`,
  },
  operation: {
    type: 'polling',
    inputFields: [
      pipelineFilterField,
      { ...stageField('Only moves into this stage, e.g. `Completed`. Choose the pipeline first. Leave empty for every stage.'), key: 'pipelineStageId' },
    ],
    perform,
    sample: opportunityChangeSample,
    outputFields: [...opportunityChangeOutputFields, customOutputFields('opportunity')],
  },
});
