import { timeOf } from '../lib/schema/values';
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { customOutputFields } from '../lib/custom_field/api';
import { choice, optionalId, validated } from '../lib/input';
import { CHANGE_POLL_PAGES, SEARCH_PAGE_LIMIT, changedAfterCreation, pollOpportunities } from '../lib/opportunity/api';
import { pipelineFilterField } from '../lib/opportunity/fields';
import { opportunityChangeOutputFields, opportunityChangeSample, toStatusChange } from '../lib/opportunity/schema';

export const OPPORTUNITY_STATUS_CHANGED_KEY = 'opportunity_status_changed';

const REACH = CHANGE_POLL_PAGES * SEARCH_PAGE_LIMIT;

/** "Reopened" is a change back to open; HighLevel's own status for it is `open`. */
export const STATUS_FILTER = { won: 'Won', lost: 'Lost', abandoned: 'Abandoned', reopened: 'Reopened (back to open)' } as const;

/**
 * Like Opportunity Stage Changed, on the status: the REACH most recently created opportunities (narrowed by HighLevel
 * to the status asked for), those whose status changed after creation, latest change first. Each change has the id
 * `<opportunity id>:<status>:<lastStatusChangeAt>`.
 */
export const perform: PollingTriggerPerform = async (z, bundle) => {
  const wanted = validated(z, () => choice('Status', bundle.inputData.status, STATUS_FILTER)) as keyof typeof STATUS_FILTER | undefined;
  const status = wanted === 'reopened' ? 'open' : (wanted ?? 'all');
  const items = await pollOpportunities(z, bundle, { pipelineId: optionalId(z, 'Pipeline', bundle.inputData.pipelineId), status }, CHANGE_POLL_PAGES);
  return items
    .filter((o) => changedAfterCreation(o.lastStatusChangeAt, o.createdAt))
    .filter((o) => (wanted ? o.status === status : true))
    .sort((a, b) => timeOf(b.lastStatusChangeAt) - timeOf(a.lastStatusChangeAt) || a.id.localeCompare(b.id))
    .map(toStatusChange);
};

export default defineTrigger({
  key: OPPORTUNITY_STATUS_CHANGED_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Opportunity Status Changed',
    description:
      `Triggers when an opportunity is marked won, lost or abandoned, or reopened (optionally only one of these, in one pipeline). Each check reads the ${REACH} most recently created opportunities ` +
      `(up to ${CHANGE_POLL_PAGES} requests); a change of an older one is not seen. The Opportunity ID field holds the opportunity's ID (the ID field is the ID of the change).`,
  },
  operation: {
    type: 'polling',
    inputFields: [
      pipelineFilterField,
      {
        key: 'status',
        label: 'Only When Status Becomes',
        choices: STATUS_FILTER,
        helpText: 'Trigger only for this change, e.g. **Won**. Leave empty for every status change.',
      },
    ],
    perform,
    sample: {
      ...opportunityChangeSample,
      status: 'won',
      id: 'yWQobCRIhRguQtD2llvk:won:2026-06-20T10:00:00.000Z',
      lastStatusChangeAt: '2026-06-20T10:00:00.000Z',
    },
    outputFields: [...opportunityChangeOutputFields, customOutputFields('opportunity')],
  },
});
