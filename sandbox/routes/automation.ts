import { getContact } from '../contact_model/lookup';
import type { RouteResult } from '../http';
import { notFound } from '../http';
import type { AuthedContext, ResourceRoute } from '../router';
import { assertLocation } from '../router';
import type { Membership } from '../types';
import { VERSION_2021_07_28 } from '../types';
import { validateBody, validateQuery } from '../validate';

const V = VERSION_2021_07_28;

/**
 * Workflows and campaigns (docs/highlevel-api.md §6.11): the lists (workflows.json, campaigns.json) and a contact's
 * memberships (contacts.json). Choices where the docs are silent (sandbox/README.md): adding twice is fine; removing a
 * contact that is not in the workflow or campaign answers 200 `{succeded: false}`; drafts take contacts too.
 */
function list(kind: 'workflows' | 'campaigns') {
  return (ctx: AuthedContext): RouteResult => {
    const q = validateQuery(ctx.query, { locationId: { type: 'string', required: true }, ...(kind === 'campaigns' ? { status: { type: 'string' } } : {}) });
    assertLocation(ctx, q.locationId);
    const items = [...ctx.state.automation[kind].values()]
      .filter((item) => item.locationId === ctx.token.locationId && (!q.status || item.status === q.status))
      .map((item) => ({ ...item }));
    return { body: { [kind]: items } };
  };
}

function target(ctx: AuthedContext, kind: 'workflow' | 'campaign'): { contactId: string; id: string; members: Map<string, Membership> } {
  const contact = getContact(ctx, ctx.params.contactId);
  const id = (kind === 'workflow' ? ctx.params.workflowId : ctx.params.campaignId) ?? '';
  const item = kind === 'workflow' ? ctx.state.automation.workflows.get(id) : ctx.state.automation.campaigns.get(id);
  if (!item || item.locationId !== ctx.token.locationId) throw notFound(kind === 'workflow' ? 'Workflow not found' : 'Campaign not found');
  const members = kind === 'workflow' ? ctx.state.automation.workflowMembers : ctx.state.automation.campaignMembers;
  return { contactId: contact.id, id, members };
}

/** CreateWorkflowDto {eventStartTime?} on both routes; AddContactToCampaignDto is an empty object. */
const WORKFLOW_BODY = { eventStartTime: { type: 'isoDate' } } as const;

function add(kind: 'workflow' | 'campaign') {
  return (ctx: AuthedContext): RouteResult => {
    const body = validateBody(ctx.body, kind === 'workflow' ? WORKFLOW_BODY : {});
    const { contactId, id, members } = target(ctx, kind);
    const key = `${contactId}:${id}`;
    if (!members.has(key)) {
      members.set(key, {
        contactId,
        targetId: id,
        since: ctx.state.isoNow(),
        ...(typeof body.eventStartTime === 'string' ? { eventStartTime: body.eventStartTime } : {}),
      });
    }
    // spec: add-contact-to-workflow answers 200, add-contact-to-campaign 201.
    return { status: kind === 'campaign' ? 201 : 200, body: { succeded: true } };
  };
}

function remove(kind: 'workflow' | 'campaign') {
  return (ctx: AuthedContext): RouteResult => {
    if (kind === 'workflow') validateBody(ctx.body, WORKFLOW_BODY);
    const { contactId, id, members } = target(ctx, kind);
    return { body: { succeded: members.delete(`${contactId}:${id}`) } };
  };
}

function removeFromEveryCampaign(ctx: AuthedContext): RouteResult {
  const contact = getContact(ctx, ctx.params.contactId);
  const members = ctx.state.automation.campaignMembers;
  for (const [key, m] of members) if (m.contactId === contact.id) members.delete(key);
  return { body: { succeded: true } };
}

export const automationRoutes: ResourceRoute[] = [
  { method: 'GET', path: '/workflows/', version: V, scope: 'workflows.readonly', handler: list('workflows') },
  { method: 'GET', path: '/campaigns/', version: V, scope: 'campaigns.readonly', handler: list('campaigns') },
  { method: 'POST', path: '/contacts/:contactId/workflow/:workflowId', version: V, scope: 'contacts.write', handler: add('workflow') },
  { method: 'DELETE', path: '/contacts/:contactId/workflow/:workflowId', version: V, scope: 'contacts.write', handler: remove('workflow') },
  { method: 'POST', path: '/contacts/:contactId/campaigns/:campaignId', version: V, scope: 'contacts.write', handler: add('campaign') },
  { method: 'DELETE', path: '/contacts/:contactId/campaigns/removeAll', version: V, scope: 'contacts.write', handler: removeFromEveryCampaign },
  { method: 'DELETE', path: '/contacts/:contactId/campaigns/:campaignId', version: V, scope: 'contacts.write', handler: remove('campaign') },
];
