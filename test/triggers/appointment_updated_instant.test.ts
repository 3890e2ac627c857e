import { perform, performList, performSubscribe, performUnsubscribe } from '../../triggers/appointment_updated_instant';
import { CAL, atNow, eventsOn } from '../helpers/appointments';
import { appTester, authData, thrown } from '../helpers/app';
import { describeRelaySubscription } from '../helpers/hook_trigger';
import { appointmentEvent, clearRelayEnv, deliveryBody, hookBundle, setRelayEnv } from '../helpers/hooks';

type Item = Record<string, unknown>;
const hook = (fields: Record<string, unknown>, { zapId = 'zap-1', status }: { zapId?: string; status?: string } = {}) =>
  appTester(perform, {
    authData,
    inputData: status ? { status } : {},
    ...hookBundle(deliveryBody('appointment.updated', appointmentEvent('AppointmentUpdate', fields)), { zapId }),
  }) as Promise<Item[]>;

atNow();

describe('triggers.appointment_updated_instant', () => {
  describeRelaySubscription({ performSubscribe, performUnsubscribe, event: 'appointment.updated', pollingLabel: 'Appointment Updated' });

  describe('perform', () => {
    beforeEach(setRelayEnv);
    afterEach(clearRelayEnv);

    it("outputs Appointment Updated's item: id <appointment id>:<dateUpdated>, the real id in appointmentId", async () => {
      const [item] = await hook({}, { zapId: 'zap-a' });
      expect(item).toMatchObject({
        id: '0007BWpSzSwfiuSl0tR2:2023-09-25T12:00:00+05:30',
        appointmentId: '0007BWpSzSwfiuSl0tR2',
        calendarId: 'BqTwX8QFwXzpegMve9EQ',
        appointmentStatus: 'confirmed',
        startTime: '2023-09-25T16:00:00+05:30',
      });
    });

    it('rescheduled and cancelled fire; a save that changes nothing does not (the same instant in another offset neither)', async () => {
      expect(await hook({}, { zapId: 'zap-b' })).toHaveLength(1);
      expect(await hook({ dateUpdated: '2023-09-25T13:00:00+05:30' }, { zapId: 'zap-b' })).toEqual([]);
      expect(await hook({ startTime: '2023-09-25T10:30:00Z', dateUpdated: '2023-09-25T13:00:00+05:30' }, { zapId: 'zap-b' })).toEqual([]);
      expect((await hook({ startTime: '2023-09-26T16:00:00+05:30' }, { zapId: 'zap-b' })).map((a) => a.startTime)).toEqual(['2023-09-26T16:00:00+05:30']);
      expect(
        (await hook({ startTime: '2023-09-26T16:00:00+05:30', appointmentStatus: 'cancelled' }, { zapId: 'zap-b' })).map((a) => a.appointmentStatus),
      ).toEqual(['cancelled']);
    });

    it('applies the status filter', async () => {
      expect(await hook({ appointmentStatus: 'confirmed' }, { zapId: 'zap-c', status: 'cancelled' })).toEqual([]);
      expect(await hook({ appointmentStatus: 'cancelled' }, { zapId: 'zap-c', status: 'cancelled' })).toHaveLength(1);
    });

    it('rejects an unknown status', async () => {
      expect((await thrown(hook({}, { status: 'gone' }))).message).toMatch(/Only When Status Is "gone" is not one of/);
    });
  });

  it("performList is Appointment Updated's read", async () => {
    eventsOn(CAL);
    const items = (await appTester(performList, { authData, inputData: { calendarId: CAL } })) as Item[];
    expect(items.map((i) => i.id)).toEqual(['ApNew9zY8xW7vU6tS5rQ:2026-06-10T14:05:31.512Z', 'ApOld1aB2cD3eF4gH5iJ:2026-06-01T09:30:00.000Z']);
  });
});
