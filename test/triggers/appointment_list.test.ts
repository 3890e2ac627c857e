import nock from 'nock';
import { perform as listAppointmentChoices } from '../../triggers/appointment_list';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, CALENDARS_VERSION, appTester, authData } from '../helpers/app';
import calendars from '../fixtures/calendars.json';

type Row = Record<string, unknown>;

atNow();

describe('triggers.appointment_list', () => {
  it('appointment_list: upcoming first, labelled with title, local start and status', async () => {
    nock(API, CALENDARS_VERSION)
      .get('/calendars/')
      .query(true)
      .reply(200, { calendars: [calendars.calendars[0]] });
    eventsOn(CAL);
    const results = (await appTester(listAppointmentChoices, { authData })) as Row[];
    expect(results).toEqual([
      { id: 'Ap7kQ2mN4pR6sT8uV0wX', label: 'Live Q&A: Core Strength, 2026-06-24 11:00 (confirmed)' },
      { id: 'ApNew9zY8xW7vU6tS5rQ', label: 'Pilates 1:1, 2026-07-02 09:00 (cancelled)' },
      { id: 'ApOld1aB2cD3eF4gH5iJ', label: 'Intro Session, 2026-06-01 10:00 (showed)' },
    ]);
  });
});
