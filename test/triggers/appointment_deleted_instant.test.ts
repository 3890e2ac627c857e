import nock from 'nock';
import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/appointment_deleted_instant';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { LOCATION_ID, appTester, authData } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { appointmentEvent, clearRelayEnv, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';

type Item = Record<string, unknown>;

atNow();

describe('triggers.appointment_deleted_instant', () => {
  describeRelaySubscription({
    performSubscribe,
    performUnsubscribe,
    event: 'appointment.deleted',
    inputData: { calendarId: CAL },
    filters: { calendarId: CAL },
    pollingLabel: undefined,
  });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it('outputs the appointment as it was, from the AppointmentDelete body, never reading it (it is gone)', async () => {
      const [item] = (await appTester(perform, {
        authData,
        ...hookBundle(deliveryBody('appointment.deleted', appointmentEvent('AppointmentDelete', { calendarId: undefined }))),
      })) as Item[];
      expect(item).toMatchObject({ id: '0007BWpSzSwfiuSl0tR2', calendarId: '', title: 'Appointment with GHL Dev team', locationId: LOCATION_ID });
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  it('performList shows the most recently changed appointments (HighLevel lists no deleted ones)', async () => {
    eventsOn(CAL);
    const items = (await appTester(performList, { authData, inputData: { calendarId: CAL } })) as Item[];
    expect(items.map((i) => i.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ', 'Ap7kQ2mN4pR6sT8uV0wX', 'ApOld1aB2cD3eF4gH5iJ']);
  });
});
