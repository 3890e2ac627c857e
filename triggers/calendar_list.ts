import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listCalendars } from '../lib/appointment/api';
import { calendarLabel } from '../lib/appointment/calendar';
import { CALENDAR_LIST_KEY } from '../lib/keys';

/** The location's calendars for dropdowns: GET /calendars/?locationId returns the whole list (docs/highlevel-api.md §6.5). */
export const perform: PollingTriggerPerform = async (z, bundle) =>
  (await listCalendars(z, bundle))
    .map((c) => ({ id: c.id, name: c.name ?? '', label: calendarLabel(c), slotDuration: c.slotDuration ?? null, slotDurationUnit: c.slotDurationUnit ?? '' }))
    .sort((a, b) => a.label.localeCompare(b.label));

export default defineTrigger({
  key: CALENDAR_LIST_KEY,
  noun: 'Calendar',
  display: { label: 'List Calendars', description: 'Triggers when a calendar is added to the location (lists calendars for dropdowns).', hidden: true },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'Cal3bD5fH7jL9nP1rT3v', name: 'Pilates 1:1', label: 'Pilates 1:1 (60 min)', slotDuration: 60, slotDurationUnit: 'mins' },
    outputFields: [
      { key: 'id', label: 'Calendar ID' },
      { key: 'name', label: 'Name' },
      { key: 'label', label: 'Name and Slot Length' },
      { key: 'slotDuration', label: 'Default Slot Length', type: 'number' },
      { key: 'slotDurationUnit', label: 'Slot Length Unit (mins or hours)' },
    ],
  },
});
