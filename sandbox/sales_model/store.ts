import type { Campaign, Form, FormSubmission, LostReason, Membership, Opportunity, Pipeline, Workflow } from '../types';

/** Pipelines, opportunities and lost reasons of the location (docs/highlevel-api.md §6.10). Tests may edit the maps. */
export class SalesStore {
  readonly pipelines = new Map<string, Pipeline>();
  readonly opportunities = new Map<string, Opportunity>();
  readonly lostReasons = new Map<string, LostReason>();
}

/** Workflows, campaigns and the contacts in them; forms and their submissions (§6.11, §6.12). */
export class AutomationStore {
  readonly workflows = new Map<string, Workflow>();
  readonly campaigns = new Map<string, Campaign>();
  /** Keyed `<contactId>:<workflowId>`. */
  readonly workflowMembers = new Map<string, Membership>();
  /** Keyed `<contactId>:<campaignId>`. */
  readonly campaignMembers = new Map<string, Membership>();
  readonly forms = new Map<string, Form>();
  readonly submissions = new Map<string, FormSubmission>();
}

/** A UUID-shaped id (workflow, stage and submission ids are UUIDs, §1) from 32 hex digits. */
export function uuidFrom(hex32: string): string {
  return `${hex32.slice(0, 8)}-${hex32.slice(8, 12)}-4${hex32.slice(13, 16)}-a${hex32.slice(17, 20)}-${hex32.slice(20, 32)}`;
}
