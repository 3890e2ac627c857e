import type { z } from 'zod';
import { lazy, zod } from '../schema/zod';
import { defineObject, field, type OutputOf } from '../schema/define';

/**
 * Workflows and campaigns (docs/highlevel-api.md §6.11): the lists behind the dropdowns, and what the add/remove
 * actions return. HighLevel answers those routes with `{succeded}` only, so the result is the contact and the workflow
 * or campaign the step worked on. Workflow ids are UUIDs; `status` has no enum (the examples are `draft` and
 * `published`), so every workflow is listed with its status and none is guessed to be unusable.
 */
export const Workflow = lazy(() => zod.looseObject({ id: zod.string(), name: zod.string().catch(''), status: zod.string().nullish().catch(undefined) }));
export type Workflow = z.infer<typeof Workflow>;
export const Campaign = Workflow;
export type Campaign = Workflow;

/** "Trainee Onboarding (published)": what a user recognises in the workflow and campaign dropdowns. */
export const automationLabel = (item: Workflow): string => `${item.name || item.id}${item.status ? ` (${item.status})` : ''}`;

export const workflowMembershipDef = defineObject({
  id: field.id('Contact ID'),
  contactId: field.id('Contact ID'),
  workflowId: field.id('Workflow ID'),
  eventStartTime: field.datetime('Event Start Time'),
  contactUrl: field.text('Contact URL'),
});
export type WorkflowMembershipOutput = OutputOf<typeof workflowMembershipDef.fields>;

export const workflowMembershipSample = {
  id: 'ocQHyuzHvysMo5N5VsXc',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  workflowId: '78559bb3-b920-461e-b010-7b2a2816d2a9',
  eventStartTime: '2026-06-24T09:00:00+02:00',
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies WorkflowMembershipOutput;

export const campaignMembershipDef = defineObject({
  id: field.id('Contact ID'),
  contactId: field.id('Contact ID'),
  campaignId: field.id('Campaign ID'),
  contactUrl: field.text('Contact URL'),
});
export type CampaignMembershipOutput = OutputOf<typeof campaignMembershipDef.fields>;

export const campaignMembershipSample = {
  id: 'ocQHyuzHvysMo5N5VsXc',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  campaignId: 'mIVALPYuTD7YjUHnFEx4',
  contactUrl: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies CampaignMembershipOutput;
