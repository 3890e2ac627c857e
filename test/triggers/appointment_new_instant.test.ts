import nock from 'nock';
import { appointmentFromRest } from '../../lib/appointment/schema';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/appointment_new_instant';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { API, CALENDARS_VERSION, CONTACTS_VERSION, LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { appointmentEvent, clearRelayEnv, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';
import appointmentFixture from '../fixtures/appointment.json';

type Item = Record<string, unknown>;
const hook = (payload: Record<string, unknown>) =>
  appTester(perform, { authData, inputData: {}, ...hookBundle(deliveryBody('appointment.created', payload)) }, true) as Promise<Item[]>;

atNow();

describe('triggers.appointment_new_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'appointment.created',
    inputData: { calendarId: CAL },
    filters: { calendarId: CAL },
    pollingLabel: 'New Appointment',
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs exactly what New Appointment outputs for the appointment, from the AppointmentCreate body, with no request', async () => {
      const { event } = appointmentFixture;
      const [item] = await hook(appointmentEvent('AppointmentCreate', { ...event, locationId: undefined }));
      const polled = appointmentFromRest(event);
      for (const key of Object.keys(polled).filter(
        (k) => !['description', 'isRecurring', 'rrule', 'assignedResources', 'createdBy', 'users', 'groupId'].includes(k),
      )) {
        expect([key, item[key]]).toEqual([key, polled[key]]);
      }
      expect(item).toMatchObject({
        id: 'Ap7kQ2mN4pR6sT8uV0wX',
        locationId: LOCATION_ID,
        startTime: '2026-06-24T11:00:00+02:00',
        appointmentStatus: 'confirmed',
      });
    });

    it("reads times sent without a zone in the location's time zone (§14.2)", async () => {
      nock(API, CONTACTS_VERSION)
        .get(`/locations/${LOCATION_ID}`)
        .reply(200, { location: { id: LOCATION_ID, timezone: 'Europe/Berlin' } });
      const [item] = await hook(appointmentEvent('AppointmentCreate', { startTime: '2026-06-24 11:00:00', endTime: '2026-06-24 12:00:00' }));
      expect([item.startTime, item.endTime]).toEqual(['2026-06-24T11:00:00+02:00', '2026-06-24T12:00:00+02:00']);
    });

    it('reads the appointment in full when the body lacks its calendar or times', async () => {
      const scope = nock(API, CALENDARS_VERSION).get('/calendars/events/appointments/0007BWpSzSwfiuSl0tR2').reply(200, appointmentFixture);
      const [item] = await hook(appointmentEvent('AppointmentCreate', { calendarId: undefined, startTime: undefined }));
      expect(scope.isDone()).toBe(true);
      expect(item).toMatchObject({ calendarId: CAL, startTime: '2026-06-24T11:00:00+02:00', locationId: LOCATION_ID });
    });
  });

  it("performList is New Appointment's read (newest booking first)", async () => {
    eventsOn(CAL);
    const items = (await appTester(performList, { authData, inputData: { calendarId: CAL } })) as Item[];
    expect(items.map((i) => i.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ', 'Ap7kQ2mN4pR6sT8uV0wX', 'ApOld1aB2cD3eF4gH5iJ']);
  });
});
