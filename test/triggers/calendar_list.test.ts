import nock from 'nock';
import { perform as listCalendarChoices } from '../../triggers/calendar_list';
import { API, CALENDARS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import calendars from '../fixtures/calendars.json';

const CAL = 'Cal3bD5fH7jL9nP1rT3v';
type Row = Record<string, unknown>;

describe('triggers.calendar_list', () => {
  it('calendar_list: every calendar, labelled with its slot length, sorted by label', async () => {
    nock(API, CALENDARS_VERSION).get('/calendars/').query({ locationId: LOCATION_ID }).reply(200, calendars);
    const results = (await appTester(listCalendarChoices, { authData })) as Row[];
    expect(results.map((r) => r.label)).toEqual(['Live Workshops (90 min)', 'Old Workshops (2 hours)', 'Pilates 1:1 (60 min)']);
    expect(results[2]).toEqual({ id: CAL, name: 'Pilates 1:1', label: 'Pilates 1:1 (60 min)', slotDuration: 60, slotDurationUnit: 'mins' });
  });
});
