/**
 * Pipelines, opportunities and lost reasons (docs/highlevel-api.md §6.10); workflows, campaigns, forms and form
 * submissions (§6.11, §6.12). Stored shapes; the routes render them.
 */

export interface PipelineStage {
  /** A UUID (§1 IDs). */
  id: string;
  name: string;
  position: number;
  showInFunnel: boolean;
  showInPieChart: boolean;
}

export interface Pipeline {
  id: string;
  name: string;
  stages: PipelineStage[];
  showInFunnel: boolean;
  showInPieChart: boolean;
  locationId: string;
}

export type OpportunityStatus = 'open' | 'won' | 'lost' | 'abandoned';

export interface OpportunityCustomValue {
  id: string;
  value: unknown;
}

export interface Opportunity {
  id: string;
  name: string;
  monetaryValue: number;
  pipelineId: string;
  pipelineStageId: string;
  assignedTo?: string;
  status: OpportunityStatus;
  source: string;
  lastStatusChangeAt: string;
  lastStageChangeAt: string;
  lastActionDate: string;
  createdAt: string;
  updatedAt: string;
  contactId: string;
  locationId: string;
  lostReasonId?: string;
  customFields: OpportunityCustomValue[];
  followers: string[];
}

export interface LostReason {
  id: string;
  name: string;
  locationId: string;
  createdAt: string;
  updatedAt: string;
}

export interface Workflow {
  /** A UUID (§1 IDs). */
  id: string;
  name: string;
  status: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  locationId: string;
}

export interface Campaign {
  id: string;
  name: string;
  status: string;
  locationId: string;
}

export interface Form {
  id: string;
  name: string;
  locationId: string;
}

export interface FormSubmission {
  /** A UUID (spec: FormsSubmissionsSubmissionsSchema example). */
  id: string;
  formId: string;
  contactId: string;
  name: string;
  email: string;
  createdAt: string;
  /** The answers keyed by field, plus `eventData` and `fieldsOriSequance` (sic), as the spec's othersSchema. */
  others: Record<string, unknown>;
}

/** A contact enrolled in a workflow or added to a campaign. */
export interface Membership {
  contactId: string;
  targetId: string;
  since: string;
  eventStartTime?: string;
}
