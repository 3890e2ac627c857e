import { timeOf } from '../lib/schema/values';
import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contact/fields';
import { customOutputFields } from '../lib/custom_field/api';
import { InvalidInput, checkId, choice, inputError, text, validated } from '../lib/input';
import { OPPORTUNITY_FIND_KEY } from '../lib/keys';
import { CHANGE_POLL_PAGES, SEARCH_PAGE_LIMIT, searchOpportunities, withNames, type OpportunityFilter } from '../lib/opportunity/api';
import { STATUS_CHOICES, pipelineField, stageField } from '../lib/opportunity/fields';
import { listPipelines, requirePipeline, requireStage } from '../lib/opportunity/pipeline';
import { opportunityOutputFields, opportunitySample, type OpportunityOutput, type OpportunityStatus } from '../lib/opportunity/schema';

const REACH = CHANGE_POLL_PAGES * SEARCH_PAGE_LIMIT;

/** Exact names (ignoring case) before partial ones; open before closed; then the newest. */
export const rankByName = (items: OpportunityOutput[], name: string | undefined): OpportunityOutput[] => {
  const wanted = name?.toLowerCase();
  return items
    .filter((o) => !wanted || o.name.toLowerCase().includes(wanted))
    .map((o, index) => ({ o, index, exact: wanted && o.name.toLowerCase() === wanted ? 0 : 1 }))
    .sort(
      (a, b) =>
        a.exact - b.exact ||
        Number(b.o.status === 'open') - Number(a.o.status === 'open') ||
        timeOf(b.o.createdAt) - timeOf(a.o.createdAt) ||
        a.index - b.index,
    )
    .map(({ o }) => o);
};

/**
 * GET /opportunities/search with HighLevel's own filters for contact, pipeline, stage and status (docs/highlevel-api.md
 * §6.10); the name is matched here, since HighLevel does not say what its free-text `q` searches. A pipeline or stage
 * may be given by id or name (checked against the location's pipelines). One request with a contact; up to
 * CHANGE_POLL_PAGES (the newest REACH opportunities) without.
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
  if (pipelineRef || stageRef) {
    const pipelines = await listPipelines(z, bundle);
    validated(z, () => {
      if (!pipelineRef) {
        const owner = pipelines.find((p) => p.stages.some((s) => s.id === stageRef));
        if (!owner)
          throw new InvalidInput(
            `Stage "${(stageRef ?? '').slice(0, 60)}" is not a stage ID of any pipeline: fill in Pipeline too to find a stage by its name.`,
          );
        filter.pipelineId = owner?.id;
        filter.stageId = stageRef;
        return;
      }
      const pipeline = requirePipeline('Pipeline', pipelines, pipelineRef);
      filter.pipelineId = pipeline.id;
      if (stageRef) filter.stageId = requireStage('Stage', pipeline, stageRef).id;
    });
  }
  const found = rankByName(await searchOpportunities(z, bundle, filter, filter.contactId ? 1 : CHANGE_POLL_PAGES), name);
  return withNames(z, bundle, found.slice(0, 10));
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
