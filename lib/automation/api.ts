import type { Bundle, ZObject } from 'zapier-platform-core';
import { lazy, zod } from '../schema/zod';
import { contactUrl } from '../contact/schema';
import { ghl, locationIdOf, outputLocation } from '../http/client';
import { endpoints, type Endpoint } from '../http/endpoints';
import { Campaign, Workflow, type CampaignMembershipOutput, type WorkflowMembershipOutput } from './schema';

/** Workflow and campaign calls (docs/highlevel-api.md §6.11): the lists, and a contact's memberships (contacts.write). */

/** GET /workflows/?locationId → {workflows}: the whole list, no paging (§4). */
export const listWorkflows = async (z: ZObject, bundle: Bundle): Promise<Workflow[]> =>
  (await ghl(z, bundle, endpoints.workflowList, {
    query: { locationId: locationIdOf(z, bundle) },
    answer: zod.array(Workflow).nullish(),
    unreadable: 'with a workflow list the app cannot read',
  })) ?? [];

/** GET /campaigns/?locationId → {campaigns}: the whole list, no paging (§4). */
export const listCampaigns = async (z: ZObject, bundle: Bundle): Promise<Campaign[]> =>
  (await ghl(z, bundle, endpoints.campaignList, {
    query: { locationId: locationIdOf(z, bundle) },
    answer: zod.array(Campaign).nullish(),
    unreadable: 'with a campaign list the app cannot read',
  })) ?? [];

const Succeded = lazy(() => zod.looseObject({ succeded: zod.boolean().nullish() }));

/**
 * One membership call. `{succeded: false}` (sic) is never reported as done: HighLevel made no change. On a remove the
 * contact was most likely not in the workflow or campaign, so the run is halted (stopped, not failed) with that said.
 */
const membership = async (
  z: ZObject,
  bundle: Bundle,
  endpoint: Endpoint,
  path: Record<string, string>,
  body: Record<string, unknown> | undefined,
  what: { verb: 'add' | 'remove'; noun: 'workflow' | 'campaign' },
): Promise<void> => {
  const answer = await ghl(z, bundle, endpoint, {
    path,
    labels: { contactId: 'Contact', workflowId: 'Workflow', campaignId: 'Campaign' },
    body,
    answer: Succeded.nullish(),
    unreadable: 'in a form the app cannot read',
  });
  if (answer?.succeded === false) {
    if (what.verb === 'remove') {
      throw new z.errors.HaltedError(`HighLevel removed nothing: contact ${path.contactId} is not in that ${what.noun} (or no longer).`);
    }
    throw new z.errors.Error(
      `HighLevel did not add contact ${path.contactId} to the ${what.noun}. Check the ${what.noun} in HighLevel, then try again.`,
      'not_added',
    );
  }
};

const linkOf = (bundle: Bundle, contactId: string) => {
  const locationId = outputLocation(bundle);
  return locationId ? contactUrl(locationId, contactId) : '';
};

/** POST or DELETE /contacts/{id}/workflow/{workflowId} with `{eventStartTime?}` (the body is required on both, §11.17). */
export const changeWorkflow = async (
  z: ZObject,
  bundle: Bundle,
  verb: 'add' | 'remove',
  { contactId, workflowId, eventStartTime }: { contactId: string; workflowId: string; eventStartTime?: string },
): Promise<WorkflowMembershipOutput> => {
  const endpoint = verb === 'add' ? endpoints.contactWorkflowAdd : endpoints.contactWorkflowRemove;
  await membership(z, bundle, endpoint, { contactId, workflowId }, { eventStartTime }, { verb, noun: 'workflow' });
  return { id: contactId, contactId, workflowId, eventStartTime: eventStartTime ?? null, contactUrl: linkOf(bundle, contactId) };
};

/** POST /contacts/{id}/campaigns/{campaignId} with `{}` → 201; DELETE the same path, no body. */
export const changeCampaign = async (
  z: ZObject,
  bundle: Bundle,
  verb: 'add' | 'remove',
  { contactId, campaignId }: { contactId: string; campaignId: string },
): Promise<CampaignMembershipOutput> => {
  const endpoint = verb === 'add' ? endpoints.contactCampaignAdd : endpoints.contactCampaignRemove;
  await membership(z, bundle, endpoint, { contactId, campaignId }, verb === 'add' ? {} : undefined, { verb, noun: 'campaign' });
  return { id: contactId, contactId, campaignId, contactUrl: linkOf(bundle, contactId) };
};
