import { defineSearch, type SearchPerform } from 'zapier-platform-core';
import { freeSlotsOutputFields, freeSlotsSample } from '../lib/appointment/calendar';
import { timeZoneField } from '../lib/appointment/fields';
import { DEFAULT_DAYS, MAX_DAYS, findFreeSlots } from '../lib/appointment/slots';
import { CALENDAR_DROPDOWN, USER_DROPDOWN } from '../lib/dropdowns';
import { checkId, isEmpty, text, validated } from '../lib/input';
import { checkTimeZone, parseTime } from '../lib/time';

export const CALENDAR_FREE_SLOTS_KEY = 'calendar_free_slots';

/** GET /calendars/{id}/free-slots for a window of at most MAX_DAYS days, as one result (lib/appointment/slots.ts). */
export const perform: SearchPerform = async (z, bundle) => {
  const input = bundle.inputData;
  const calendarId = checkId(z, 'Calendar', input.calendarId);
  const userId = isEmpty(input.userId) ? undefined : checkId(z, 'Team Member', input.userId);
  const { from, until, picked } = validated(z, () => ({
    from: parseTime('From', input.startDate),
    until: isEmpty(input.endDate) ? undefined : parseTime('Until', input.endDate),
    picked: text(input.timeZone, 'Time Zone') === undefined ? undefined : checkTimeZone('Time Zone', String(input.timeZone)),
  }));
  return findFreeSlots(z, bundle, { calendarId, userId, from, until, picked });
};

export default defineSearch({
  key: CALENDAR_FREE_SLOTS_KEY,
  noun: 'Free Slot',
  display: {
    label: 'Find Free Slots',
    description: `Finds the free booking slots of a calendar in a range of up to ${MAX_DAYS} days: the first free slot, all slots in order, and a line item per day.`,
  },
  operation: {
    inputFields: [
      {
        ...CALENDAR_DROPDOWN,
        key: 'calendarId',
        label: 'Calendar',
        required: true,
        helpText: 'Calendar to look in. Choose one, or map a calendar ID such as `Cal3bD5fH7jL9nP1rT3v`.',
      },
      {
        key: 'startDate',
        label: 'From',
        type: 'datetime',
        required: true,
        helpText: 'First day to search, e.g. `2026-06-24` (from midnight), or a date and time such as `2026-06-24 14:00` to start later that day.',
      },
      {
        key: 'endDate',
        label: 'Until',
        type: 'datetime',
        helpText: `Last day to search, e.g. \`2026-06-30\` (to the end of that day). At most ${MAX_DAYS} days after From; leave empty for ${DEFAULT_DAYS} days.`,
      },
      {
        ...timeZoneField,
        helpText: "IANA time zone for the days and for the slot times returned, e.g. `Europe/Berlin`. Leave empty to use the HighLevel location's time zone.",
      },
      {
        ...USER_DROPDOWN,
        key: 'userId',
        label: 'Team Member',
        helpText: 'Only slots when this team member is free (for calendars with several members). Leave empty for any.',
      },
    ],
    perform,
    sample: freeSlotsSample,
    outputFields: freeSlotsOutputFields,
  },
});
