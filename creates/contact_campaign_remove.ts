import { defineCreate, type CreatePerform } from 'zapier-platform-core';
import { changeCampaign } from '../lib/automation/api';
import { campaignIdField, readIds } from '../lib/automation/fields';
import { campaignMembershipDef, campaignMembershipSample } from '../lib/automation/schema';
import { contactIdField } from '../lib/contact/fields';

export const CONTACT_CAMPAIGN_REMOVE_KEY = 'contact_campaign_remove';

/** DELETE /contacts/{id}/campaigns/{campaignId} → {succeded} (docs/highlevel-api.md §6.11); `false` halts the run. */
export const perform: CreatePerform = async (z, bundle) => {
  const { contactId, id } = readIds(z, bundle, 'campaignId');
  return changeCampaign(z, bundle, 'remove', { contactId, campaignId: id });
};

export default defineCreate({
  key: CONTACT_CAMPAIGN_REMOVE_KEY,
  noun: 'Campaign',
  display: {
    label: 'Remove Contact from Campaign',
    description: 'Removes a contact from a campaign. Stops the Zap run if the contact is not in it.',
  },
  operation: {
    inputFields: [
      contactIdField('Contact to remove. Choose one, map a contact ID from an earlier step (e.g. `ocQHyuzHvysMo5N5VsXc`), or add a Find Contact step.'),
      campaignIdField('Campaign to remove the contact from.'),
    ],
    perform,
    sample: campaignMembershipSample,
    outputFields: campaignMembershipDef.outputFields,
  },
});
