import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { customOutputFields } from '../lib/custom_field/api';
import { checkId, choice, inputError, text, validated } from '../lib/input';
import { OPPORTUNITY_FIND_KEY } from '../lib/keys';
import { CHANGE_POLL_PAGES, SEARCH_PAGE_LIMIT, type OpportunityFilter } from '../lib/opportunity/api';
import { STATUS_CHOICES, pipelineField, stageField } from '../lib/opportunity/fields';
import { findOpportunities, rankByName } from '../lib/opportunity/find';
import { opportunityOutputFields, opportunitySample, type OpportunityStatus } from '../lib/opportunity/schema';

const REACH = CHANGE_POLL_PAGES * SEARCH_PAGE_LIMIT;

export { rankByName };

/**
 * GET /opportunities/search with HighLevel's own filters for contact, pipeline, stage and status (docs/highlevel-api.md
 * §6.10); a pipeline or stage may be given by id or name, and the name is matched by the app (lib/opportunity/find.ts).
 */
export const perform: SearchPerform = async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  const contact = text(input.contactId, 'Contact');
  const pipelineRef = text(input.pipelineId, 'Pipeline');
  const stageRef = text(input.pipelineStageId, 'Stage');
  const name = text(input.name, 'Opportunity Name');
  const status = validated(z, () => choice('Status', input.status, { any: 'Any', ...STATUS_CHOICES })) as OpportunityStatus | 'any' | undefined;
  if (!contact && !pipelineRef && !stageRef && !name && (!status || status === 'any')) {
    throw inputError(z, 'Fill in at least one of Contact, Pipeline, Stage, Status or Opportunity Name: the search needs something to look for.');
  }
  const filter: OpportunityFilter = { status: !status || status === 'any' ? 'all' : status };
  if (contact) filter.contactId = checkId(z, 'Contact', contact);
  return findOpportunities(z, bundle, { filter, pipelineRef, stageRef, name });
};

export default defineSearch({
  key: OPPORTUNITY_FIND_KEY,
  noun: 'Opportunity',
  display: {
    label: 'Find Opportunity',
    description: `Finds an opportunity by contact, pipeline, stage, status or name (any combination). Without a contact, the ${REACH} most recently created opportunities are searched.`,
  },
  operation: {
    inputFields: [
      contactIdField('Only opportunities of this contact, e.g. `ocQHyuzHvysMo5N5VsXc`.', { required: false, connector: false }),
      pipelineField(false, 'Only opportunities in this pipeline. Choose one, or map a pipeline ID or name.'),
      stageField('Only opportunities in this stage (of the pipeline above). Choose one, or map a stage ID or name.'),
      {
        key: 'status',
        label: 'Status',
        choices: { any: 'Any', ...STATUS_CHOICES },
        default: 'any',
        helpText: 'Only opportunities with this status. "Any" finds all.',
      },
      {
        key: 'name',
        label: 'Opportunity Name',
        helpText:
          'Words the opportunity name contains, ignoring upper and lower case, e.g. `Level 1`. An exact match is preferred; then open ones, then the newest.',
      },
    ],
    perform,
    sample: opportunitySample,
    outputFields: [...opportunityOutputFields, customOutputFields('opportunity')],
  },
});
