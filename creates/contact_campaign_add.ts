import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { changeCampaign } from '../lib/automation/api';
import { campaignIdField, readIds } from '../lib/automation/fields';
import { campaignMembershipDef, campaignMembershipSample } from '../lib/automation/schema';
import { contactIdField } from '../lib/contact/fields';

export const CONTACT_CAMPAIGN_ADD_KEY = 'contact_campaign_add';

/** POST /contacts/{id}/campaigns/{campaignId} with `{}` → 201 {succeded} (docs/highlevel-api.md §6.11). */
export const perform: CreatePerform = async (z, bundle) => {
  const { contactId, id } = readIds(z, bundle, 'campaignId');
  return changeCampaign(z, bundle, 'add', { contactId, campaignId: id });
};

export default defineCreate({
  key: CONTACT_CAMPAIGN_ADD_KEY,
  noun: 'Campaign',
  display: {
    label: 'Add Contact to Campaign',
    description: 'Adds a contact to a campaign (the older kind of automation; most locations use workflows).',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to add. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      campaignIdField('Campaign to add the contact to. The list shows each campaign with its status.'),
    ],
    perform,
    sample: campaignMembershipSample,
    outputFields: campaignMembershipDef.outputFields,
  },
});
