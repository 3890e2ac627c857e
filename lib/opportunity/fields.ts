import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { loadCustomFields } from '../custom_field/api';
import { customFieldsBody, hasCustomFieldInput } from '../custom_field/fields';
import { CUSTOM_FIELD_PREFIX } from '../custom_field/schema';
import { phoneCountryFor } from '../contact/fields';
import { LOST_REASON_DROPDOWN, OPPORTUNITY_DROPDOWN, PIPELINE_DROPDOWN, PIPELINE_STAGE_DROPDOWN, USER_DROPDOWN } from '../dropdowns';
import { InvalidInput, checkId, choice, text, validated } from '../input';
import { OPPORTUNITY_FIND_KEY } from '../keys';
import { STATUS_FILTER } from './poll';
import type { OpportunityStatus } from './schema';

/**
 * Opportunity input fields, shared by Create, Update and Create or Update Opportunity, the opportunity triggers and
 * Find Opportunity, and the readers that check what a user mapped before anything is sent (docs/highlevel-api.md
 * §6.10). Pipelines and stages are checked against the location's pipeline list in lib/opportunity/write.ts.
 */
export const STATUS_CHOICES: Record<OpportunityStatus, string> = { open: 'Open', won: 'Won', lost: 'Lost', abandoned: 'Abandoned' };

export const LABELS = {
  opportunityId: 'Opportunity',
  pipelineId: 'Pipeline',
  pipelineStageId: 'Stage',
  name: 'Opportunity Name',
  status: 'Status',
  monetaryValue: 'Value',
  assignedTo: 'Owner',
  lostReasonId: 'Lost Reason',
} as const;

export const opportunityIdField = (helpText: string): PlainInputField => ({
  ...OPPORTUNITY_DROPDOWN,
  key: 'opportunityId',
  label: LABELS.opportunityId,
  required: true,
  search: `${OPPORTUNITY_FIND_KEY}.id`,
  helpText,
});

/** The pipeline field: choosing one reloads the step, so the Stage dropdown lists that pipeline's stages. */
export const pipelineField = (required: boolean, helpText: string): PlainInputField => ({
  ...PIPELINE_DROPDOWN,
  key: 'pipelineId',
  label: LABELS.pipelineId,
  required,
  altersDynamicFields: true,
  helpText,
});

export const stageField = (helpText: string): PlainInputField => ({
  ...PIPELINE_STAGE_DROPDOWN,
  key: 'pipelineStageId',
  label: LABELS.pipelineStageId,
  helpText,
});

export const statusField = (helpText: string, extra: Partial<PlainInputField> = {}): PlainInputField => ({
  key: 'status',
  label: LABELS.status,
  choices: STATUS_CHOICES,
  helpText,
  ...extra,
});

const valueField: PlainInputField = {
  key: 'monetaryValue',
  label: LABELS.monetaryValue,
  helpText:
    "The deal value in the location's currency, e.g. `104` or `4800.50`. A leading currency sign (`$104.00`) and thousands separators (`4,800`) are accepted.",
};

const ownerField: PlainInputField = {
  ...USER_DROPDOWN,
  key: 'assignedTo',
  label: LABELS.assignedTo,
  helpText: 'HighLevel user who owns the opportunity. Choose one, or map a user ID such as `Yh3pQ5Wmg4rVd8xNt2Ke`.',
};

export const lostReasonField: PlainInputField = {
  ...LOST_REASON_DROPDOWN,
  key: 'lostReasonId',
  label: LABELS.lostReasonId,
  helpText: "Why the deal was lost, from the location's lost reasons. Only with Status **Lost**.",
};

const STAGE_HELP =
  'Stage within the pipeline chosen above. Choose one, or map a stage ID or the stage name (e.g. `Completed`). It must belong to that pipeline.';

export type OpportunityVariant = 'create' | 'update' | 'upsert';

/** The fields of each write action; the contact comes from the action itself (create and upsert). */
export const opportunityFields = (variant: OpportunityVariant): PlainInputField[] => [
  pipelineField(
    variant !== 'update',
    variant === 'update'
      ? 'Move the opportunity to another pipeline (then choose its stage too). Leave empty to keep the pipeline.'
      : 'Pipeline the opportunity belongs to, e.g. `Trainees`. Choose one, or map a pipeline ID or name.',
  ),
  stageField(
    variant === 'update' ? `${STAGE_HELP} Leave empty to keep the stage.` : `${STAGE_HELP} Left empty, a new opportunity starts in the pipeline's first stage.`,
  ),
  {
    key: 'name',
    label: LABELS.name,
    required: variant !== 'update',
    helpText: 'What the deal is, e.g. `Lena Vogt: Pilates Instructor Level 1`.',
  },
  statusField(
    variant === 'update'
      ? 'New status. Leave empty to keep it. **Open** reopens a won, lost or abandoned opportunity.'
      : 'Status of a new opportunity (default Open). On an existing one, leave empty to keep it.',
    variant === 'create' ? { default: 'open' } : {},
  ),
  ...(variant === 'create' ? [] : [lostReasonField]),
  valueField,
  ownerField,
];

const labelOf = (key: keyof typeof LABELS) => LABELS[key];

export const readStatus = (value: unknown): OpportunityStatus | undefined => choice(labelOf('status'), value, STATUS_CHOICES) as OpportunityStatus | undefined;

/** "104", "4,800.50", "$104.00", "€ 99" → a number; anything else is refused before sending. */
export const readAmount = (label: string, value: unknown): number | undefined => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInput(`${label} must be a number, got "${String(value)}".`);
    return value;
  }
  const raw = text(value, label);
  if (raw === undefined) return undefined;
  const cleaned = raw
    .replace(/^[\s$€£¥]+|\s+$/g, '')
    .replace(/\s/g, '')
    .replace(/,(?=\d{3}\b)/g, '');
  const n = /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isFinite(n)) throw new InvalidInput(`${label} must be a number such as 104 or 4800.50, got "${raw.slice(0, 30)}".`);
  return n;
};

/** What the user asked for, checked; pipeline and stage stay references (id or name) until the list resolves them. */
export interface OpportunityInput {
  pipeline?: string;
  stage?: string;
  name?: string;
  status?: OpportunityStatus;
  monetaryValue?: number;
  assignedTo?: string;
  lostReasonId?: string;
}

export const readOpportunityInput = (z: ZObject, input: Record<string, unknown>, variant: OpportunityVariant): OpportunityInput =>
  validated(z, () => {
    const out: OpportunityInput = {};
    const pipeline = text(input.pipelineId, labelOf('pipelineId'));
    if (pipeline) out.pipeline = pipeline;
    const stage = text(input.pipelineStageId, labelOf('pipelineStageId'));
    if (stage) out.stage = stage;
    const name = text(input.name, labelOf('name'));
    if (name) out.name = name;
    const status = readStatus(input.status);
    if (status) out.status = status;
    const amount = readAmount(labelOf('monetaryValue'), input.monetaryValue);
    if (amount !== undefined) out.monetaryValue = amount;
    const owner = text(input.assignedTo, labelOf('assignedTo'));
    if (owner) out.assignedTo = checkId(z, labelOf('assignedTo'), owner);
    const lostReason = variant === 'create' ? undefined : text(input.lostReasonId, labelOf('lostReasonId'));
    if (lostReason) {
      out.lostReasonId = checkId(z, labelOf('lostReasonId'), lostReason);
      if (out.status !== 'lost') throw new InvalidInput('Lost Reason only goes with Status "Lost": set Status to Lost, or leave Lost Reason empty.');
    }
    if (variant !== 'update') {
      if (!out.pipeline) throw new InvalidInput('Pipeline is required: HighLevel does not create an opportunity outside a pipeline.');
      if (!out.name) throw new InvalidInput('Opportunity Name is required: HighLevel does not create an opportunity without one.');
    }
    return out;
  });

/** The customFields part of an opportunity body: only the fields the user filled in; the list is fetched only then. */
export const opportunityCustomFieldsBody = async (z: ZObject, bundle: Bundle): Promise<{ id: string; field_value: unknown }[]> => {
  if (!hasCustomFieldInput(bundle.inputData)) return [];
  const fields = await loadCustomFields(z, bundle, 'opportunity');
  // National numbers in phone fields are read in the location's country, as on contacts (no default country).
  const phones = fields.filter((f) => f.dataType === 'PHONE').map((f) => bundle.inputData[`${CUSTOM_FIELD_PREFIX}${f.id}`]);
  const phoneCountry = await phoneCountryFor(z, bundle, phones);
  return validated(z, () => customFieldsBody(fields, bundle.inputData, { model: 'opportunity', phoneCountry }));
};

/** The filters shared by the opportunity triggers (pipeline and, for stage changes, the stage moved into). */
export const pipelineFilterField = pipelineField(false, 'Only opportunities in this pipeline. Leave empty for every pipeline of the location.');

/** The status filter of Opportunity Status Changed and its instant twin (read by `statusFilterOf`, lib/opportunity/poll.ts). */
export const statusFilterField: PlainInputField = {
  key: 'status',
  label: 'Only When Status Becomes',
  choices: STATUS_FILTER,
  helpText: 'Trigger only for this change, e.g. **Won**. Leave empty for every status change.',
};
