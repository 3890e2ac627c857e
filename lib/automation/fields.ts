import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { CAMPAIGN_DROPDOWN, WORKFLOW_DROPDOWN } from '../dropdowns';
import { checkId, text, validated } from '../input';
import { parseTime, resolveTime, toHighLevelTime, userZone } from '../time';

/** Inputs of the workflow and campaign actions (docs/highlevel-api.md §6.11). */
export const workflowIdField = (helpText: string): PlainInputField => ({
  ...WORKFLOW_DROPDOWN,
  key: 'workflowId',
  label: 'Workflow',
  required: true,
  helpText,
});

export const campaignIdField = (helpText: string): PlainInputField => ({
  ...CAMPAIGN_DROPDOWN,
  key: 'campaignId',
  label: 'Campaign',
  required: true,
  helpText,
});

export const eventStartTimeField: PlainInputField = {
  key: 'eventStartTime',
  label: 'Event Start Time',
  type: 'datetime',
  helpText:
    'Optional: the date and time the workflow counts from (for workflows that wait until or before an event, e.g. a class start), such as `2026-06-24T09:00:00+02:00` or `2026-06-24 09:00`. A time without an offset is read in the time zone of your Zapier account. Leave empty to start now.',
};

/** CreateWorkflowDto.eventStartTime: ISO 8601 with the offset (the spec's example, `2021-06-23T03:30:00+01:00`). */
export const readEventStartTime = (z: ZObject, bundle: Bundle): string | undefined =>
  validated(z, () => {
    const raw = text(bundle.inputData.eventStartTime, 'Event Start Time');
    if (raw === undefined) return undefined;
    return toHighLevelTime(resolveTime('Event Start Time', parseTime('Event Start Time', raw), userZone(bundle)));
  });

export const readIds = (z: ZObject, bundle: Bundle, key: 'workflowId' | 'campaignId'): { contactId: string; id: string } => ({
  contactId: checkId(z, 'Contact', bundle.inputData.contactId),
  id: checkId(z, key === 'workflowId' ? 'Workflow' : 'Campaign', bundle.inputData[key]),
});
