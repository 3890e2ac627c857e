import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listCampaigns } from '../lib/automation/api';
import { automationLabel } from '../lib/automation/schema';
import { CAMPAIGN_LIST_KEY } from '../lib/keys';

/** The location's campaigns for dropdowns, each with its status (GET /campaigns/, docs/highlevel-api.md §6.11). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listCampaigns(z, bundle)).map((c) => ({ id: c.id, label: automationLabel(c), name: c.name, status: c.status ?? '' }));

export default defineTrigger({
  key: CAMPAIGN_LIST_KEY,
  noun: 'Campaign',
  display: { label: 'List Campaigns', description: 'Triggers when a campaign is added to the location (lists campaigns for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'mIVALPYuTD7YjUHnFEx4', label: 'Welcome Series (published)', name: 'Welcome Series', status: 'published' },
    outputFields: [
      { key: 'id', label: 'Campaign ID' },
      { key: 'label', label: 'Campaign' },
      { key: 'name', label: 'Name' },
      { key: 'status', label: 'Status' },
    ],
  },
});
